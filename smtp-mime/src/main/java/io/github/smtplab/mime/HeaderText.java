package io.github.smtplab.mime;

/**
 * Text written into a header field by a program (a reason, a problem, a peer's name): header fields are
 * US-ASCII (RFC 5322 §2.2), so anything else is replaced, and a line break can never be smuggled in.
 */
public final class HeaderText {

    private HeaderText() {}

    /**
     * {@code text} as printable US-ASCII: the section sign of an RFC reference becomes the word
     * {@code "section "} ({@code "RFC 5321 §4.4"} is written {@code "RFC 5321 section 4.4"}), every other
     * character outside 0x20-0x7E (CR, LF, TAB, non-ASCII) becomes {@code ?}.
     */
    public static String printableAscii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u00a7') {
                out.append("section ");
                while (i + 1 < text.length() && text.charAt(i + 1) == ' ') {
                    i++;
                }
            } else {
                out.append(c >= 0x20 && c < 0x7F ? c : '?');
            }
        }
        return out.toString();
    }
}
