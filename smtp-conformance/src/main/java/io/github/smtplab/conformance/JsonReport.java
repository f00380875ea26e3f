package io.github.smtplab.conformance;

import java.util.List;

/**
 * The JSON report (RFC 8259), written by hand:
 * {@code {"target": ..., "profile": ..., "summary": {...}, "results": [{"id", "title", "rfc", "section",
 * "level", "outcome", "detail", "transcript": ["C: ...", "S: ..."]}]}}.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /** The whole document. */
    public static String render(String target, Profile profile, List<Outcome> outcomes) {
        Summary s = Summary.of(outcomes);
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"target\": ").append(string(target))
                .append(",\n  \"profile\": ").append(string(profile.label()))
                .append(",\n  \"summary\": {\"passed\": ").append(s.passed()).append(", \"failed\": ").append(s.failed())
                .append(", \"warned\": ").append(s.warned()).append(", \"skipped\": ").append(s.skipped()).append("}")
                .append(",\n  \"results\": [");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Probe p = o.probe();
            out.append(i == 0 ? "\n" : ",\n");
            out.append("    {\"id\": ").append(string(p.id()))
                    .append(", \"title\": ").append(string(p.title()))
                    .append(", \"rfc\": ").append(string(p.rfc()))
                    .append(", \"section\": ").append(string(p.section()))
                    .append(", \"level\": ").append(string(p.level().name()))
                    .append(", \"outcome\": ").append(string(o.verdict().label()))
                    .append(", \"detail\": ").append(string(o.detail()))
                    .append(", \"transcript\": [");
            for (int j = 0; j < o.transcript().size(); j++) {
                out.append(j == 0 ? "" : ", ").append(string(o.transcript().get(j).tagged()));
            }
            out.append("]}");
        }
        out.append(outcomes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259 section 7). */
    public static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
