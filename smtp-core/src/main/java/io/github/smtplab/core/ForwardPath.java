package io.github.smtplab.core;

/**
 * The argument of RCPT TO (RFC 5321 §4.1.1.3): a mailbox, or the bare {@code <Postmaster>} that every
 * server must accept without a domain (§4.5.1).
 */
public sealed interface ForwardPath permits Mailbox, ForwardPath.Postmaster {

    /** {@code <Postmaster>} without a domain. */
    Postmaster POSTMASTER = new Postmaster();

    /** The local postmaster, {@code RCPT TO:<Postmaster>} (case-insensitive, §4.5.1). */
    record Postmaster() implements ForwardPath {
        @Override
        public String toPathString() {
            return "<Postmaster>";
        }
    }

    /** The path as written in a RCPT command, angle brackets included. */
    String toPathString();
}
