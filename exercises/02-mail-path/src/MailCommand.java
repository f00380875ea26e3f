import java.util.Map;

/**
 * Exercise 02: the arguments of MAIL FROM and RCPT TO (RFC 5321 section 4.1.2).
 */
final class MailCommand {

    /**
     * A parsed path with its parameters.
     *
     * @param mailbox    the mailbox, e.g. {@code alice@monentreprise.fr}; empty for the null reverse-path {@code <>}
     * @param parameters ESMTP parameters by upper-case keyword, e.g. {@code SIZE -> 1234}; {@code ""} when no value
     */
    record Path(String mailbox, Map<String, String> parameters) {}

    private MailCommand() {}

    /** Parses a whole {@code MAIL FROM:<...> params} line (without CRLF). */
    static Path parseMailFrom(String line) {
        throw new UnsupportedOperationException("exercise 02: write parseMailFrom()");
    }

    /** Parses a whole {@code RCPT TO:<...> params} line (without CRLF). */
    static Path parseRcptTo(String line) {
        throw new UnsupportedOperationException("exercise 02: write parseRcptTo()");
    }
}
