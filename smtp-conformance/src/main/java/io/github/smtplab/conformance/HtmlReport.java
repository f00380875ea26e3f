package io.github.smtplab.conformance;

import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (no script, no network, no other file): the summary, the table grouped by
 * RFC, and for each probe the RFC sentence it checks and its transcript drawn as a two-column dialogue,
 * client on the left, server on the right.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
            .summary span{display:inline-block;padding:.3em .8em;margin-right:.5em;border-radius:4px;font-weight:bold}
            .pass{background:#d8f0d8}.fail{background:#f6d0d0}.warn{background:#f8ecc0}.skip{background:#e4e4e4}
            table{border-collapse:collapse;width:100%}td,th{padding:.25em .5em;text-align:left;vertical-align:top}
            table.results{table-layout:fixed}table.results tr{border-bottom:1px solid #eee}
            table.results td:nth-child(2){width:6em}table.results td:nth-child(3){width:5em}table.results td:nth-child(4){width:17em}
            .verdict{font-weight:bold;text-transform:uppercase;font-size:.85em;border-radius:3px;text-align:center;width:4em}
            details{margin:.4em 0 .8em 0;border:1px solid #ddd;border-radius:4px;padding:.4em .8em}
            summary{cursor:pointer}blockquote{margin:.5em 0;padding:.3em .8em;border-left:4px solid #99b;background:#f4f4fa}
            table.dialogue{font-family:ui-monospace,monospace;font-size:.85em}
            table.dialogue td{width:50%;white-space:pre-wrap;word-break:break-all}
            td.client{background:#eef4ff}td.server{background:#f1fbf1}td.note{color:#666;font-style:italic;text-align:center}
            """;

    private HtmlReport() {
    }

    /** The whole page. */
    public static String render(String target, Profile profile, List<Outcome> outcomes) {
        Summary s = Summary.of(outcomes);
        StringBuilder out = new StringBuilder();
        String title = "SMTP conformance of " + target + " (" + profile.label() + ")";
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(Markup.escape(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<h1>").append(Markup.escape(title))
                .append("</h1>\n<p class=\"summary\" id=\"summary\">")
                .append("<span class=\"pass\" id=\"passed\">").append(s.passed()).append(" passed</span>")
                .append("<span class=\"fail\" id=\"failed\">").append(s.failed()).append(" failed</span>")
                .append("<span class=\"warn\" id=\"warned\">").append(s.warned()).append(" warned</span>")
                .append("<span class=\"skip\" id=\"skipped\">").append(s.skipped()).append(" skipped</span></p>\n")
                .append("<p id=\"summary-line\">").append(Markup.escape(s.line())).append(s.conforms()
                        ? " &mdash; no MUST failed.</p>\n" : " &mdash; at least one MUST failed.</p>\n");
        for (Map.Entry<String, List<Outcome>> rfc : ConsoleReport.byRfc(outcomes).entrySet()) {
            out.append("<h2>RFC ").append(Markup.escape(rfc.getKey())).append("</h2>\n<table class=\"results\">\n");
            for (Outcome o : rfc.getValue()) {
                Probe p = o.probe();
                String v = o.verdict().label();
                out.append("<tr><td class=\"verdict ").append(v).append("\">").append(v).append("</td><td>")
                        .append(Markup.escape(p.section())).append("</td><td>").append(p.level()).append("</td><td><a href=\"#")
                        .append(Markup.escape(p.id())).append("\">").append(Markup.escape(p.id())).append("</a></td><td>")
                        .append(Markup.escape(p.title())).append(o.detail().isEmpty() ? "" : "<br><small>" + Markup.escape(o.detail()) + "</small>")
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<h2>Transcripts</h2>\n");
        for (Outcome o : outcomes) {
            dialogue(o, out);
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void dialogue(Outcome o, StringBuilder out) {
        Probe p = o.probe();
        boolean open = o.verdict() == Verdict.FAIL || o.verdict() == Verdict.WARN;
        out.append("<details id=\"").append(Markup.escape(p.id())).append("\"").append(open ? " open" : "").append("><summary><span class=\"")
                .append(o.verdict().label()).append("\">").append(o.verdict().label()).append("</span> <b>").append(Markup.escape(p.id()))
                .append("</b> ").append(Markup.escape(p.title())).append(" &mdash; ").append(Markup.escape(p.reference())).append(", ")
                .append(p.level()).append("</summary>\n<blockquote>").append(Markup.escape(p.quote())).append("</blockquote>\n<p>Expected: ")
                .append(Markup.escape(p.expectation())).append("</p>\n");
        if (!o.detail().isEmpty()) {
            out.append("<p><b>").append(o.verdict() == Verdict.SKIP ? "Skipped" : "Found").append(":</b> ")
                    .append(Markup.escape(o.detail())).append("</p>\n");
        }
        if (!o.transcript().isEmpty()) {
            out.append("<table class=\"dialogue\"><tr><th>Client (the suite)</th><th>Server</th></tr>\n");
            for (TranscriptLine line : o.transcript()) {
                String text = Markup.escape(line.text());
                out.append(switch (line.side()) {
                    case CLIENT -> "<tr><td class=\"client\">" + text + "</td><td></td></tr>\n";
                    case SERVER -> "<tr><td></td><td class=\"server\">" + text + "</td></tr>\n";
                    case NOTE -> "<tr><td class=\"note\" colspan=\"2\">" + text + "</td></tr>\n";
                });
            }
            out.append("</table>\n");
        }
        out.append("</details>\n");
    }
}
