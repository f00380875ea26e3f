package io.github.smtplab.core;

/**
 * The peer broke the protocol: a reply that is not a reply (RFC 5321 §4.2), a line over its limit, a
 * connection closed in the middle of an exchange. This is the remote family of errors; misuse of this
 * library's API is reported with {@link IllegalStateException} or {@link IllegalArgumentException}.
 */
public class SmtpProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public SmtpProtocolException(String message) {
        super(message);
    }

    public SmtpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
