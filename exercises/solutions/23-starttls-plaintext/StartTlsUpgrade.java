import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;

/**
 * Exercise 23, reference solution: what a server does when it reads STARTTLS, without sockets (RFC 3207
 * sections 4 and 4.2; the defence against CVE-2011-0411).
 */
final class StartTlsUpgrade {

    private StartTlsUpgrade() {}

    record Session(String ehloDomain, boolean tls) {}

    record Outcome(String reply, byte[] discarded, byte[] remaining, Session next) {}

    private static final byte[] NOTHING = new byte[0];

    static Outcome startTls(Session session, byte[] buffered) {
        int lineEnd = indexOfCrlf(buffered);
        if (lineEnd < 0) {
            throw new IllegalArgumentException("the buffer must start with a whole command line ending with CRLF");
        }
        String line = new String(buffered, 0, lineEnd, US_ASCII);
        byte[] rest = Arrays.copyOfRange(buffered, lineEnd + 2, buffered.length);
        if (!line.equalsIgnoreCase("STARTTLS")) {
            return new Outcome("501 5.5.4 Syntax error (no parameters allowed)", NOTHING, rest, session); // RFC 3207 4
        }
        if (session.tls()) {
            return new Outcome("503 5.5.1 TLS already active", NOTHING, rest, session); // RFC 3207 4.2: not offered again
        }
        if (session.ehloDomain() == null) {
            return new Outcome("503 5.5.1 Send EHLO first", NOTHING, rest, session); // RFC 3207 4: an EHLO extension
        }
        // RFC 3207 4.2: everything read before the handshake was sent in the clear: discarded, never answered
        byte[] discarded = rest;
        byte[] remaining = NOTHING;
        // RFC 3207 4.2: the protocol is reset to its initial state: the EHLO argument is forgotten
        Session next = new Session(null, true);
        return new Outcome("220 2.0.0 Ready to start TLS", discarded, remaining, next);
    }

    private static int indexOfCrlf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
