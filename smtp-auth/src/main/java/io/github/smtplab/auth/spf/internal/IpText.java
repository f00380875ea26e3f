package io.github.smtplab.auth.spf.internal;

import io.github.smtplab.dns.Ipv6Text;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses as SPF writes and compares them: strict IPv4 and IPv6 literals (RFC 7208 §5.6, §12), CIDR
 * prefix matching, the dotted forms of {@code %{i}} and {@code %{c}} (§7.3) and reverse names (§5.5).
 */
public final class IpText {

    private IpText() {}

    /**
     * Parses {@code qnum "." qnum "." qnum "." qnum} with qnum 0-255 and no leading zeros (§12,
     * {@code ip4-network}); null if it is not exactly that.
     */
    public static byte[] parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /**
     * Parses an IPv6 literal (RFC 4291 §2.2, as {@code ip6-network} in §12), the IPv4-suffix form included;
     * null if it is not one. Returns 16 octets, also for IPv4-mapped addresses.
     */
    public static byte[] parseIp6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0 || text.length() > 45
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        int dot = text.indexOf('.');
        if (dot >= 0) {
            int lastColon = text.lastIndexOf(':');
            if (lastColon > dot || parseIp4(text.substring(lastColon + 1)) == null) {
                return null;
            }
        }
        try {
            // Only hex digits, colons and dots reach here, so this parses a literal and never queries DNS.
            byte[] raw = InetAddress.getByName("[" + text + "]").getAddress();
            return raw.length == 16 ? raw : mapped(raw);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The IPv4-mapped IPv6 form {@code ::ffff:a.b.c.d} of four octets (RFC 4291 §2.5.5.2). */
    static byte[] mapped(byte[] v4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xFF;
        out[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, out, 12, 4);
        return out;
    }

    /** True if the first {@code cidr} bits of {@code address} and {@code network} agree (same length arrays). */
    public static boolean inNetwork(byte[] address, byte[] network, int cidr) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = cidr / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = cidr % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /**
     * {@code %{i}} (§7.3): dotted-quad for IPv4, and for IPv6 the 32 nibbles in lower-case hex separated
     * by dots, most significant first.
     */
    public static String dotted(InetAddress ip) {
        byte[] b = ip.getAddress();
        StringBuilder out = new StringBuilder();
        if (ip instanceof Inet4Address) {
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ".").append(b[i] & 0xFF);
            }
            return out.toString();
        }
        for (int i = 0; i < 16; i++) {
            out.append(i == 0 ? "" : ".").append(Character.forDigit((b[i] >> 4) & 0xF, 16))
                    .append('.').append(Character.forDigit(b[i] & 0xF, 16));
        }
        return out.toString();
    }

    /** The name of the reverse-mapping PTR query for the address (RFC 1035 §3.5, RFC 3596 §2.5). */
    public static String reverseName(InetAddress ip) {
        String[] parts = dotted(ip).split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            out.append(parts[i]).append('.');
        }
        return out.append(ip instanceof Inet4Address ? "in-addr.arpa" : "ip6.arpa").toString();
    }

    /** {@code %{c}} (§7.3): dotted-quad for IPv4, RFC 5952 text for IPv6 (lower case, longest zero run as {@code ::}). */
    public static String readable(InetAddress ip) {
        return ip instanceof Inet4Address ? ip.getHostAddress() : Ipv6Text.format(ip.getAddress());
    }
}
