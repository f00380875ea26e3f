/**
 * Exercise 15: reading a domain name from a DNS message, with compression pointers (RFC 1035 section 4.1.4).
 */
final class DnsNames {

    /**
     * A name read from a message.
     *
     * @param name the labels joined with "." ({@code "mx.exemple.com"}), {@code "."} for the root
     * @param end  the offset just after the name where it was written (after its first pointer, if any)
     */
    record Name(String name, int end) {}

    private DnsNames() {}

    /**
     * Reads the name at {@code offset}.
     *
     * @throws IllegalArgumentException for a pointer that is not to a prior part, a reserved label type,
     *                                  a name past 255 octets, or a truncated message
     */
    static Name read(byte[] message, int offset) {
        throw new UnsupportedOperationException("exercise 15: write read()");
    }
}
