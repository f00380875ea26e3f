package io.github.smtplab.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A domain name: a sequence of labels, most specific first ({@code ["mx", "example", "com"]} is
 * {@code mx.example.com.}). The root is the empty list.
 *
 * <p>A label is a string of 1 to 63 octets (RFC 1035 §2.3.4); any octet is allowed on the wire, so each
 * {@code char} of a label here is one octet (0–255). A whole name takes at most 255 octets on the wire,
 * counting one length octet per label and the final zero octet of the root (RFC 1035 §2.3.4, §3.1).
 *
 * <p>Names compare without regard to ASCII case (RFC 1035 §2.3.3, RFC 4343 §3): {@code equals} and
 * {@code hashCode} ignore case, while {@link #labels()} and {@link #toString()} keep the case as written.
 *
 * @param labels the labels, most specific first; each 1–63 octets
 */
public record DomainName(List<String> labels) {

    /** Longest label, in octets (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL_LENGTH = 63;

    /** Longest name on the wire, in octets, length octets and the root's zero octet included (RFC 1035 §2.3.4). */
    public static final int MAX_WIRE_LENGTH = 255;

    /** The root name, written {@code "."}. */
    public static final DomainName ROOT = new DomainName(List.of());

    /** Validates every label and the total length. */
    public DomainName {
        labels = List.copyOf(labels);
        int wire = 1;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("a label takes 1 to 63 octets (RFC 1035 §2.3.4): \"" + label + "\"");
            }
            for (int i = 0; i < label.length(); i++) {
                if (label.charAt(i) > 0xFF) {
                    throw new IllegalArgumentException("a label holds octets (chars 0-255), not " + (int) label.charAt(i));
                }
            }
            wire += 1 + label.length();
        }
        if (wire > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("a name takes at most 255 octets on the wire (RFC 1035 §2.3.4), not " + wire);
        }
    }

    /**
     * Parses an absolute name in presentation form, e.g. {@code "mx.example.com."} (the final dot may be
     * left out). Accepts the escapes of RFC 1035 §5.1: {@code \X} for a literal character and {@code \DDD}
     * for an octet in decimal.
     *
     * @throws IllegalArgumentException if the text is not a valid name
     */
    public static DomainName of(String text) {
        if (text.equals(".")) {
            return ROOT;
        }
        return new DomainName(splitLabels(endsWithUnescapedDot(text) ? text.substring(0, text.length() - 1) : text));
    }

    /**
     * True if the text ends with a dot that is not escaped: {@code "a."} and {@code "a\\."} (label {@code a\})
     * do, {@code "a\."} (label {@code a.}) does not. Counts the backslashes before the dot: an odd number
     * escapes it.
     */
    static boolean endsWithUnescapedDot(String text) {
        if (!text.endsWith(".")) {
            return false;
        }
        int backslashes = 0;
        for (int i = text.length() - 2; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /**
     * Splits presentation text (without a final dot) into labels, undoing {@code \X} and {@code \DDD}
     * escapes (RFC 1035 §5.1).
     *
     * @throws IllegalArgumentException on an empty label or a bad escape
     */
    static List<String> splitLabels(String text) {
        List<String> labels = new ArrayList<>();
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("a name ends with a lone backslash: " + text);
                }
                char next = text.charAt(i + 1);
                if (isDigit(next)) {
                    if (i + 3 >= text.length() || !isDigit(text.charAt(i + 2)) || !isDigit(text.charAt(i + 3))) {
                        throw new IllegalArgumentException("\\DDD needs three digits: " + text);
                    }
                    int octet = Integer.parseInt(text.substring(i + 1, i + 4));
                    if (octet > 255) {
                        throw new IllegalArgumentException("\\DDD is an octet, 0 to 255: " + text);
                    }
                    label.append((char) octet);
                    i += 3;
                } else {
                    label.append(next);
                    i += 1;
                }
            } else if (c == '.') {
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("empty label in " + text);
                }
                labels.add(label.toString());
                label.setLength(0);
            } else {
                label.append(c);
            }
        }
        if (label.isEmpty()) {
            throw new IllegalArgumentException("empty label in \"" + text + "\"");
        }
        labels.add(label.toString());
        return labels;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True for the root name {@code "."}. */
    public boolean isRoot() {
        return labels.isEmpty();
    }

    /** The number of labels ({@code 0} for the root). */
    public int labelCount() {
        return labels.size();
    }

    /** Octets this name takes on the wire without compression (RFC 1035 §3.1). */
    public int wireLength() {
        int wire = 1;
        for (String label : labels) {
            wire += 1 + label.length();
        }
        return wire;
    }

    /** The name without its first {@code n} labels: {@code suffix(1)} of {@code mx.example.com.} is {@code example.com.}. */
    public DomainName suffix(int n) {
        return new DomainName(labels.subList(n, labels.size()));
    }

    /** The parent name (one label fewer); the root has no parent. */
    public DomainName parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        return suffix(1);
    }

    /** This name followed by {@code origin}: how a relative name in a master file becomes absolute (RFC 1035 §5.1). */
    public DomainName append(DomainName origin) {
        List<String> all = new ArrayList<>(labels);
        all.addAll(origin.labels);
        return new DomainName(all);
    }

    /** True if this name equals {@code ancestor} or lies below it (ignoring case). */
    public boolean isSubdomainOf(DomainName ancestor) {
        int extra = labels.size() - ancestor.labels.size();
        return extra >= 0 && suffix(extra).equals(ancestor);
    }

    /** The same name with ASCII letters in lower case, as a canonical key (RFC 4343 §3). */
    public DomainName toLowerCase() {
        return new DomainName(labels.stream().map(DomainName::lowerAscii).toList());
    }

    private static String lowerAscii(String label) {
        StringBuilder out = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    /** Equal when the labels are equal ignoring ASCII case (RFC 4343 §3). */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DomainName that) || that.labels.size() != labels.size()) {
            return false;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!lowerAscii(labels.get(i)).equals(lowerAscii(that.labels.get(i)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (String label : labels) {
            h = 31 * h + lowerAscii(label).hashCode();
        }
        return h;
    }

    /**
     * The presentation form with a final dot, e.g. {@code "mx.example.com."}; dots and backslashes inside a
     * label are escaped with a backslash, and octets outside printable ASCII as {@code \DDD} (RFC 1035 §5.1).
     */
    @Override
    public String toString() {
        if (isRoot()) {
            return ".";
        }
        StringBuilder out = new StringBuilder();
        for (String label : labels) {
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c == '.' || c == '\\' || c == '"' || c == ';' || c == '(' || c == ')' || c == '@' || c == '$') {
                    out.append('\\').append(c);
                } else if (c <= 0x20 || c >= 0x7F) {
                    out.append('\\').append(String.format(Locale.ROOT, "%03d", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('.');
        }
        return out.toString();
    }
}
