package io.github.smtplab.auth.results;

import io.github.smtplab.mime.HeaderText;

/** Lexical rules shared by the types of this package (RFC 8601 §2.2, RFC 2045 §5.1 token). */
final class Tokens {

    /** The tspecials of RFC 2045 §5.1, which end a token. */
    static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    /**
     * Longest value written; longer ones are cut so that no word can pass the 998-character line limit of
     * RFC 5322 §2.1.1 (a domain name is at most 253 characters, an SMTP path 256, RFC 5321 §4.5.3.1.3).
     */
    static final int MAX_VALUE_LENGTH = 256;

    private Tokens() {}

    /** True for one character that may appear in a token: visible ASCII but no tspecial (RFC 2045 §5.1). */
    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && TSPECIALS.indexOf(c) < 0;
    }

    /** True if the text is a non-empty token. */
    static boolean isToken(String text) {
        return text != null && !text.isEmpty() && text.chars().allMatch(c -> isTokenChar((char) c));
    }

    /**
     * A value as RFC 8601 §2.2 writes it: a token when possible, else a quoted-string with {@code \} and
     * {@code "} escaped; anything outside printable ASCII and space becomes {@code ?} so no line break can
     * be smuggled in, and an RFC section sign is written as the word "section" ({@link HeaderText}).
     */
    static String value(String original) {
        String ascii = HeaderText.printableAscii(original);
        String text = ascii.length() <= MAX_VALUE_LENGTH ? ascii : ascii.substring(0, MAX_VALUE_LENGTH);
        if (isToken(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A property value: a token, or {@code [local-part] "@" domain} written bare when it is made of token
     * characters around one {@code @} (§2.2 pvalue), else a quoted-string.
     */
    static String propertyValue(String text) {
        if (text.length() > MAX_VALUE_LENGTH) {
            return value(text);
        }
        int at = text.indexOf('@');
        if (at >= 0 && text.indexOf('@', at + 1) < 0
                && (at == 0 || isToken(text.substring(0, at))) && isToken(text.substring(at + 1))) {
            return text;
        }
        return value(text);
    }
}
