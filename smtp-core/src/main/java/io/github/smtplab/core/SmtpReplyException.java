package io.github.smtplab.core;

/** The server answered with a refusal where the client could not go on (greeting, EHLO/HELO). */
public final class SmtpReplyException extends SmtpProtocolException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    public SmtpReplyException(String message, Reply reply) {
        super(message + ": " + reply);
        this.reply = reply;
    }

    /** The server's reply. */
    public Reply reply() {
        return reply;
    }
}
