package io.github.smtplab.mime;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Quoted-printable, RFC 2045 §6.7, written by hand.
 *
 * <p>The five rules of §6.7, as this class applies them when encoding:
 * <ol>
 *   <li>General 8-bit representation: any octet may be written {@code =XY} with two upper-case hex digits;
 *       it must be for {@code =} itself and for octets outside 33–126.</li>
 *   <li>Literal representation: octets 33–60 and 62–126 stand for themselves.</li>
 *   <li>White space: SPACE and TAB stand for themselves, except at the end of an encoded line, where
 *       they are encoded ({@code =20}, {@code =09}) — a decoder deletes trailing white space.</li>
 *   <li>Line breaks: in {@link QuotedPrintableMode#TEXT} a CRLF of the input is a hard line break,
 *       written as CRLF; a lone CR or LF is not a line break and is encoded. In
 *       {@link QuotedPrintableMode#BINARY} CR and LF are always encoded ({@code =0D}, {@code =0A}).</li>
 *   <li>Soft line breaks: no encoded line is longer than {@value #MAX_LINE_LENGTH} characters; a longer
 *       line is cut by ending it with {@code =} CRLF, which the decoder removes.</li>
 * </ol>
 *
 * <p>Decoding ({@link #decode(byte[])}) is lenient, as §6.7 recommends for robustness: an {@code =} not
 * followed by two hex digits or a line break is kept literally, lower-case hex is accepted, trailing white
 * space is removed, and a bare LF is taken as a line break (written out as CRLF). {@link #decodingStream}
 * does the same on a stream.
 */
public final class QuotedPrintableCodec {

    /** RFC 2045 §6.7 rule 5: "The Quoted-Printable encoding REQUIRES that encoded lines be no more than 76 characters long." */
    public static final int MAX_LINE_LENGTH = 76;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintableCodec() {}

    /** Encodes {@code data}; the result is US-ASCII with CRLF line breaks. */
    public static String encode(byte[] data, QuotedPrintableMode mode) {
        return new String(encodeToBytes(data, mode), StandardCharsets.US_ASCII);
    }

    /** Encodes {@code data} into US-ASCII bytes with CRLF line breaks. */
    public static byte[] encodeToBytes(byte[] data, QuotedPrintableMode mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 8 + 16);
        try (OutputStream encoder = encodingStream(out, mode)) {
            encoder.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /**
     * A stream that quoted-printable-encodes what is written to it into {@code out}; {@code close()}
     * flushes the held-back white space or CR and closes {@code out}.
     */
    public static OutputStream encodingStream(OutputStream out, QuotedPrintableMode mode) {
        return new EncodingStream(Objects.requireNonNull(out, "out"), Objects.requireNonNull(mode, "mode"));
    }

    /** Rule 2: the octets that may stand for themselves (not SPACE/TAB, which rule 3 governs). */
    static boolean isLiteral(int b) {
        return b >= 33 && b <= 126 && b != '=';
    }

    /** {@link #isLiteral} as a table, for the encoder's fast path. */
    private static final boolean[] LITERAL = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            LITERAL[b] = isLiteral(b);
        }
    }

    private static final class EncodingStream extends FilterOutputStream {
        private final QuotedPrintableMode mode;
        /** Characters already on the current encoded line. */
        private int column;
        /** A SPACE or TAB held back until we know whether a line break follows (rule 3), or -1. */
        private int heldWhiteSpace = -1;
        /** In TEXT mode, a CR held back until we know whether LF follows (rule 4). */
        private boolean heldCr;
        private boolean closed;
        private final byte[] buffer = new byte[4096];
        private int used;

        EncodingStream(OutputStream out, QuotedPrintableMode mode) {
            super(out);
            this.mode = mode;
        }

        /**
         * Same result as {@link #write(int)} for each octet; runs of rule-2 literals (and single SPACE or
         * TAB between them) are copied in one go (speed only), everything else goes octet by octet.
         */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            int end = off + len;
            int i = off;
            while (i < end) {
                if (heldCr || heldWhiteSpace >= 0 || !LITERAL[b[i] & 0xff]) {
                    write(b[i++]);
                    continue;
                }
                if (column >= MAX_LINE_LENGTH - 1) {
                    makeRoom(1); // rule 5: soft line break
                }
                int stop = Math.min(end, i + (MAX_LINE_LENGTH - 1 - column));
                int j = i;
                while (j < stop) {
                    if (LITERAL[b[j] & 0xff]) {
                        j++;
                    } else if ((b[j] == ' ' || b[j] == '\t') && j + 1 < stop && LITERAL[b[j + 1] & 0xff]) {
                        j += 2; // rule 3: white space followed by a literal on the same line stays literal
                    } else {
                        break;
                    }
                }
                putRange(b, i, j);
                column += j - i;
                i = j;
            }
        }

        private void putRange(byte[] b, int from, int to) throws IOException {
            while (from < to) {
                if (used == buffer.length) {
                    out.write(buffer, 0, used);
                    used = 0;
                }
                int n = Math.min(to - from, buffer.length - used);
                System.arraycopy(b, from, buffer, used, n);
                used += n;
                from += n;
            }
        }

        @Override
        public void write(int octet) throws IOException {
            int b = octet & 0xff;
            if (heldCr) {
                heldCr = false;
                if (b == '\n') {
                    releaseWhiteSpace(true);
                    hardBreak();
                    return;
                }
                releaseWhiteSpace(false);
                emitEncoded('\r');
            }
            if (mode == QuotedPrintableMode.TEXT && b == '\r') {
                heldCr = true;
                return;
            }
            releaseWhiteSpace(false);
            if (b == ' ' || b == '\t') {
                heldWhiteSpace = b;
            } else if (isLiteral(b)) {
                emitLiteral(b);
            } else {
                emitEncoded(b);
            }
        }

        /** Writes the held white space: encoded if it ends a line (rule 3), literally otherwise. */
        private void releaseWhiteSpace(boolean endOfLine) throws IOException {
            if (heldWhiteSpace < 0) {
                return;
            }
            int ws = heldWhiteSpace;
            heldWhiteSpace = -1;
            if (endOfLine) {
                emitEncoded(ws);
            } else {
                emitLiteral(ws);
            }
        }

        private void emitLiteral(int b) throws IOException {
            makeRoom(1);
            put(b);
            column += 1;
        }

        private void emitEncoded(int b) throws IOException {
            makeRoom(3);
            put('=');
            put(HEX[b >>> 4]);
            put(HEX[b & 0xf]);
            column += 3;
        }

        /**
         * Rule 5: keep 1 column for a soft break's "=", so a line is never longer than 76 characters;
         * "=XY" is never cut.
         */
        private void makeRoom(int width) throws IOException {
            if (column + width > MAX_LINE_LENGTH - 1) {
                put('=');
                put('\r');
                put('\n');
                column = 0;
            }
        }

        private void hardBreak() throws IOException {
            put('\r');
            put('\n');
            column = 0;
        }

        private void put(int b) throws IOException {
            if (used == buffer.length) {
                out.write(buffer, 0, used);
                used = 0;
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void flush() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (heldCr) {
                heldCr = false;
                releaseWhiteSpace(false);
                emitEncoded('\r');
            }
            releaseWhiteSpace(true); // end of data is the end of a line
            flush();
            out.close();
        }
    }

    /**
     * Decodes quoted-printable leniently (see the class comment). Never fails; the output is never
     * longer than the input plus one octet per bare LF.
     */
    public static byte[] decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Decodes {@code data[offset, offset + length)} leniently; see {@link #decode(byte[])}. */
    public static byte[] decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int end = offset + length;
        int lineFeeds = 0;
        for (int i = offset; i < end; i++) {
            if (data[i] == '\n') {
                lineFeeds++;
            }
        }
        byte[] out = new byte[length + lineFeeds];
        int pos = 0;
        int lineStart = offset;
        while (lineStart < end) {
            int lf = lineStart;
            while (lf < end && data[lf] != '\n') {
                lf++;
            }
            boolean hasBreak = lf < end;
            int contentEnd = lf;
            if (hasBreak && contentEnd > lineStart && data[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            // Rule 3: trailing white space "must be deleted" by a decoder.
            while (contentEnd > lineStart && (data[contentEnd - 1] == ' ' || data[contentEnd - 1] == '\t')) {
                contentEnd--;
            }
            // Rule 5: "=" at the very end of a line is a soft line break.
            boolean softBreak = contentEnd > lineStart && data[contentEnd - 1] == '=';
            if (softBreak) {
                contentEnd--;
            }
            pos = decodeLine(data, lineStart, contentEnd, out, pos);
            if (hasBreak && !softBreak) {
                out[pos++] = '\r';
                out[pos++] = '\n';
            }
            lineStart = hasBreak ? lf + 1 : end;
        }
        return Arrays.copyOf(out, pos);
    }

    private static int decodeLine(byte[] data, int from, int to, byte[] out, int pos) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b == '=' && i + 2 < to) {
                int hi = hexValue(data[i + 1]);
                int lo = hexValue(data[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    out[pos++] = (byte) (hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out[pos++] = b; // robustness (§6.7 note): a stray "=" stays as it is
        }
        return pos;
    }

    /**
     * A stream that reads quoted-printable from {@code in} and yields exactly what {@link #decode(byte[])}
     * would return for the whole input. Memory stays bounded: a line longer than
     * {@value #STREAM_LINE_BUFFER} octets is decoded in pieces (only a run that long of nothing but white
     * space and "=", which the batch decoder might strip or join, can then come out differently).
     */
    public static InputStream decodingStream(InputStream in) {
        return new DecodingStream(Objects.requireNonNull(in, "in"));
    }

    /** Octets of one encoded line held by {@link #decodingStream} before it decodes a piece of it. */
    public static final int STREAM_LINE_BUFFER = 8192;

    private static final class DecodingStream extends InputStream {
        private final InputStream in;
        private final byte[] line = new byte[STREAM_LINE_BUFFER];
        private int lineLength;
        private byte[] decoded = new byte[0];
        private int decodedPos;
        private boolean eof;

        DecodingStream(InputStream in) {
            this.in = new java.io.BufferedInputStream(in); // fill() reads octet by octet
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (decodedPos == decoded.length) {
                if (eof) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, decoded.length - decodedPos);
            System.arraycopy(decoded, decodedPos, b, off, n);
            decodedPos += n;
            return n;
        }

        @Override
        public int available() {
            return decoded.length - decodedPos;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        /** Reads up to the end of a line (or a full buffer, or the end) and decodes what is safe to decode. */
        private void fill() throws IOException {
            decodedPos = 0;
            decoded = new byte[0];
            while (lineLength < line.length) {
                int c = in.read();
                if (c < 0) {
                    eof = true;
                    decoded = decode(line, 0, lineLength); // the last line, as the batch decoder sees it
                    lineLength = 0;
                    return;
                }
                line[lineLength++] = (byte) c;
                if (c == '\n') {
                    decoded = decode(line, 0, lineLength);
                    lineLength = 0;
                    return;
                }
            }
            // A full buffer without a line end: keep back what the rest of the line could change —
            // trailing white space (rule 3), a final "=" or "=X" (rules 1 and 5), a CR before a LF.
            int keep = lineLength;
            while (keep > 0 && (line[keep - 1] == ' ' || line[keep - 1] == '\t' || line[keep - 1] == '\r'
                    || line[keep - 1] == '=' || (keep > 1 && line[keep - 2] == '='))) {
                keep--;
            }
            if (keep == 0) {
                keep = lineLength; // a buffer of nothing but white space and "=": give up holding it (bounded memory)
            }
            decoded = decode(line, 0, keep);
            System.arraycopy(line, keep, line, 0, lineLength - keep);
            lineLength -= keep;
        }
    }

    /** Hex digit value; upper case per rule 1, lower case accepted for robustness. */
    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
