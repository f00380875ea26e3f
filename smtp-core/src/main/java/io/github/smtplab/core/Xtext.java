package io.github.smtplab.core;

import java.util.Optional;

/**
 * xtext (RFC 3461 §4): how DSN parameters (ENVID, ORCPT) and AUTH= (RFC 4954 §5) carry arbitrary text in
 * an esmtp-value. Printable ASCII stands for itself except {@code +} and {@code =}; anything else is
 * {@code "+" 2HEXCHAR} with upper-case hex digits.
 *
 * <pre>
 * xtext   = *( xchar / hexchar )
 * xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
 * hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
 * </pre>
 */
public final class Xtext {

    private Xtext() {}

    /** Encodes ASCII text; characters outside 33..126 and {@code + =} become {@code +XX}. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("xtext carries octets; encode non-ASCII text first: " + text);
            }
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                out.append(c);
            } else {
                out.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes xtext; empty when the text breaks the grammar above (a bad {@code +XX}, a bare {@code =}). */
    public static Optional<String> decode(String xtext) {
        StringBuilder out = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    return Optional.empty();
                }
                int hi = upperHex(xtext.charAt(i + 1));
                int lo = upperHex(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.append((char) (hi << 4 | lo));
                i += 2;
            } else if (c >= 33 && c <= 126 && c != '=') {
                out.append(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
