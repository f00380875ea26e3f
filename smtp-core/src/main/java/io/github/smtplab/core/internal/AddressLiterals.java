package io.github.smtplab.core.internal;

/**
 * The inside of an address literal, RFC 5321 §4.1.3:
 *
 * <pre>
 * IPv4-address-literal    = Snum 3("."  Snum)
 * IPv6-address-literal    = "IPv6:" IPv6-addr
 * General-address-literal = Standardized-tag ":" 1*dcontent
 * Snum                    = 1*3DIGIT            ; representing a decimal integer value in the range 0 through 255
 * IPv6-addr               = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp
 * IPv6-hex                = 1*4HEXDIG
 * IPv6-full               = IPv6-hex 7(":" IPv6-hex)
 * IPv6-comp               = [IPv6-hex *5(":" IPv6-hex)] "::" [IPv6-hex *5(":" IPv6-hex)]
 *                           ; the "::" represents at least 2 16-bit groups of zeros; at most 6 groups in addition
 * IPv6v4-full             = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
 * IPv6v4-comp             = [IPv6-hex *3(":" IPv6-hex)] "::" [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
 *                           ; at most 4 groups in addition to the "::" and IPv4-address-literal
 * Standardized-tag        = Ldh-str              ; registered with IANA
 * dcontent                = %d33-90 / %d94-126   ; printable US-ASCII, excl. "[", "\", "]"
 * </pre>
 */
final class AddressLiterals {

    private AddressLiterals() {}

    /** True when {@code inside} (the text between the brackets) is one of the three forms. */
    static boolean isValid(String inside) {
        if (inside.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return isIpv6(inside.substring(5));
        }
        if (isIpv4(inside)) {
            return true;
        }
        return isGeneral(inside);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        boolean withIpv4 = s.indexOf('.') >= 0;
        String hexPart = s;
        if (withIpv4) {
            // IPv6v4-full / IPv6v4-comp: the IPv4 literal follows the last ":"
            int lastColon = s.lastIndexOf(':');
            if (lastColon < 0 || !isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            String head = s.substring(0, lastColon + 1);
            hexPart = head.endsWith("::") ? head : head.substring(0, head.length() - 1);
        }
        int maxGroups = withIpv4 ? 6 : 8;
        int doubleColon = hexPart.indexOf("::");
        if (doubleColon >= 0) {
            if (hexPart.indexOf("::", doubleColon + 1) >= 0) {
                return false;
            }
            int left = groups(hexPart.substring(0, doubleColon));
            int right = groups(hexPart.substring(doubleColon + 2));
            // the "::" stands for at least two groups of zeros (§4.1.3): at most max - 2 groups around it
            return left >= 0 && right >= 0 && left + right <= maxGroups - 2;
        }
        return groups(hexPart) == maxGroups;
    }

    /** Number of {@code IPv6-hex} groups separated by ":" in s ("" has 0), or -1 if malformed. */
    private static int groups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(AddressLiterals::isHex)) {
                return -1;
            }
        }
        return parts.length;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isGeneral(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return false;
        }
        String tag = s.substring(0, colon);
        PathGrammar g = new PathGrammar(tag);
        try {
            g.subDomain();
            if (!g.atEnd() || !PathGrammar.isAscii(tag)) {
                return false;
            }
        } catch (GrammarException e) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126 || c == '[' || c == '\\' || c == ']') {
                return false;
            }
        }
        return true;
    }
}
