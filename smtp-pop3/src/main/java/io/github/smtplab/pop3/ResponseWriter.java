package io.github.smtplab.pop3;

import io.github.smtplab.core.DotStuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Puts responses on the wire. Single-line responses and listings are small; a message (RETR, TOP) is
 * read from its {@link MessageSource} in chunks of {@value #CHUNK} octets and byte-stuffed on the way by
 * smtp-core's {@link DotStuffer} (RFC 1939 §3 uses SMTP's rule), so memory stays bounded whatever the
 * message's size.
 *
 * <p>The message is opened before its {@code +OK} line is written: a message that vanished (removed by
 * another program) gets {@code -ERR [SYS/TEMP]} instead of a half answer.
 */
public final class ResponseWriter {

    /** Octets read from a message file at a time. */
    static final int CHUNK = 64 * 1024;

    private ResponseWriter() {}

    /** Writes {@code responses} in order and flushes once at the end (pipelined answers in one write). */
    public static void write(List<Pop3Response> responses, OutputStream out) throws IOException {
        for (Pop3Response response : responses) {
            switch (response) {
                case Pop3Response.MultiLine multiLine -> out.write(multiLine.toBytes());
                case Pop3Response.Content content -> writeContent(content, out);
                default -> writeLine(response.firstLine(), out);
            }
        }
        out.flush();
    }

    private static void writeContent(Pop3Response.Content content, OutputStream out) throws IOException {
        InputStream in;
        try {
            in = content.source().open();
        } catch (IOException e) {
            writeLine(Pop3Response.Err.of(ResponseCode.SYS_TEMP, "message unavailable now").firstLine(), out);
            return;
        }
        try (in) {
            writeLine(content.firstLine(), out);
            TopFilter top = content.bodyLines().isPresent() ? new TopFilter(content.bodyLines().getAsInt()) : null;
            DotStuffer stuffer = new DotStuffer();
            byte[] chunk = new byte[CHUNK];
            ByteBuffer stuffed = ByteBuffer.allocate(2 * CHUNK + 8);   // every octet may double
            int n;
            while ((top == null || !top.done()) && (n = in.read(chunk)) > 0) {
                int length = top == null ? n : top.accept(chunk, 0, n);
                ByteBuffer input = ByteBuffer.wrap(chunk, 0, length);
                while (input.hasRemaining()) {
                    stuffer.encode(input, stuffed);
                    drain(stuffed, out);
                }
            }
            while (!stuffer.finish(stuffed)) {
                drain(stuffed, out);
            }
            drain(stuffed, out);
        }
    }

    private static void drain(ByteBuffer buffer, OutputStream out) throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private static void writeLine(String line, OutputStream out) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
