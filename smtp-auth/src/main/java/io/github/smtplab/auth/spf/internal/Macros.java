package io.github.smtplab.auth.spf.internal;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Macro syntax and expansion (RFC 7208 §7). Pure functions: {@link #check} validates a macro-string or
 * explain-string, {@link #expand} turns a valid one into text.
 *
 * <pre>
 * macro-expand  = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 * macro-literal = %x21-24 / %x26-7E
 * transformers  = *DIGIT [ "r" ]
 * delimiter     = "." / "-" / "+" / "," / "/" / "_" / "="
 * </pre>
 */
public final class Macros {

    /** The macro letters allowed everywhere (§7.2). */
    private static final String LETTERS = "slodiphv";
    /** The letters allowed only in {@code exp} text (§7.2: c, r, t). */
    private static final String EXPLAIN_ONLY_LETTERS = "crt";
    /** The delimiters a macro may split on (§7.1). */
    private static final String DELIMITERS = ".-+,/_=";
    /** Most parts a digit transformer can keep; more digits than this mean "all parts" (a name has at most 127 labels). */
    private static final int MAX_TRANSFORMER_PARTS = 128;

    private Macros() {}

    /**
     * Checks the syntax of a macro-string, or of an explain-string when {@code explain} is true (spaces
     * allowed, and the letters c, r, t). Returns null when valid, else what is wrong.
     */
    public static String check(String text, boolean explain) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 1 >= text.length()) {
                    return "a lone % at the end of \"" + text + "\" (§7.1)";
                }
                char next = text.charAt(i + 1);
                if (next == '%' || next == '_' || next == '-') {
                    i += 2;
                    continue;
                }
                if (next != '{') {
                    return "% must be followed by {, %, _ or - (§7.1) in \"" + text + "\"";
                }
                int close = text.indexOf('}', i);
                if (close < 0) {
                    return "unclosed macro in \"" + text + "\" (§7.1)";
                }
                String problem = checkBody(text.substring(i + 2, close), explain);
                if (problem != null) {
                    return problem;
                }
                i = close + 1;
            } else if (c == ' ' && explain) {
                i++;
            } else if (c >= 0x21 && c <= 0x7E) {
                i++;
            } else {
                return String.format(Locale.ROOT, "character 0x%02X is not allowed in a macro-string (§7.1)", (int) c);
            }
        }
        return null;
    }

    /** Checks the inside of {@code %{...}}: a letter, transformers, delimiters. */
    private static String checkBody(String body, boolean explain) {
        if (body.isEmpty()) {
            return "empty macro %{} (§7.1)";
        }
        char letter = Character.toLowerCase(body.charAt(0));
        if (LETTERS.indexOf(letter) < 0 && !(explain && EXPLAIN_ONLY_LETTERS.indexOf(letter) >= 0)) {
            return EXPLAIN_ONLY_LETTERS.indexOf(letter) >= 0
                    ? "macro letter " + body.charAt(0) + " is allowed only in exp text (§7.2)"
                    : "unknown macro letter " + body.charAt(0) + " (§7.2)";
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        if (i > digitsStart && parseParts(body.substring(digitsStart, i)) == 0) {
            return "a digit transformer must be at least 1 (§7.1)";
        }
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            i++;
        }
        for (; i < body.length(); i++) {
            if (DELIMITERS.indexOf(body.charAt(i)) < 0) {
                return "bad delimiter '" + body.charAt(i) + "' in macro %{" + body + "} (§7.1)";
            }
        }
        return null;
    }

    /** The number of parts to keep, capped at {@link #MAX_TRANSFORMER_PARTS}. */
    private static int parseParts(String digits) {
        String trimmed = digits.replaceFirst("^0+", "");
        if (trimmed.isEmpty()) {
            return 0;
        }
        return trimmed.length() > 3 ? MAX_TRANSFORMER_PARTS : Math.min(Integer.parseInt(trimmed), MAX_TRANSFORMER_PARTS);
    }

    /**
     * Expands a string already accepted by {@link #check} (§7.1-§7.4).
     *
     * @param text    the macro-string or explain-string
     * @param context the values of the letters
     */
    public static String expand(String text, MacroContext context) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                default -> {
                    int close = text.indexOf('}', i);
                    out.append(expandOne(text.substring(i + 2, close), context));
                    i = close + 1;
                    continue;
                }
            }
            i += 2;
        }
        return out.toString();
    }

    /** One {@code %{...}}: value, split on delimiters, reversed, rightmost parts kept, joined with dots, URL-escaped for an upper-case letter (§7.3). */
    private static String expandOne(String body, MacroContext context) {
        char letter = body.charAt(0);
        String value = value(Character.toLowerCase(letter), context);
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        int keep = i > digitsStart ? parseParts(body.substring(digitsStart, i)) : Integer.MAX_VALUE;
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = i < body.length() ? body.substring(i) : ".";
        boolean transformed = reverse || keep != Integer.MAX_VALUE || i < body.length();
        String result = transformed ? transform(value, delimiters, reverse, keep) : value;
        return Character.isUpperCase(letter) ? urlEscape(result) : result;
    }

    private static String transform(String value, String delimiters, boolean reverse, int keep) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int j = 0; j < value.length(); j++) {
            if (delimiters.indexOf(value.charAt(j)) >= 0) {
                parts.add(value.substring(start, j));
                start = j + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    /** The value of one macro letter (§7.2). */
    private static String value(char letter, MacroContext context) {
        return switch (letter) {
            case 's' -> context.sender();
            case 'l' -> context.localPart();
            case 'o' -> context.senderDomain();
            case 'd' -> context.domain();
            case 'i' -> IpText.dotted(context.ip());
            case 'p' -> context.validatedName().apply(context.domain());
            case 'h' -> context.helo();
            case 'v' -> context.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'c' -> IpText.readable(context.ip());
            case 'r' -> context.receiver();
            case 't' -> Long.toString(context.timestamp());
            default -> throw new IllegalArgumentException("not a macro letter: " + letter);
        };
    }

    /** Escapes every octet outside RFC 3986 "unreserved" as {@code %XX} (§7.3, upper-case macro letters). */
    static String urlEscape(String text) {
        boolean octets = text.chars().allMatch(ch -> ch <= 0xFF);
        byte[] bytes = text.getBytes(octets ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v < 0x80 && (Character.isLetterOrDigit(v) || v == '-' || v == '.' || v == '_' || v == '~')) {
                out.append((char) v);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", v));
            }
        }
        return out.toString();
    }
}
