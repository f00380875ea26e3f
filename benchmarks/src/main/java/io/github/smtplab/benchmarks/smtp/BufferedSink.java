package io.github.smtplab.benchmarks.smtp;

import io.github.smtplab.core.ForwardingSink;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Reply;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An experiment for issue 3, not part of the server: a {@link MessageSink} that gathers the chunks the
 * server hands over (one per socket read, often a few KB) into a {@value #CAPACITY}-octet buffer and
 * passes them on in fewer, larger writes. {@link BenchServer} uses it in {@code buffered:} mode to measure
 * what the Maildir delivery would save by writing this way.
 */
final class BufferedSink extends ForwardingSink {

    /** The size of each write passed on (the size of the server's DATA read buffer). */
    static final int CAPACITY = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocate(CAPACITY);

    BufferedSink(MessageSink target) {
        super(target);
    }

    @Override
    public void write(ByteBuffer content) throws IOException {
        while (content.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), content.remaining());
            ByteBuffer slice = content.slice(content.position(), n);
            buffer.put(slice);
            content.position(content.position() + n);
        }
    }

    @Override
    public Reply complete() throws IOException {
        flush();
        return super.complete();
    }

    private void flush() throws IOException {
        buffer.flip();
        super.write(buffer);
        buffer.clear();
    }
}
