package io.github.smtplab.auth.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed tag list (RFC 6376 §3.2), the syntax of both the DKIM-Signature field and the key record:
 * {@code tag-name = tag-value} pairs separated by semicolons, in their original order.
 *
 * <pre>
 * tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 * tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * tag-name  =  ALPHA *ALNUMPUNC
 * tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
 * tval      =  1*VALCHAR          ; VALCHAR = %x21-3A / %x3C-7E
 * </pre>
 *
 * <p>Values keep their inner white space and lose the surrounding one. Tag names are case-sensitive (§3.2).
 *
 * @param tags each tag name with its value, in the order written
 */
public record TagList(Map<String, String> tags) {

    /** At most this many tags in one list: far more than any defined use needs (bounded work on hostile input). */
    public static final int MAX_TAGS = 64;

    /** Copies the map, keeping its order. */
    public TagList {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tags, "tags")));
    }

    /** The value of tag {@code name}, if present. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /**
     * Parses {@code text} (a field body or the concatenated strings of a TXT record). A duplicate tag is an
     * error (§3.2: "Tags with duplicate names MUST NOT occur ... the entire tag-list is invalid"). Never throws.
     */
    public static TagListResult parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, String> tags = new LinkedHashMap<>();
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int semicolon = text.indexOf(';', start);
            int end = semicolon < 0 ? n : semicolon;
            String spec = text.substring(start, end);
            if (isBlank(spec)) {
                // an empty tag-spec (";;" or a trailing ";"): the grammar allows only the trailing one, but
                // an empty one in the middle carries no tag, so it is skipped rather than failing the list
            } else {
                int eq = spec.indexOf('=');
                if (eq < 0) {
                    return new TagListResult.Malformed("RFC 6376 §3.2: tag-spec without '=' at " + start);
                }
                String name = trimFws(spec.substring(0, eq));
                if (!isTagName(name)) {
                    return new TagListResult.Malformed("RFC 6376 §3.2: bad tag-name '" + printable(name) + "'");
                }
                String value = trimFws(spec.substring(eq + 1));
                String bad = checkValue(value);
                if (bad != null) {
                    return new TagListResult.Malformed("RFC 6376 §3.2: tag " + name + ": " + bad);
                }
                if (tags.containsKey(name)) {
                    return new TagListResult.Malformed("RFC 6376 §3.2: duplicate tag " + name);
                }
                if (tags.size() == MAX_TAGS) {
                    return new TagListResult.Malformed("more than " + MAX_TAGS + " tags");
                }
                tags.put(name, value);
            }
            if (semicolon < 0) {
                break;
            }
            start = semicolon + 1;
        }
        return new TagListResult.Parsed(new TagList(tags));
    }

    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFws(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String trimFws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isFws(s.charAt(from))) {
            from++;
        }
        while (to > from && isFws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** §3.2: {@code ALPHA *ALNUMPUNC}, ALNUMPUNC being ALPHA, DIGIT or "_". */
    static boolean isTagName(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * §3.2 tag-value: VALCHARs separated by white space. Octets above 0x7E are accepted too (some signers put
     * UTF-8 in {@code z=} or {@code i=}, RFC 6376 §3.5 allows it in quoted-printable form only), control
     * characters are not. Returns null when the value is fine, else the reason.
     */
    private static String checkValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && !isFws(c) || c == 0x7F) {
                return "control character " + (int) c + " in value";
            }
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> b.append(c >= 0x20 && c < 0x7F ? Character.toString(c) : "?"));
        return b.toString();
    }
}
