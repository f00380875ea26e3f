/**
 * Exercise 17: SPF's ip4 and ip6 mechanisms (RFC 7208 section 5.6).
 */
final class SpfCidr {

    private SpfCidr() {}

    /**
     * Whether the client address is in the mechanism's network.
     *
     * @param ip        the client's address, e.g. {@code 192.0.2.10} or {@code 2001:db8::1}
     * @param mechanism e.g. {@code ip4:192.0.2.0/24}, {@code ip6:2001:db8::/32}
     * @throws IllegalArgumentException for a malformed mechanism (SPF's permerror)
     */
    static boolean matches(String ip, String mechanism) {
        throw new UnsupportedOperationException("exercise 17: write matches()");
    }
}
