package io.github.smtplab.core.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The deadlines of a server connection. They are deadlines, not per-read timeouts: a client that
 * drips one octet now and then still has to finish within them, so it cannot hold a connection slot
 * for ever.
 *
 * <ul>
 *   <li>{@code commandLine}: from the server's last reply (or the greeting) to the end of the next
 *       complete command line. RFC 5321 §4.5.3.2.7 asks a server to wait at least 5 minutes for the
 *       next command; 5 minutes is the default. It also bounds each read during message content and the
 *       TLS handshake.</li>
 *   <li>{@code message}: from the 354 after DATA (or a BDAT command) to the end of that content. RFC 5321
 *       gives no server value; its longest client value, 10 minutes for the reply after the end of data
 *       (§4.5.3.2.6), is the default: a client that needs longer for one message is gone.</li>
 *   <li>{@code write}: how long writing the replies may block because the client does not read them.
 *       No RFC value either; the default is the 5 minutes of §4.5.3.2.7: a client that does not read its
 *       replies for as long as a server waits for a command is gone too. The connection is then closed.</li>
 * </ul>
 *
 * @param commandLine the deadline for one command line
 * @param message     the deadline for the content of one message (DATA) or one BDAT chunk
 * @param write       the deadline for writing one group of replies
 */
public record ServerTimeouts(Duration commandLine, Duration message, Duration write) {

    /** RFC 5321 §4.5.3.2.7: a server waits at least 5 minutes for the next command. */
    public static final Duration RFC_COMMAND_LINE = Duration.ofMinutes(5);
    /** RFC 5321 §4.5.3.2.6: a client waits 10 minutes for the reply after the end of data. */
    public static final Duration RFC_MESSAGE = Duration.ofMinutes(10);

    /** The defaults: 5 minutes per command line, 10 per message, 5 per write. */
    public static final ServerTimeouts DEFAULTS = new ServerTimeouts(RFC_COMMAND_LINE, RFC_MESSAGE, RFC_COMMAND_LINE);

    /** Checks that each deadline is positive and fits a socket timeout (below 24 days). */
    public ServerTimeouts {
        check(commandLine, "commandLine");
        check(message, "message");
        check(write, "write");
    }

    /** The same with another command-line deadline. */
    public ServerTimeouts withCommandLine(Duration deadline) {
        return new ServerTimeouts(deadline, message, write);
    }

    /** The same with another message deadline. */
    public ServerTimeouts withMessage(Duration deadline) {
        return new ServerTimeouts(commandLine, deadline, write);
    }

    /** The same with another write deadline. */
    public ServerTimeouts withWrite(Duration deadline) {
        return new ServerTimeouts(commandLine, message, deadline);
    }

    private static void check(Duration deadline, String name) {
        Objects.requireNonNull(deadline, name);
        if (deadline.isNegative() || deadline.isZero() || deadline.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days: " + deadline);
        }
    }
}
