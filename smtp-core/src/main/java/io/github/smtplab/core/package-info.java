/**
 * The SMTP protocol engine, without sockets ("sans-I/O"): bytes and lines in, replies and events out.
 *
 * <p>Nothing in this package opens a socket, starts a thread, touches a file or reads the clock. The
 * {@link io.github.smtplab.core.ServerSession} and {@link io.github.smtplab.core.ClientSession} state
 * machines are fed the bytes that arrived and hand back the bytes to send and what to do next; the
 * grammar ({@link io.github.smtplab.core.CommandParser}, {@link io.github.smtplab.core.ReplyParser}), the
 * framing of message data ({@link io.github.smtplab.core.DataDecoder},
 * {@link io.github.smtplab.core.DotStuffer}) and the application's say
 * ({@link io.github.smtplab.core.ServerHooks}, {@link io.github.smtplab.core.MessageSink}) are plain
 * objects tested with strings. Two sibling packages wrap it: {@code core.net}, the shells that move the
 * bytes over {@code java.net} sockets with deadlines, and {@code core.delivery}, the places accepted mail
 * is stored. Both depend on this package; this package depends on neither.
 *
 * <p>RFCs implemented: RFC 5321 (SMTP), RFC 3463 (enhanced status codes), RFC 2034
 * (ENHANCEDSTATUSCODES), RFC 1870 (SIZE), RFC 2920 (PIPELINING), RFC 6152 (8BITMIME), RFC 6531
 * (SMTPUTF8), RFC 3030 (CHUNKING/BDAT), RFC 3461 (DSN parameters); the command syntax of RFC 3207
 * (STARTTLS) and RFC 4954 (AUTH), whose behaviour extensions plug in.
 */
package io.github.smtplab.core;
