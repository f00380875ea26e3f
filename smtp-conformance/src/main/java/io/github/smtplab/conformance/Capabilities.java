package io.github.smtplab.conformance;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the server offers, read from its EHLO replies (RFC 5321 4.1.1.1): keyword to parameters, upper-cased
 * keywords, those seen in the clear and those seen after TLS merged.
 *
 * @param keywords   every EHLO keyword seen, with its parameters
 * @param greeting   the greeting's first line, for the report header
 */
public record Capabilities(Map<String, String> keywords, String greeting) {

    public Capabilities {
        keywords = Map.copyOf(keywords);
    }

    /** Reads the keyword lines of an EHLO reply (all lines but the first) into a map. */
    public static Map<String, String> parseEhlo(ServerReply reply) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 1; i < reply.lines().size(); i++) {
            String line = reply.lines().get(i);
            String text = line.length() > 4 ? line.substring(4).trim() : "";
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            out.put(keyword, space < 0 ? "" : text.substring(space + 1).trim());
        }
        return out;
    }

    /** Whether the keyword was offered. */
    public boolean offers(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The SIZE limit announced (RFC 1870 section 4), when a positive number is. */
    public OptionalLong sizeLimit() {
        String value = keywords.get("SIZE");
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value.trim());
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The keywords alone. */
    public Set<String> names() {
        return keywords.keySet();
    }
}
