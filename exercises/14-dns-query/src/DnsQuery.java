/**
 * Exercise 14: a DNS query message (RFC 1035 sections 4.1.1 and 4.1.2).
 */
final class DnsQuery {

    private DnsQuery() {}

    /**
     * A standard query with RD set and one question of class IN.
     *
     * @param id   the 16-bit ID that the answer will carry
     * @param name e.g. {@code exemple.com} or {@code exemple.com.}
     * @param type e.g. 1 (A), 15 (MX), 16 (TXT), 28 (AAAA)
     * @throws IllegalArgumentException for an empty label, a label over 63 octets or a name over 255
     */
    static byte[] encode(int id, String name, int type) {
        throw new UnsupportedOperationException("exercise 14: write encode()");
    }
}
