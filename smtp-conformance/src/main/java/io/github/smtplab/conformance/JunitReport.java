package io.github.smtplab.conformance;

import java.util.List;

/**
 * The JUnit XML report that CI systems read: one {@code <testcase>} per probe, named by id and classed by
 * RFC; a failed MUST is a {@code <failure>}, a skip is {@code <skipped>}, a warning passes with its reason
 * in {@code <system-out>}.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /** The whole document. */
    public static String render(String target, Profile profile, List<Outcome> outcomes) {
        Summary s = Summary.of(outcomes);
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"").append(Markup.escape("smtp-conformance " + profile.label() + " " + target))
                .append("\" tests=\"").append(outcomes.size()).append("\" failures=\"").append(s.failed())
                .append("\" errors=\"0\" skipped=\"").append(s.skipped()).append("\">\n");
        for (Outcome o : outcomes) {
            Probe p = o.probe();
            out.append("  <testcase classname=\"").append(Markup.escape(p.reference())).append("\" name=\"")
                    .append(Markup.escape(p.id() + " (" + p.level() + "): " + p.title())).append("\"");
            switch (o.verdict()) {
                case PASS -> out.append("/>\n");
                case FAIL -> out.append(">\n    <failure message=\"").append(Markup.escape(o.detail())).append("\">")
                        .append(Markup.escape(transcript(o))).append("</failure>\n  </testcase>\n");
                case WARN -> out.append(">\n    <system-out>").append(Markup.escape("WARN (" + p.level() + " not met): "
                        + o.detail() + "\n" + transcript(o))).append("</system-out>\n  </testcase>\n");
                case SKIP -> out.append(">\n    <skipped message=\"").append(Markup.escape(o.detail())).append("\"/>\n  </testcase>\n");
            }
        }
        out.append("</testsuite>\n");
        return out.toString();
    }

    private static String transcript(Outcome o) {
        StringBuilder text = new StringBuilder();
        o.transcript().forEach(line -> text.append(line.tagged()).append('\n'));
        return text.toString();
    }
}
