package io.github.smtplab.mime.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Internal (not exported). Looks up MIME charset names (RFC 2046 §4.1.2) without throwing on unknown or malformed names. */
public final class Charsets {

    private Charsets() {}

    /** Characters the JDK allows in charset names (java.nio.charset.Charset): letters, digits, "-+:_.". */
    private static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ':' || c == '_' || c == '.';
    }

    /** The JDK charset for a MIME charset name, if the JDK knows it. */
    public static Optional<Charset> lookup(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > 40 || !n.chars().allMatch(Charsets::isNameChar)) {
            return Optional.empty(); // checked first: the JDK would throw, and exceptions are slow on hostile input
        }
        if (n.equals("us-ascii") || n.equals("ascii")) {
            // RFC 2046 §4.1.2's default; real mail labelled us-ascii often carries Latin-1 octets,
            // which the JDK's strict US-ASCII decoder would replace: read it as a superset.
            return Optional.of(StandardCharsets.ISO_8859_1);
        }
        try {
            return Charset.isSupported(n) ? Optional.of(Charset.forName(n)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
