package io.github.smtplab.core.net;

/**
 * How a server waits for its clients: the two shells around the one engine ({@code ServerSession}).
 * Both feed the engine the bytes that arrived and write the replies it returns; neither takes a protocol
 * decision. See {@code docs/io-models.md} for what each costs, measured.
 */
public enum IoModel {
    /**
     * One virtual thread per connection, blocking {@code java.net} sockets: the code reads like the
     * dialogue (read, answer, read again). TLS (STARTTLS, implicit TLS) works here.
     */
    THREADS,
    /**
     * A few event loops ({@code java.nio} {@code Selector}, non-blocking channels, one loop per
     * processor), each serving many connections; an idle connection is only a channel and a session.
     * Message content and its fsync'ed delivery run on worker threads, never on a loop. No TLS yet.
     */
    NIO
}
