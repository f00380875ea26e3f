package io.github.smtplab.conformance;

import java.util.List;
import java.util.Optional;

/**
 * The grammar of reply lines, RFC 5321 section 4.2 (pure functions):
 * <pre>
 *   Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
 *   Reply-code = %x32-35 %x30-35 %x30-39
 * </pre>
 * "In a multiline reply, the reply code on each of the lines MUST be the same." (section 4.2.1)
 */
public final class ReplySyntax {

    private ReplySyntax() {
    }

    /** The code of one line, or empty when the line does not start with a valid reply code. */
    public static Optional<Integer> code(String line) {
        if (line.length() < 3) {
            return Optional.empty();
        }
        char a = line.charAt(0);
        char b = line.charAt(1);
        char c = line.charAt(2);
        if (a < '2' || a > '5' || b < '0' || b > '5' || c < '0' || c > '9') {
            return Optional.empty();
        }
        if (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            return Optional.empty();
        }
        return Optional.of((a - '0') * 100 + (b - '0') * 10 + (c - '0'));
    }

    /** Whether this line says more lines follow ({@code 250-...}). */
    public static boolean continues(String line) {
        return line.length() > 3 && line.charAt(3) == '-';
    }

    /**
     * Why a line cannot be read as a reply line, or empty when it can: a code, then text without control
     * characters (HT allowed). Octets above 127 break the grammar too (textstring is US-ASCII) but leave the
     * reply readable: {@link #isAscii} tells them apart, and the probe {@code reply.ascii-text} checks them.
     */
    public static Optional<String> problem(String line) {
        if (code(line).isEmpty()) {
            return Optional.of("not a reply line (three digits 2xx-5xx then space, hyphen or end): " + printable(line));
        }
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                return Optional.of("reply text has a control character at column " + (i + 1) + ": " + printable(line));
            }
        }
        return Optional.empty();
    }

    /** Whether the text is printable US-ASCII, HT and LF: textstring = 1*(%d09 / %d32-126) (RFC 5321 4.2). */
    public static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '\t' && ch != '\n' && (ch < 0x20 || ch > 0x7e)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks complete lines (the last one without a hyphen) as one reply: every line valid and with the
     * same code.
     */
    public static ReadResult reply(List<String> lines) {
        if (lines.isEmpty()) {
            return new ReadResult.Malformed("no line", lines);
        }
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Optional<String> problem = problem(line);
            if (problem.isPresent()) {
                return new ReadResult.Malformed(problem.get(), lines);
            }
            int code = code(line).orElseThrow();
            if (first == -1) {
                first = code;
            } else if (code != first) {
                return new ReadResult.Malformed("line " + (i + 1) + " has code " + code + " but the reply began with " + first
                        + " (RFC 5321 4.2.1: the same code on every line)", lines);
            }
            boolean last = i == lines.size() - 1;
            if (continues(line) == last) {
                return new ReadResult.Malformed(last ? "the last line has a hyphen" : "line " + (i + 1) + " ends the reply early", lines);
            }
        }
        return new ReadResult.Received(new ServerReply(first, lines));
    }

    /** The line with control and non-ASCII characters shown as {@code \xHH}: safe to print in a report. */
    public static String printable(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\') {
                out.append("\\\\");
            } else if (ch >= 0x20 && ch <= 0x7e) {
                out.append(ch);
            } else if (ch <= 0xff) {
                out.append(String.format("\\x%02X", (int) ch));
            } else {
                out.append(String.format("\\u%04X", (int) ch));
            }
        }
        return out.toString();
    }
}
