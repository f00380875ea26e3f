/**
 * smtp-core: the SMTP protocol engine of RFC 5321, without sockets.
 *
 * <p>Exports only {@code io.github.smtplab.core}; {@code io.github.smtplab.core.internal} holds helpers
 * that are nobody else's business.
 */
module io.github.smtplab.core {
    exports io.github.smtplab.core;
}
