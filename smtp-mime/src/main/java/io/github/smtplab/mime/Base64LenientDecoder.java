package io.github.smtplab.mime;

/**
 * The one lenient base64 decoder of smtplab (RFC 2045 §6.8), incremental: characters go in by
 * {@link #update} in pieces of any size, octets come out, and {@link #finish} writes the octets of a final
 * incomplete group. Whatever the pieces, the output is the same as for the whole input at once.
 * {@link Base64Codec#decodeLenient(byte[], int, int)} feeds it the whole input;
 * {@link Base64DecodingStream} feeds it each chunk it reads.
 *
 * <p>The rules: characters outside the alphabet are ignored ("must be ignored by a decoding software");
 * the first {@code =} ends the data; a final incomplete group yields the whole octets it carries
 * (1 character alone carries none).
 */
final class Base64LenientDecoder {

    private int bits;
    /** Alphabet characters of the current group seen so far, 0 to 3. */
    private int count;
    private boolean ended;

    /** The most one {@link #update} of {@code length} characters, or {@link #finish}, can write. */
    static int maxOutput(int length) {
        return length / 4 * 3 + 3;
    }

    /** Whether an {@code =} has ended the data: later input is ignored. */
    boolean ended() {
        return ended;
    }

    /** Decodes {@code data[offset, offset + length)} into {@code out} from {@code pos}; returns the new position. */
    int update(byte[] data, int offset, int length, byte[] out, int pos) {
        int end = offset + length;
        int i = offset;
        // Speed only: four alphabet characters in a row, at the start of a group.
        while (i + 3 < end && count == 0 && !ended) {
            int a = Base64Codec.value(data[i]);
            int b = Base64Codec.value(data[i + 1]);
            int c = Base64Codec.value(data[i + 2]);
            int d = Base64Codec.value(data[i + 3]);
            if ((a | b | c | d) < 0) {
                break;
            }
            int v = a << 18 | b << 12 | c << 6 | d;
            out[pos] = (byte) (v >>> 16);
            out[pos + 1] = (byte) (v >>> 8);
            out[pos + 2] = (byte) v;
            pos += 3;
            i += 4;
            if (i + 1 < end && data[i] == '\r' && data[i + 1] == '\n') {
                i += 2; // the usual MIME line break
            }
        }
        // The rule itself, one character at a time.
        for (; i < end && !ended; i++) {
            byte ch = data[i];
            if (ch == '=') {
                ended = true; // RFC 2045 §6.8: "=" marks the end of the encoded data
                break;
            }
            int v = Base64Codec.value(ch);
            if (v < 0) {
                continue;
            }
            bits = bits << 6 | v;
            if (++count == 4) {
                out[pos++] = (byte) (bits >>> 16);
                out[pos++] = (byte) (bits >>> 8);
                out[pos++] = (byte) bits;
                bits = 0;
                count = 0;
            }
        }
        return pos;
    }

    /** Writes the whole octets of a final incomplete group and ends the data; returns the new position. */
    int finish(byte[] out, int pos) {
        if (count == 2) {
            out[pos++] = (byte) (bits >>> 4);
        } else if (count == 3) {
            out[pos++] = (byte) (bits >>> 10);
            out[pos++] = (byte) (bits >>> 2);
        }
        count = 0;
        bits = 0;
        ended = true;
        return pos;
    }
}
