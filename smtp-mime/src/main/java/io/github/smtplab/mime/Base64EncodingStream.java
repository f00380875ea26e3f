package io.github.smtplab.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * {@link Base64Codec#mimeEncodingStream(OutputStream)}: each write goes through the one
 * {@link Base64MimeEncoder}, in slices small enough for a fixed buffer, so memory use is constant and the
 * output is identical to {@link Base64Codec#encodeMime(byte[])} whatever the write sizes.
 */
final class Base64EncodingStream extends FilterOutputStream {

    /** Input octets encoded per slice: 64 whole MIME lines. */
    private static final int SLICE = 64 * Base64Codec.MIME_LINE_OCTETS;

    private final Base64MimeEncoder encoder = new Base64MimeEncoder();
    private final byte[] buffer = new byte[encoder.maxOutput(SLICE + 2)];
    private final byte[] one = new byte[1];
    private boolean closed;

    Base64EncodingStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        while (len > 0) {
            int take = Math.min(len, SLICE);
            int n = encoder.update(b, off, take, buffer, 0);
            out.write(buffer, 0, n);
            off += take;
            len -= take;
        }
    }

    /** Writes the final padded group and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        int n = encoder.finish(buffer, 0);
        out.write(buffer, 0, n);
        out.close();
    }
}
