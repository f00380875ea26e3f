package io.github.smtplab.pop3;

import java.util.Objects;

/** The rule for text that goes to the peer: printable US-ASCII, no CR or LF, fits a 512-octet line. */
final class Pop3Text {

    /** RFC 2449 §4: a response line is at most 512 octets, its CRLF included. */
    static final int MAX_RESPONSE_LINE = 512;

    private Pop3Text() {}

    /** Returns {@code text} if it may go on the wire as (part of) one response line. */
    static String checked(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_RESPONSE_LINE - 2 - "-ERR [SYS/TEMP] ".length()) {
            throw new IllegalArgumentException("response text too long for a 512-octet line (RFC 2449 section 4)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("response text is printable US-ASCII: " + (int) c);
            }
        }
        return text;
    }
}
