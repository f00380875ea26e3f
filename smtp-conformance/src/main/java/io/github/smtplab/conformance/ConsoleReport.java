package io.github.smtplab.conformance;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console table: outcomes grouped by RFC, one line per probe, the reason and the first lines of the
 * transcript under each failure and warning, then the summary line.
 */
public final class ConsoleReport {

    /** Transcript lines shown under a failure (the last ones, after the first). */
    public static final int TRANSCRIPT_LINES = 8;

    private ConsoleReport() {
    }

    /** Writes the report. */
    public static void write(String target, Profile profile, List<Outcome> outcomes, PrintWriter out) {
        out.println("Conformance of " + target + " (profile " + profile.label() + ")");
        for (Map.Entry<String, List<Outcome>> rfc : byRfc(outcomes).entrySet()) {
            out.println();
            out.println("RFC " + rfc.getKey());
            for (Outcome o : rfc.getValue()) {
                Probe p = o.probe();
                out.printf("  %-4s  %-10s %-6s %-34s %s%n", o.verdict().label().toUpperCase(java.util.Locale.ROOT), p.section(),
                        p.level(), p.id(), p.title());
                if (o.verdict() == Verdict.SKIP) {
                    out.println("        skipped: " + o.detail());
                } else if (o.verdict() != Verdict.PASS) {
                    out.println("        " + o.detail());
                    excerpt(o.transcript()).forEach(line -> out.println("          " + line));
                }
            }
        }
        out.println();
        out.println(Summary.of(outcomes).line());
        out.flush();
    }

    /**
     * The lines of a transcript worth showing under a failure: its first line (the greeting) and its last
     * {@value #TRANSCRIPT_LINES}, where the probe went wrong.
     */
    static List<String> excerpt(List<TranscriptLine> transcript) {
        List<String> lines = new java.util.ArrayList<>();
        if (transcript.size() <= TRANSCRIPT_LINES + 1) {
            transcript.forEach(line -> lines.add(line.tagged()));
            return lines;
        }
        lines.add(transcript.getFirst().tagged());
        lines.add("... (" + (transcript.size() - TRANSCRIPT_LINES - 1) + " lines; all of them in --json and --html)");
        transcript.subList(transcript.size() - TRANSCRIPT_LINES, transcript.size()).forEach(line -> lines.add(line.tagged()));
        return lines;
    }

    /** Outcomes by RFC number, in numeric order, probes in file order within each. */
    static Map<String, List<Outcome>> byRfc(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        outcomes.stream()
                .sorted(Comparator.comparingInt(o -> rfcNumber(o.probe().rfc())))
                .forEach(o -> groups.computeIfAbsent(o.probe().rfc(), k -> new java.util.ArrayList<>()).add(o));
        return groups;
    }

    private static int rfcNumber(String rfc) {
        try {
            return Integer.parseInt(rfc);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
