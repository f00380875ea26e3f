package io.github.smtplab.core;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where the content of one message goes as it arrives (already dot-unstuffed, CRLF line ends), chunk by
 * chunk, so that a large message is never held whole in memory.
 *
 * <p>Exactly one of {@link #complete()} or {@link #abort()} is called at the end. A sink that stores
 * mail must have the message safely on disk (fsync) before {@code complete} returns a 2yz reply: that
 * reply tells the client the server has taken responsibility (RFC 5321 §4.1.1.4, §6.1).
 */
public interface MessageSink {

    /** Receives the next chunk of content; the buffer is reused after this returns. */
    void write(ByteBuffer content) throws IOException;

    /**
     * Receives the next {@code count} bytes of content from a file, from {@code position} on: how a
     * delivery that kept the body in a spool file (the inbound checks) passes it on. By default they are
     * read in 64 KiB pieces into {@link #write}; a sink that writes a file lets the kernel copy them
     * instead ({@link FileChannel#transferTo}: no pass through the heap, and on a file system that shares
     * extents no second copy of the data at all).
     */
    default void transferFrom(FileChannel source, long position, long count) throws IOException {
        ByteBuffer piece = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        long end = position + count;
        for (long at = position; at < end; ) {
            piece.clear().limit((int) Math.min(piece.capacity(), end - at));
            int n = source.read(piece, at);
            if (n < 0) {
                throw new EOFException("the source file ended " + (end - at) + " bytes early");
            }
            at += n;
            piece.flip();
            write(piece);
        }
    }

    /** The whole message has arrived: store it and return the reply for the client (250 if accepted). */
    Reply complete() throws IOException;

    /** The message is abandoned (error, too big, connection lost): leave nothing behind. */
    void abort();

    /** What to do with a whole message once it has arrived: the reply for the client. */
    @FunctionalInterface
    interface WholeMessage {
        /** {@code message} is the content as received (dot-unstuffed, CRLF line ends). */
        Reply complete(byte[] message) throws IOException;
    }

    /**
     * A sink that gathers the message in memory and hands it whole to {@code then} at the end; abort
     * forgets it. For tests, and for a delivery that must see everything before it can act (a DKIM
     * signature covers the body); the engine has already bounded the size (SIZE, RFC 1870), but the
     * message is held whole, so a server that stores large mail streams it instead.
     */
    static MessageSink gathering(WholeMessage then) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        return new MessageSink() {
            @Override
            public void write(ByteBuffer chunk) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                content.writeBytes(b);
            }

            @Override
            public Reply complete() throws IOException {
                return then.complete(content.toByteArray());
            }

            @Override
            public void abort() {
                content.reset();
            }
        };
    }

    /** A sink that counts and forgets, and accepts with 250. */
    static MessageSink discarding() {
        return new MessageSink() {
            @Override
            public void write(ByteBuffer content) {
                content.position(content.limit());
            }

            @Override
            public Reply complete() {
                return Replies.MESSAGE_ACCEPTED;
            }

            @Override
            public void abort() {}
        };
    }
}
