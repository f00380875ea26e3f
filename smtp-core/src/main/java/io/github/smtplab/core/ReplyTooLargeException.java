package io.github.smtplab.core;

/**
 * The server sent a reply larger than the client accepts: a line over 512 octets (RFC 5321 §4.5.3.1.5),
 * or more lines or octets than {@link ReplyParser} keeps for one reply. The client stops reading that
 * reply at once, so a server that sends {@code 220-...} lines forever costs a bounded amount of memory;
 * the delivery attempt fails with this error.
 */
public final class ReplyTooLargeException extends SmtpProtocolException {

    private static final long serialVersionUID = 1L;

    /** Which bound the reply broke. */
    public enum Limit {
        /** {@link Reply#MAX_REPLY_LINE} octets per line, CRLF included (RFC 5321 §4.5.3.1.5). */
        LINE_OCTETS,
        /** {@link ReplyParser#MAX_LINES_PER_REPLY} lines per reply. */
        LINES,
        /** {@link ReplyParser#MAX_REPLY_OCTETS} octets per reply. */
        REPLY_OCTETS
    }

    private final Limit limit;

    public ReplyTooLargeException(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The bound that was broken. */
    public Limit limit() {
        return limit;
    }
}
