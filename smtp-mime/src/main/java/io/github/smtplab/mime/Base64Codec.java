package io.github.smtplab.mime;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Base64, written by hand: the one copy of the codec in smtplab (smtp-auth reuses it for SASL).
 *
 * <p>RFC 4648 §4 defines the alphabet: every 3 octets (24 bits) become 4 characters of 6 bits each;
 * a final group of 1 or 2 octets is padded with {@code =} to a full 4 characters. MIME (RFC 2045 §6.8)
 * adds one rule: an encoded line is at most {@value #MIME_LINE_LENGTH} characters, lines end with CRLF,
 * and a decoder ignores every character outside the alphabet (line breaks, spaces, garbage).
 *
 * <ul>
 *   <li>{@link #encode(byte[])}: one unbroken line (SASL, RFC 4954 §4; encoded words, RFC 2047 §4.1).</li>
 *   <li>{@link #encodeMime(byte[])}: lines of 76 characters separated by CRLF (message bodies).</li>
 *   <li>{@link #decodeStrict(CharSequence)}: RFC 4648 §3.3 — any character outside the alphabet, a
 *       bad padding or non-zero pad bits make the input invalid.</li>
 *   <li>{@link #decodeLenient(byte[], int, int)}: RFC 2045 §6.8 — skip what is not in the alphabet,
 *       stop at the first {@code =}, keep whatever whole octets were received. Never fails.</li>
 *   <li>{@link #mimeEncodingStream(OutputStream)} and {@link #lenientDecodingStream(InputStream)}:
 *       the same, streaming, for attachments too large to hold twice in memory.</li>
 * </ul>
 *
 * <p>Each MIME rule is written once: the line breaking in {@code Base64MimeEncoder} and the lenient decode
 * loop in {@code Base64LenientDecoder}, both incremental; the one-call methods feed them the whole input
 * and the streams feed them each piece, so both give the same result. This class keeps the alphabet and
 * the group encoding they share.
 */
public final class Base64Codec {

    /** RFC 2045 §6.8: "The encoded output stream must be represented in lines of no more than 76 characters each." */
    public static final int MIME_LINE_LENGTH = 76;

    /** Input octets per MIME line: 76 characters / 4 × 3. */
    public static final int MIME_LINE_OCTETS = MIME_LINE_LENGTH / 4 * 3;

    /** RFC 4648 §4, Table 1: the 64 characters, value 0 to 63. */
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

    /** Reverse table: character to 6-bit value, or {@link #NOT_IN_ALPHABET}. */
    private static final byte[] VALUES = new byte[256];

    private static final byte NOT_IN_ALPHABET = -1;
    private static final byte PAD = '=';

    /** Speed only: the two alphabet characters for each 12-bit value, first character in the high byte. */
    private static final short[] PAIRS = new short[1 << 12];

    /** Speed only: reads and writes 8 octets of a byte array at once, most significant first. */
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static {
        for (int i = 0; i < PAIRS.length; i++) {
            PAIRS[i] = (short) (ALPHABET[i >>> 6] << 8 | ALPHABET[i & 0x3f]);
        }
        Arrays.fill(VALUES, NOT_IN_ALPHABET);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base64Codec() {}

    /** The length of the unbroken encoding of {@code n} octets: 4 characters per started group of 3. */
    public static int encodedLength(int n) {
        return Math.multiplyExact((n + 2) / 3, 4);
    }

    /** RFC 4648 §4: the unbroken, padded encoding of {@code data}. */
    public static String encode(byte[] data) {
        return new String(encodeToBytes(data), StandardCharsets.US_ASCII);
    }

    /** RFC 4648 §4: the unbroken, padded encoding of {@code data}, as US-ASCII bytes. */
    public static byte[] encodeToBytes(byte[] data) {
        return encodeToBytes(data, 0, data.length);
    }

    /** RFC 4648 §4: the unbroken, padded encoding of {@code data[offset, offset + length)}. */
    public static byte[] encodeToBytes(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] out = new byte[encodedLength(length)];
        int end = encodeGroups(data, offset, offset + length, out, 0);
        encodeTail(data, offset + length - length % 3, length % 3, out, end);
        return out;
    }

    /**
     * RFC 2045 §6.8: the encoding in lines of {@value #MIME_LINE_LENGTH} characters separated by CRLF.
     * No CRLF follows the last line (the same convention as {@code java.util.Base64.getMimeEncoder()}).
     */
    public static String encodeMime(byte[] data) {
        return new String(encodeMimeToBytes(data), StandardCharsets.US_ASCII);
    }

    /** {@link #encodeMime(byte[])} as US-ASCII bytes. */
    public static byte[] encodeMimeToBytes(byte[] data) {
        int chars = encodedLength(data.length);
        int lines = chars == 0 ? 0 : (chars + MIME_LINE_LENGTH - 1) / MIME_LINE_LENGTH;
        byte[] out = new byte[chars + Math.max(0, lines - 1) * 2];
        Base64MimeEncoder encoder = new Base64MimeEncoder();
        encoder.finish(out, encoder.update(data, 0, data.length, out, 0));
        return out;
    }

    /**
     * Encodes whole 3-octet groups from {@code data[from, to)}; returns the new output position.
     *
     * <p>The plain loop below is the algorithm: 24 bits, four 6-bit indexes into the alphabet. The fast
     * loop before it does the same two groups at a time, for speed only: it reads 8 octets as one
     * big-endian long (using the first 6), looks up 12 bits at a time in {@link #PAIRS} (two characters per
     * lookup) and writes the 8 characters as one long.
     */
    static int encodeGroups(byte[] data, int from, int to, byte[] out, int pos) {
        int i = from;
        while (i + 6 <= to && i + 8 <= data.length && pos + 8 <= out.length) {
            long v = (long) BIG_ENDIAN_LONG.get(data, i);
            long chars = (PAIRS[(int) (v >>> 52) & 0xfff] & 0xffffL) << 48
                    | (PAIRS[(int) (v >>> 40) & 0xfff] & 0xffffL) << 32
                    | (PAIRS[(int) (v >>> 28) & 0xfff] & 0xffffL) << 16
                    | (PAIRS[(int) (v >>> 16) & 0xfff] & 0xffffL);
            BIG_ENDIAN_LONG.set(out, pos, chars);
            i += 6;
            pos += 8;
        }
        for (; i + 2 < to; i += 3) {
            int bits = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            out[pos] = ALPHABET[bits >>> 18];
            out[pos + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            out[pos + 2] = ALPHABET[(bits >>> 6) & 0x3f];
            out[pos + 3] = ALPHABET[bits & 0x3f];
            pos += 4;
        }
        return pos;
    }

    /** RFC 4648 §4 cases (2) and (3): a final group of 1 or 2 octets, padded with "==" or "=". */
    static int encodeTail(byte[] data, int at, int count, byte[] out, int pos) {
        if (count == 1) {
            int bits = (data[at] & 0xff) << 16;
            out[pos++] = ALPHABET[bits >>> 18];
            out[pos++] = ALPHABET[(bits >>> 12) & 0x3f];
            out[pos++] = PAD;
            out[pos++] = PAD;
        } else if (count == 2) {
            int bits = (data[at] & 0xff) << 16 | (data[at + 1] & 0xff) << 8;
            out[pos++] = ALPHABET[bits >>> 18];
            out[pos++] = ALPHABET[(bits >>> 12) & 0x3f];
            out[pos++] = ALPHABET[(bits >>> 6) & 0x3f];
            out[pos++] = PAD;
        }
        return pos;
    }

    /**
     * RFC 4648 §3.3 strict decoding: the input must be whole groups of 4 alphabet characters, the last
     * one possibly padded ("xx==" or "xxx="), with the unused pad bits zero (§3.5). No whitespace.
     */
    public static DecodeResult decodeStrict(CharSequence text) {
        int n = text.length();
        if (n % 4 != 0) {
            return new DecodeResult.Malformed("RFC 4648 §3.3: length " + n + " is not a multiple of 4", n);
        }
        int padding = 0;
        if (n > 0 && text.charAt(n - 1) == '=') {
            padding = n > 1 && text.charAt(n - 2) == '=' ? 2 : 1;
        }
        byte[] out = new byte[n / 4 * 3 - padding];
        int pos = 0;
        int bits = 0;
        for (int i = 0; i < n - padding; i++) {
            char c = text.charAt(i);
            int v = c < 256 ? VALUES[c] : NOT_IN_ALPHABET;
            if (v == NOT_IN_ALPHABET) {
                return new DecodeResult.Malformed("RFC 4648 §3.3: character '" + printable(c)
                        + "' is not in the base64 alphabet", i);
            }
            bits = bits << 6 | v;
            if (i % 4 == 3) {
                out[pos++] = (byte) (bits >>> 16);
                out[pos++] = (byte) (bits >>> 8);
                out[pos++] = (byte) bits;
                bits = 0;
            }
        }
        if (padding == 2) {
            if ((bits & 0xf) != 0) {
                return new DecodeResult.Malformed("RFC 4648 §3.5: pad bits are not zero", n - 3);
            }
            out[pos] = (byte) (bits >>> 4);
        } else if (padding == 1) {
            if ((bits & 0x3) != 0) {
                return new DecodeResult.Malformed("RFC 4648 §3.5: pad bits are not zero", n - 2);
            }
            out[pos++] = (byte) (bits >>> 10);
            out[pos] = (byte) (bits >>> 2);
        }
        return new DecodeResult.Decoded(out);
    }

    private static String printable(char c) {
        return c >= 0x21 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    /** RFC 2045 §6.8 lenient decoding of a whole text; see {@link #decodeLenient(byte[], int, int)}. */
    public static byte[] decodeLenient(CharSequence text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = c < 256 ? (byte) c : (byte) '?';
        }
        return decodeLenient(bytes, 0, bytes.length);
    }

    /** RFC 2045 §6.8 lenient decoding of a whole array; see {@link #decodeLenient(byte[], int, int)}. */
    public static byte[] decodeLenient(byte[] data) {
        return decodeLenient(data, 0, data.length);
    }

    /**
     * RFC 2045 §6.8 lenient decoding of {@code data[offset, offset + length)}: characters outside the
     * alphabet are ignored ("must be ignored by a decoding software"); the first {@code =} ends the data;
     * a final incomplete group yields the whole octets it carries (1 character alone carries none).
     * Never fails, and the output is never longer than 3/4 of the input.
     */
    public static byte[] decodeLenient(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] out = new byte[Base64LenientDecoder.maxOutput(length)];
        Base64LenientDecoder decoder = new Base64LenientDecoder();
        int end = decoder.finish(out, decoder.update(data, offset, length, out, 0));
        return Arrays.copyOf(out, end);
    }

    /** RFC 4648 §4, Table 1 read backwards: the 6-bit value of {@code ch}, or -1 outside the alphabet. */
    static int value(byte ch) {
        return VALUES[ch & 0xff];
    }

    /**
     * A stream that base64-encodes what is written to it into {@code out}, in MIME lines of
     * {@value #MIME_LINE_LENGTH} characters separated by CRLF (RFC 2045 §6.8). {@code close()} writes the
     * final padded group and closes {@code out}; the output is identical to {@link #encodeMime(byte[])}.
     */
    public static OutputStream mimeEncodingStream(OutputStream out) {
        return new Base64EncodingStream(Objects.requireNonNull(out, "out"));
    }

    /**
     * A stream that reads {@code in} and yields its lenient base64 decoding (RFC 2045 §6.8, as
     * {@link #decodeLenient(byte[], int, int)}). Memory use is constant.
     */
    public static InputStream lenientDecodingStream(InputStream in) {
        return new Base64DecodingStream(Objects.requireNonNull(in, "in"));
    }
}
