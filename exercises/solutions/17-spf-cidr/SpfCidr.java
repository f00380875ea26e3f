import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise 17, reference solution: SPF's ip4 and ip6 mechanisms (RFC 7208 section 5.6).
 */
final class SpfCidr {

    private static final Pattern IP4 = Pattern.compile("(?i)ip4:((?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d))(?:/(0|[1-9]\\d?))?");
    private static final Pattern IP6 = Pattern.compile("(?i)ip6:([0-9a-f:.]*:[0-9a-f:.]*)(?:/(0|[1-9]\\d{0,2}))?");

    private SpfCidr() {}

    static boolean matches(String ip, String mechanism) {
        Matcher m4 = IP4.matcher(mechanism);
        Matcher m6 = IP6.matcher(mechanism);
        Matcher m = m4.matches() ? m4 : m6.matches() ? m6 : null;
        if (m == null) {
            throw new IllegalArgumentException("RFC 7208 5.6: not an ip4 or ip6 mechanism: " + mechanism);
        }
        int max = m == m4 ? 32 : 128;
        int prefix = m.group(2) == null ? max : Integer.parseInt(m.group(2)); // /32 and /128 when omitted
        if (prefix > max) {
            throw new IllegalArgumentException("RFC 7208 5.6: a prefix length of at most " + max + ": " + mechanism);
        }
        byte[] network = literal(m.group(1)).getAddress();
        if (network.length * 8 != max) {
            throw new IllegalArgumentException("RFC 7208 5.6: an ip6 network is an IPv6 address: " + mechanism);
        }
        byte[] client = literal(ip).getAddress();
        if (client.length != network.length) {
            return false; // RFC 7208 5: IPv4 addresses only match ip4, IPv6 only ip6
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (client[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (client[full] & mask) == (network[full] & mask);
    }

    /** An address literal, never a DNS lookup. */
    private static InetAddress literal(String text) {
        if (!text.matches("[0-9a-fA-F:.]+") || (!text.contains(":") && !text.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
