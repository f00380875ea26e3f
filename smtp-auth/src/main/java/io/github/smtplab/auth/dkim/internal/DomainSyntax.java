package io.github.smtplab.auth.dkim.internal;

/** Syntax of {@code d=} and {@code s=} (RFC 6376 §3.5, §3.1; RFC 5321 §4.1.2 sub-domain). */
public final class DomainSyntax {

    /** RFC 1035 §2.3.4: a name is at most 255 octets; a label at most 63. */
    public static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private DomainSyntax() {}

    /** {@code sub-domain *("." sub-domain)}, labels of letters, digits and inner hyphens. */
    public static boolean isDomain(String s) {
        return labels(s, false);
    }

    /**
     * A selector (§3.1): {@code sub-domain *("." sub-domain)}; underscores are accepted too, as DNS names allow
     * them and real selectors use them.
     */
    public static boolean isSelector(String s) {
        return labels(s, true);
    }

    private static boolean labels(String s, boolean underscore) {
        if (s.isEmpty() || s.length() > MAX_NAME_LENGTH) {
            return false;
        }
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            if (end == start || end - start > MAX_LABEL_LENGTH || !label(s, start, end, underscore)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean label(String s, int from, int to, boolean underscore) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || (c == '-' && i != from && i != to - 1) || underscore && c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
