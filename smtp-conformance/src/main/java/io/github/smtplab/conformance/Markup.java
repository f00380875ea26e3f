package io.github.smtplab.conformance;

/** Escaping for XML and HTML text and attribute values (the five predefined entities; no control characters). */
final class Markup {

    private Markup() {
    }

    /** {@code text} safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 allows no C0 control but tab, LF, CR: show the others as text
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(String.format("\\x%02X", (int) c));
                    } else if (c == 0xFFFE || c == 0xFFFF) {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
