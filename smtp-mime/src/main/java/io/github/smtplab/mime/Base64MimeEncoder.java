package io.github.smtplab.mime;

/**
 * The one base64 MIME encoder of smtplab, incremental: octets go in by {@link #update} in pieces of any
 * size, characters come out in lines of {@value Base64Codec#MIME_LINE_LENGTH} separated by CRLF
 * (RFC 2045 §6.8), and {@link #finish} writes the final padded group (RFC 4648 §4). Whatever the pieces,
 * the output is the same as for the whole input at once. {@link Base64Codec#encodeMime(byte[])} feeds it
 * the whole input; {@link Base64EncodingStream} feeds it each write.
 *
 * <p>The CRLF between two lines is written lazily, before the first character of the next line, so no
 * CRLF follows the last line (the convention of {@code java.util.Base64.getMimeEncoder()}).
 */
final class Base64MimeEncoder {

    /** Up to 2 octets of a group of 3 still waiting for the rest. */
    private final byte[] pending = new byte[3];
    private int pendingCount;
    /** Characters on the current line. */
    private int lineLength;
    /** Whether any character has been written (so the next line needs a CRLF before it). */
    private boolean anyLine;

    /** The most {@link #update} and then {@link #finish} can write for {@code length} more input octets. */
    int maxOutput(int length) {
        long chars = ((long) pendingCount + length + 2) / 3 * 4;
        long breaks = chars / Base64Codec.MIME_LINE_LENGTH + 1;
        return Math.toIntExact(chars + 2 * breaks);
    }

    /**
     * Encodes {@code data[offset, offset + length)} after what came before into {@code out} from
     * {@code pos}; up to 2 octets are held for the next call. Returns the new output position.
     */
    int update(byte[] data, int offset, int length, byte[] out, int pos) {
        int in = offset;
        int end = offset + length;
        while (pendingCount > 0 && pendingCount < 3 && in < end) {
            pending[pendingCount++] = data[in++];
        }
        if (pendingCount == 3) {
            pendingCount = 0;
            pos = encodeLine(pending, 0, 3, out, pos);
        }
        int wholeGroupsEnd = end - (end - in) % 3;
        while (in < wholeGroupsEnd) {
            int take = Math.min(roomOctets(), wholeGroupsEnd - in);
            pos = encodeLine(data, in, take, out, pos);
            in += take;
        }
        while (in < end) {
            pending[pendingCount++] = data[in++];
        }
        return pos;
    }

    /** Writes the final group of 1 or 2 octets, padded (RFC 4648 §4 cases 2 and 3); returns the new position. */
    int finish(byte[] out, int pos) {
        if (pendingCount > 0) {
            pos = startLine(out, pos);
            pos = Base64Codec.encodeTail(pending, 0, pendingCount, out, pos);
            lineLength += 4;
            pendingCount = 0;
        }
        return pos;
    }

    /** Input octets that still fit on the current line (a full line starts a new one: 57 octets). */
    private int roomOctets() {
        int free = lineLength == Base64Codec.MIME_LINE_LENGTH ? Base64Codec.MIME_LINE_LENGTH
                : Base64Codec.MIME_LINE_LENGTH - lineLength;
        return free / 4 * 3;
    }

    /** Encodes {@code count} octets (whole groups, fitting the line) after a line break if one is due. */
    private int encodeLine(byte[] data, int from, int count, byte[] out, int pos) {
        pos = startLine(out, pos);
        pos = Base64Codec.encodeGroups(data, from, from + count, out, pos);
        lineLength += count / 3 * 4;
        return pos;
    }

    /** RFC 2045 §6.8: a full line ends with CRLF before the next character. */
    private int startLine(byte[] out, int pos) {
        if (lineLength == Base64Codec.MIME_LINE_LENGTH) {
            lineLength = 0;
        }
        if (lineLength == 0 && anyLine) {
            out[pos++] = '\r';
            out[pos++] = '\n';
        }
        anyLine = true;
        return pos;
    }
}
