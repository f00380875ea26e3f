import java.util.List;

/**
 * Exercise 18: a small SPF check_host() (RFC 7208 sections 4, 5 and 6.1) for IPv4 clients.
 */
final class SpfCheckHost {

    /** The results of check_host() (RFC 7208 section 2.6). */
    enum Result { NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR }

    /** The DNS as check_host() sees it. */
    interface Dns {
        /** The TXT strings of a name; empty when it has none (or does not exist). */
        List<String> txt(String name);

        /** Whether the name has an A record. */
        boolean hasA(String name);
    }

    private SpfCheckHost() {}

    /**
     * check_host(ip, domain): whether the domain authorizes the IPv4 address.
     *
     * @param ip     the client's address, e.g. {@code 192.0.2.10}
     * @param domain the domain whose SPF record is evaluated
     * @param dns    where the records come from
     */
    static Result checkHost(String ip, String domain, Dns dns) {
        throw new UnsupportedOperationException("exercise 18: write checkHost()");
    }

    /** Given (exercise 17's work): whether {@code ip} is in {@code network}, e.g. {@code 192.0.2.0/24}. */
    static boolean inNetwork(String ip, String network) {
        String[] parts = network.split("/", 2);
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String part : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
