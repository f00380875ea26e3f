package io.github.smtplab.mime;

import java.io.ByteArrayOutputStream;
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

    static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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
        return new QuotedPrintableEncodingStream(Objects.requireNonNull(out, "out"), Objects.requireNonNull(mode, "mode"));
    }

    /** Rule 2: the octets that may stand for themselves (not SPACE/TAB, which rule 3 governs). */
    static boolean isLiteral(int b) {
        return b >= 33 && b <= 126 && b != '=';
    }

    /** {@link #isLiteral} as a table, for the encoder's fast path. */
    static final boolean[] LITERAL = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            LITERAL[b] = isLiteral(b);
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
        return new QuotedPrintableDecodingStream(Objects.requireNonNull(in, "in"));
    }

    /** Octets of one encoded line held by {@link #decodingStream} before it decodes a piece of it. */
    public static final int STREAM_LINE_BUFFER = 8192;

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
