package io.github.smtplab.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a server offers, read from its EHLO reply (RFC 5321 §4.1.1.1):
 *
 * <pre>
 * ehlo-ok-rsp = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
 *             / ( "250-" Domain [ SP ehlo-greet ] CRLF
 *                 *( "250-" ehlo-line CRLF )
 *                 "250" SP ehlo-line CRLF )
 * ehlo-line   = ehlo-keyword *( SP ehlo-param )
 * ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 * </pre>
 *
 * Keywords are case-insensitive and kept upper-case with their parameters.
 *
 * @param serverDomain the domain the server named in the first line
 * @param keywords     keyword to its parameters (possibly empty), in the server's order
 */
public record Capabilities(String serverDomain, Map<String, List<String>> keywords) {

    /** What a HELO session offers: nothing. */
    public static Capabilities none(String serverDomain) {
        return new Capabilities(serverDomain, Map.of());
    }

    public Capabilities {
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** Reads a 250 reply to EHLO; lines that are not an ehlo-line are skipped (a server's mistake is not ours). */
    public static Capabilities fromEhloReply(Reply reply) {
        if (reply.code() != 250) {
            throw new IllegalArgumentException("not a positive EHLO reply: " + reply);
        }
        String first = reply.lines().getFirst();
        int space = first.indexOf(' ');
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        for (String line : reply.lines().subList(1, reply.lines().size())) {
            String[] parts = line.trim().split(" +");
            if (parts.length > 0 && parts[0].matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                keywords.put(parts[0].toUpperCase(Locale.ROOT), List.of(parts).subList(1, parts.length));
            }
        }
        return new Capabilities(space < 0 ? first : first.substring(0, space), keywords);
    }

    /** True when the keyword was offered. */
    public boolean offers(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** True when the built-in extension was offered. */
    public boolean offers(SmtpExtension extension) {
        return offers(extension.keyword());
    }

    /** RFC 1870 §4: {@code SIZE n}; empty when SIZE is absent or has no fixed limit (0 or no number). */
    public OptionalLong maxSize() {
        List<String> params = keywords.get("SIZE");
        if (params == null || params.isEmpty() || !params.getFirst().matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        long size = Long.parseLong(params.getFirst());
        return size == 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** RFC 4954 §3: the SASL mechanisms after {@code AUTH}, upper-cased. */
    public List<String> authMechanisms() {
        return Optional.ofNullable(keywords.get("AUTH")).orElse(List.of()).stream()
                .map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }
}
