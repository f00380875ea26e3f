package io.github.smtplab.tls.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Telling host names from IP literals, without ever asking DNS: SNI may carry only a DNS host name
 * (RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted"), and a certificate names an IP
 * address in an iPAddress entry, not a dNSName (RFC 5280 §4.2.1.6).
 */
public final class HostNames {

    /** RFC 1035 §2.3.4: a label has at most 63 octets. */
    public static final int MAX_LABEL = 63;
    /** RFC 1035 §2.3.4: a name has at most 255 octets on the wire, 253 characters as text without the root dot. */
    public static final int MAX_NAME = 253;
    /** RFC 4291 §2.2: at most 45 characters for the longest IPv6 text form (with an embedded IPv4). */
    public static final int MAX_IPV6_TEXT = 45;

    private HostNames() {}

    /** True for a dotted-quad IPv4 address or an IPv6 address (RFC 4291 §2.2), with or without brackets. */
    public static boolean isIpLiteral(String text) {
        String bare = stripBrackets(text);
        return isIpv4(bare) || isIpv6(bare);
    }

    /** The text without the brackets of an IPv6 address literal ({@code [::1]}, RFC 5321 §4.1.3). */
    public static String stripBrackets(String text) {
        return text.length() >= 2 && text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }

    /**
     * True for a DNS host name in the preferred syntax (RFC 1035 §2.3.1, relaxed by RFC 1123 §2.1 to allow
     * a leading digit): letter-digit-hyphen labels of 1 to 63 characters, no hyphen at either end, a
     * last label that is not all digits (RFC 3696 §2, so an IPv4 address is not a host name), at most
     * 253 characters, an optional final dot.
     */
    public static boolean isDnsName(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The name to send as SNI: a DNS host name, lower case, without the final dot; empty for IP literals and junk. */
    public static Optional<String> sniName(String serverName) {
        if (isIpLiteral(serverName) || !isDnsName(serverName)) {
            return Optional.empty();
        }
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        return Optional.of(name.toLowerCase(Locale.ROOT));
    }

    /** RFC 791 dotted decimal as every resolver writes it: four decimal numbers 0 to 255, no leading zeros. */
    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0'
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 §2.2: eight groups of 1 to 4 hex digits, one {@code ::} at most, optionally ending in IPv4. */
    static boolean isIpv6(String text) {
        if (text.length() < 2 || text.length() > MAX_IPV6_TEXT || !text.contains(":")) {
            return false;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String[] halves = doubleColon >= 0
                ? new String[] {text.substring(0, doubleColon), text.substring(doubleColon + 2)}
                : new String[] {text};
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!isIpv4(parts[i])) {
                        return false;
                    }
                    groups += 2;
                } else if (parts[i].isEmpty() || parts[i].length() > 4 || !parts[i].chars().allMatch(HostNames::isHex)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
