package io.github.smtplab.lab;

/**
 * Text that came from the network (a TXT record, an explanation, a peer's name), made safe to print on a
 * terminal: a control character could move the cursor, clear the screen or forge a line of output, so each
 * is written as an escape ({@code \r}, {@code \n}, {@code \t}, {@code \x1b}...) and a backslash as {@code \\}.
 * Printable characters, non-ASCII letters included, are kept.
 */
final class TerminalText {

    private TerminalText() {}

    /** The text with every control character (C0, DEL, C1) escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
