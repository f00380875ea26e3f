package io.github.smtplab.pop3;

import java.io.IOException;
import java.util.Optional;

/**
 * The server answered {@code -ERR}: it refused (a wrong password, a message that does not exist), as
 * opposed to a connection or protocol failure. The response code, if any, says why (RFC 2449 §8).
 */
public final class Pop3RefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The response code between brackets, as sent (e.g. {@code AUTH}, {@code IN-USE}). */
    private final String code;

    /** @param command what the client had sent (passwords masked); {@code line} the -ERR line */
    public Pop3RefusedException(String command, String line) {
        super(command + " refused: " + line);
        this.code = codeOf(line);
    }

    /** The extended response code, e.g. {@code IN-USE}, when the server sent one (RFC 2449 §8). */
    public Optional<String> responseCode() {
        return Optional.ofNullable(code);
    }

    private static String codeOf(String line) {
        if (line.startsWith("-ERR [")) {
            int end = line.indexOf(']');
            if (end > 6) {
                return line.substring(6, end);
            }
        }
        return null;
    }
}
