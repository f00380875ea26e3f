package io.github.smtplab.dns;

/**
 * The fixed 12-octet message header without its four counts (RFC 1035 §4.1.1); the counts are the sizes of
 * the sections of {@link DnsMessage}.
 *
 * <pre>
 *   0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * |                      ID                       |
 * |QR|   Opcode  |AA|TC|RD|RA|   Z    |   RCODE   |
 * </pre>
 *
 * @param id                 the 16-bit ID copied from query to response
 * @param response           QR: false in a query, true in a response
 * @param opcode             the 4-bit OPCODE, 0 for a standard query
 * @param authoritative      AA: the answer comes from an authority for the name
 * @param truncated          TC: the message was cut to fit the channel; ask again over TCP
 * @param recursionDesired   RD: please resolve recursively
 * @param recursionAvailable RA: the server offers recursion
 * @param z                  the 3 bits RFC 1035 reserves (RFC 4035 later uses two of them, AD and CD)
 * @param rcode              the 4-bit RCODE, see {@link Rcode}
 */
public record Header(int id, boolean response, int opcode, boolean authoritative, boolean truncated,
                     boolean recursionDesired, boolean recursionAvailable, int z, int rcode) {

    /** OPCODE of a standard query (RFC 1035 §4.1.1). */
    public static final int OPCODE_QUERY = 0;

    /** Checks every field fits its bits. */
    public Header {
        check(id, 0xFFFF, "ID");
        check(opcode, 0xF, "OPCODE");
        check(z, 0x7, "Z");
        check(rcode, 0xF, "RCODE");
    }

    private static void check(int value, int max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " out of range (RFC 1035 §4.1.1): " + value);
        }
    }

    /** The header of a standard query with the given ID and RD flag. */
    public static Header query(int id, boolean recursionDesired) {
        return new Header(id, false, OPCODE_QUERY, false, false, recursionDesired, false, 0, Rcode.NOERROR);
    }

    /** The second 16-bit word: QR, Opcode, AA, TC, RD, RA, Z, RCODE packed as on the wire. */
    public int flagsWord() {
        return (response ? 0x8000 : 0) | opcode << 11 | (authoritative ? 0x0400 : 0) | (truncated ? 0x0200 : 0)
                | (recursionDesired ? 0x0100 : 0) | (recursionAvailable ? 0x0080 : 0) | z << 4 | rcode;
    }

    /** Unpacks the flags word read from the wire. */
    public static Header fromWire(int id, int flags) {
        return new Header(id, (flags & 0x8000) != 0, flags >> 11 & 0xF, (flags & 0x0400) != 0, (flags & 0x0200) != 0,
                (flags & 0x0100) != 0, (flags & 0x0080) != 0, flags >> 4 & 0x7, flags & 0xF);
    }

    /** A copy with another RCODE. */
    public Header withRcode(int newRcode) {
        return new Header(id, response, opcode, authoritative, truncated, recursionDesired, recursionAvailable, z, newRcode);
    }

    /** A copy with the TC bit set or cleared. */
    public Header withTruncated(boolean tc) {
        return new Header(id, response, opcode, authoritative, tc, recursionDesired, recursionAvailable, z, rcode);
    }
}
