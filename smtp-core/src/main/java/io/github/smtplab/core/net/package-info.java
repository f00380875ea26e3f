/**
 * The socket shells around the engine: the I/O half of smtp-core.
 *
 * <p>{@link io.github.smtplab.core.net.SmtpServer} accepts connections (one virtual thread each, within
 * {@link io.github.smtplab.core.net.ConnectionLimits}) and runs a loop per connection that reads bytes,
 * feeds them to a {@link io.github.smtplab.core.ServerSession}, writes the replies it returns and obeys
 * its verdicts (close, start TLS). {@link io.github.smtplab.core.net.SmtpClient} does the same for a
 * {@link io.github.smtplab.core.ClientSession}. What the engine leaves out lives here: time (the
 * deadlines of RFC 5321 section 4.5.3.2, {@link io.github.smtplab.core.net.ServerTimeouts},
 * {@link io.github.smtplab.core.net.ReplyDeadlines}), the socket itself, and swapping it for a TLS one
 * ({@link io.github.smtplab.core.net.TlsUpgrade}, {@link io.github.smtplab.core.net.ClientTls}, which
 * smtp-tls implements). No protocol rule is decided in this package: each one is the engine's.
 */
package io.github.smtplab.core.net;
