package io.github.smtplab.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Splits of an input into pieces, for the properties "the one-call result equals the streamed result for
 * any split": piece sizes are taken in turn from a generated list (0 meaning a one-octet {@code write(int)}
 * or {@code read()}), on both sides of a stream.
 */
final class Splits {

    private Splits() {}

    /** 1 to 20 piece sizes from 0 to {@code max}. */
    static Gen<int[]> pieceSizes(int max) {
        return Generate.intArrays(Generate.range(1, 20), Generate.range(0, max));
    }

    /** Writes {@code data} to the stream made by {@code encoder} in pieces of the given sizes, then closes it. */
    static byte[] writeInPieces(byte[] data, int[] sizes, Function<OutputStream, OutputStream> encoder) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = encoder.apply(sink)) {
            int at = 0;
            for (int k = 0; at < data.length; k++) {
                int size = sizes[k % sizes.length];
                if (size == 0) {
                    out.write(data[at++]);
                } else {
                    int n = Math.min(size, data.length - at);
                    out.write(data, at, n);
                    at += n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /**
     * Reads everything from the stream made by {@code decoder} over {@code data}: the source hands out
     * pieces of {@code sourceSizes} (short reads), the reader asks for pieces of {@code readSizes}.
     */
    static byte[] readInPieces(byte[] data, int[] sourceSizes, int[] readSizes,
            Function<InputStream, InputStream> decoder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = decoder.apply(new ShortReads(data, sourceSizes))) {
            for (int k = 0;; k++) {
                int size = readSizes[k % readSizes.length];
                if (size == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                } else {
                    byte[] buf = new byte[size];
                    int n = in.read(buf, 0, size);
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A source that returns at most the next piece size per read (at least one octet). */
    private static final class ShortReads extends ByteArrayInputStream {
        private final int[] sizes;
        private int k;

        ShortReads(byte[] data, int[] sizes) {
            super(data);
            this.sizes = sizes;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int limit = Math.max(1, sizes[k++ % sizes.length]);
            return super.read(b, off, Math.min(len, limit));
        }
    }
}
