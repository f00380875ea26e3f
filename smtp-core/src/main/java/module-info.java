/**
 * smtp-core: the SMTP protocol engine of RFC 5321, and two small shells around it.
 *
 * <p>The package list is the design: {@code io.github.smtplab.core} is the engine without sockets
 * (sans-I/O), {@code io.github.smtplab.core.net} the socket shells that drive it, and
 * {@code io.github.smtplab.core.delivery} where accepted mail is stored. {@code io.github.smtplab.core.internal}
 * (not exported) holds helpers that are nobody else's business.
 */
module io.github.smtplab.core {
    exports io.github.smtplab.core;
    exports io.github.smtplab.core.net;
    exports io.github.smtplab.core.delivery;
}
