package io.github.smtplab.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@link Base64Codec#lenientDecodingStream(InputStream)}: reads {@code in} a chunk at a time through the
 * one {@link Base64LenientDecoder}, so memory use is constant and the octets are exactly those of
 * {@link Base64Codec#decodeLenient(byte[], int, int)} on the whole input, whatever the read sizes.
 */
final class Base64DecodingStream extends FilterInputStream {

    private static final int CHUNK = 8192;

    private final Base64LenientDecoder decoder = new Base64LenientDecoder();
    private final byte[] input = new byte[CHUNK];
    private final byte[] output = new byte[Base64LenientDecoder.maxOutput(CHUNK)];
    private final byte[] one = new byte[1];
    private int outPos;
    private int outEnd;
    private boolean finished;

    Base64DecodingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (outPos == outEnd && !finished) {
            fill();
        }
        if (outPos == outEnd) {
            return -1;
        }
        int n = Math.min(len, outEnd - outPos);
        System.arraycopy(output, outPos, b, off, n);
        outPos += n;
        return n;
    }

    @Override
    public int available() {
        return outEnd - outPos;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        byte[] scratch = new byte[512];
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Decodes the next chunk of input; at the end of the input or at "=", the final partial group. */
    private void fill() throws IOException {
        outPos = 0;
        int n = in.read(input, 0, CHUNK);
        outEnd = n < 0 ? 0 : decoder.update(input, 0, n, output, 0);
        if (n < 0 || decoder.ended()) {
            outEnd = decoder.finish(output, outEnd);
            finished = true;
        }
    }
}
