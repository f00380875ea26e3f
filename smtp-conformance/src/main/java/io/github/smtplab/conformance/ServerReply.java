package io.github.smtplab.conformance;

import java.util.List;

/**
 * A well-formed SMTP reply (RFC 5321 section 4.2): one code and one or more text lines.
 *
 * @param code  the three-digit reply code
 * @param lines the raw lines as received, without CRLF (e.g. {@code 250-SIZE 1000})
 */
public record ServerReply(int code, List<String> lines) {

    public ServerReply {
        lines = List.copyOf(lines);
    }

    /** The text after each code and separator, lines joined by LF. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.length() > 4 ? line.substring(4) : "");
        }
        return out.toString();
    }
}
