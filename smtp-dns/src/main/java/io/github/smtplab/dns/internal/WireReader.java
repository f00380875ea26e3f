package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DomainName;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads big-endian fields and domain names from a received message, never past its end.
 *
 * <p>Names may be compressed (RFC 1035 §4.1.4): a length octet with the two top bits set starts a 14-bit
 * pointer to an earlier name. A hostile packet can make pointers loop, point forward or past the end; this
 * reader accepts a pointer only if it points before the start of the labels it continues, so every jump goes
 * strictly backwards and the walk always ends.
 */
public final class WireReader {

    private final byte[] data;
    private final int end;
    private int position;

    /** A reader over {@code data[0..length)}. */
    public WireReader(byte[] data, int length) {
        this.data = data;
        this.end = length;
        this.position = 0;
    }

    /** The current offset. */
    public int position() {
        return position;
    }

    /** Octets left to read. */
    public int remaining() {
        return end - position;
    }

    private void need(int count, String what) throws WireFormatException {
        if (count > end - position) {
            throw new WireFormatException("message truncated: " + what + " needs " + count + " octets, " + (end - position) + " left", position);
        }
    }

    /** One unsigned octet. */
    public int u8(String what) throws WireFormatException {
        need(1, what);
        return data[position++] & 0xFF;
    }

    /** An unsigned 16-bit big-endian number. */
    public int u16(String what) throws WireFormatException {
        need(2, what);
        int v = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        position += 2;
        return v;
    }

    /** An unsigned 32-bit big-endian number. */
    public long u32(String what) throws WireFormatException {
        need(4, what);
        long v = (long) (data[position] & 0xFF) << 24 | (data[position + 1] & 0xFF) << 16
                | (data[position + 2] & 0xFF) << 8 | data[position + 3] & 0xFF;
        position += 4;
        return v;
    }

    /** {@code count} raw octets. */
    public byte[] bytes(int count, String what) throws WireFormatException {
        need(count, what);
        byte[] out = new byte[count];
        System.arraycopy(data, position, out, 0, count);
        position += count;
        return out;
    }

    /** A character-string: a length octet then that many octets, one {@code char} each (RFC 1035 §3.3). */
    public String characterString(String what) throws WireFormatException {
        int length = u8(what);
        need(length, what);
        String s = new String(data, position, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        position += length;
        return s;
    }

    /** A domain name, following compression pointers (RFC 1035 §4.1.4). */
    public DomainName name(String what) throws WireFormatException {
        List<String> labels = new ArrayList<>();
        int cursor = position;          // where the next length octet is read
        int segmentStart = position;    // start of the labels being read; pointers must go before it
        int resumeAt = -1;              // where reading continues after the name, once a pointer was followed
        int wireLength = 1;             // the root's zero octet
        while (true) {
            if (cursor >= end) {
                throw new WireFormatException("message truncated inside " + what, cursor);
            }
            int lengthOctet = data[cursor] & 0xFF;
            switch (lengthOctet & 0xC0) {
                case 0x00 -> {
                    if (lengthOctet == 0) {
                        position = resumeAt >= 0 ? resumeAt : cursor + 1;
                        return new DomainName(labels);
                    }
                    wireLength += 1 + lengthOctet;
                    if (wireLength > DomainName.MAX_WIRE_LENGTH) {
                        throw new WireFormatException(what + " is longer than 255 octets (RFC 1035 §2.3.4)", cursor);
                    }
                    if (cursor + 1 + lengthOctet > end) {
                        throw new WireFormatException("message truncated inside a label of " + what, cursor);
                    }
                    labels.add(new String(data, cursor + 1, lengthOctet, java.nio.charset.StandardCharsets.ISO_8859_1));
                    cursor += 1 + lengthOctet;
                }
                case 0xC0 -> {
                    if (cursor + 1 >= end) {
                        throw new WireFormatException("message truncated inside a compression pointer of " + what, cursor);
                    }
                    int target = (lengthOctet & 0x3F) << 8 | data[cursor + 1] & 0xFF;
                    if (target >= segmentStart) {
                        throw new WireFormatException("compression pointer to " + target + " does not point back before "
                                + segmentStart + " (forward pointer or loop, RFC 1035 §4.1.4) in " + what, cursor);
                    }
                    if (resumeAt < 0) {
                        resumeAt = cursor + 2;
                    }
                    cursor = target;
                    segmentStart = target;
                }
                default -> throw new WireFormatException("label type 0x" + Integer.toHexString(lengthOctet & 0xC0)
                        + " is reserved (RFC 1035 §4.1.4; RFC 6891 §5 retired extended labels) in " + what, cursor);
            }
        }
    }

    /** Moves to {@code offset}, used to skip over RDATA whose length is known. */
    public void seek(int offset) {
        position = offset;
    }
}
