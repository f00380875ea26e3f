package io.github.smtplab.core;

/**
 * The argument of MAIL FROM (RFC 5321 §4.1.1.2, §4.1.2 {@code Reverse-path = Path / "<>"}): a mailbox to
 * which failures are reported, or the null path {@code <>} used by bounces so that they never bounce.
 */
public sealed interface ReversePath permits Mailbox, ReversePath.NullPath {

    /** The null reverse-path {@code <>} (§4.5.5: used for delivery status notifications). */
    NullPath NULL = new NullPath();

    /** {@code <>}. */
    record NullPath() implements ReversePath {
        @Override
        public String toPathString() {
            return "<>";
        }
    }

    /** The path as written in a MAIL command, angle brackets included. */
    String toPathString();
}
