package io.github.smtplab.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A {@link MessageSink} that passes everything on to another sink: the one wrapper for a delivery that
 * stands in front of another delivery. Extend it and override only what you add (for example a line
 * printed after {@link #complete()}); the rest forwards unchanged, so the inner sink's promise — on disk
 * before a 2yz reply (RFC 5321 §6.1) — stays the inner sink's.
 *
 * <p>A delivery that must see the whole message before it can pass anything on (a DKIM signer, the inbound
 * checks) uses {@link #passOn} at its own end of data instead: it opens the next sink then, writes what it
 * decided to write, and returns that sink's reply.
 */
public class ForwardingSink implements MessageSink {

    /** What a delivery writes into the next sink at its end of data. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole message into {@code next} (any number of {@link MessageSink#write} calls). */
        void writeTo(MessageSink next) throws IOException;
    }

    private final MessageSink next;

    /** A sink that forwards to {@code next}. */
    public ForwardingSink(MessageSink next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void write(ByteBuffer content) throws IOException {
        next.write(content);
    }

    @Override
    public void transferFrom(FileChannel source, long position, long count) throws IOException {
        next.transferFrom(source, position, count);
    }

    @Override
    public Reply complete() throws IOException {
        return next.complete();
    }

    @Override
    public void abort() {
        next.abort();
    }

    /**
     * Writes {@code content} into {@code next} and completes it, returning its reply; if writing fails,
     * {@code next} is aborted (so it leaves nothing behind) and the failure goes on to the caller.
     */
    public static Reply passOn(MessageSink next, Content content) throws IOException {
        try {
            content.writeTo(next);
        } catch (IOException | RuntimeException e) {
            next.abort();
            throw e;
        }
        return next.complete();
    }
}
