package io.github.smtplab.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the text of a {@code send:} line into bytes (a pure function): {@code ${name}} variables from the
 * run, {@code ${fill:N}} for N letters {@code x}, then the escapes {@code \r \n \t \\ \xHH}. Other characters
 * are written in UTF-8.
 */
public final class Templates {

    /** The largest {@code ${fill:N}}. */
    public static final int MAX_FILL = 1_000_000;

    private Templates() {
    }

    /** A variable the run does not define (the probe is then skipped, with its name as the reason). */
    public static final class UnknownVariable extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownVariable(String name) {
            super(name);
        }
    }

    /** The bytes of {@code template} with {@code variables} replaced and escapes decoded. */
    public static byte[] expand(String template, Map<String, String> variables) throws UnknownVariable {
        return unescape(substitute(template, variables));
    }

    /** Replaces {@code ${name}} and {@code ${fill:N}}; the result still holds the escapes. */
    public static String substitute(String template, Map<String, String> variables) throws UnknownVariable {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            int end = template.indexOf('}', start);
            if (end < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            String name = template.substring(start + 2, end);
            out.append(value(name, variables).orElseThrow(() -> new UnknownVariable(name)));
            i = end + 1;
        }
        return out.toString();
    }

    private static Optional<String> value(String name, Map<String, String> variables) {
        if (name.startsWith("fill:")) {
            try {
                int n = Integer.parseInt(name.substring(5));
                return n >= 0 && n <= MAX_FILL ? Optional.of("x".repeat(n)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(variables.get(name));
    }

    /** Decodes {@code \r \n \t \\ \xHH}; a backslash before anything else stays a backslash. */
    public static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                switch (next) {
                    case 'r' -> { out.write('\r'); i++; continue; }
                    case 'n' -> { out.write('\n'); i++; continue; }
                    case 't' -> { out.write('\t'); i++; continue; }
                    case '\\' -> { out.write('\\'); i++; continue; }
                    case 'x' -> {
                        if (i + 3 < text.length() && isHex(text.charAt(i + 2)) && isHex(text.charAt(i + 3))) {
                            out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                            i += 3;
                            continue;
                        }
                    }
                    default -> { }
                }
            }
            if (c < 0x80) {
                out.write(c);
            } else {
                int codePoint = text.codePointAt(i);
                out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
