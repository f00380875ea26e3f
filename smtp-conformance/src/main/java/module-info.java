/**
 * smtp-conformance: a conformance suite for any SMTP server, over raw sockets. JDK only, and on purpose
 * nothing of smtp-core: a bug there must not hide itself by being on both sides of the wire.
 */
module io.github.smtplab.conformance {
    exports io.github.smtplab.conformance;
}
