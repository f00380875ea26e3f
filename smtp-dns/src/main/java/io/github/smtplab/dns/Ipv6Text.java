package io.github.smtplab.dns;

/** Formats 16 octets as RFC 5952 §4 text: lower case, leading zeros dropped, the longest zero run as {@code ::}. */
public final class Ipv6Text {

    private Ipv6Text() {}

    /**
     * The RFC 5952 text of an IPv6 address, e.g. {@code 2001:db8::1}; one copy for the project (DNS records,
     * SPF's {@code %{c}} macro).
     *
     * @param octets the 16 octets of the address
     */
    public static String format(byte[] octets) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (octets[2 * i] & 0xFF) << 8 | octets[2 * i + 1] & 0xFF;
        }
        // RFC 5952 §4.2.2-4.2.3: shorten the longest run of two or more zero groups, the first if tied.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
