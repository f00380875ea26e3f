package io.github.smtplab.conformance;

import java.util.List;

/**
 * The counts of a run.
 *
 * @param passed  probes passed
 * @param failed  MUST probes failed
 * @param warned  SHOULD or MAY probes not met
 * @param skipped probes that could not apply
 */
public record Summary(int passed, int failed, int warned, int skipped) {

    /** Counts the outcomes. */
    public static Summary of(List<Outcome> outcomes) {
        int[] n = new int[Verdict.values().length];
        for (Outcome o : outcomes) {
            n[o.verdict().ordinal()]++;
        }
        return new Summary(n[Verdict.PASS.ordinal()], n[Verdict.FAIL.ordinal()], n[Verdict.WARN.ordinal()], n[Verdict.SKIP.ordinal()]);
    }

    /** {@code 80 passed, 1 failed, 5 skipped, 3 warned}: the line every report ends with. */
    public String line() {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped, " + warned + " warned";
    }

    /** Whether no MUST failed: the run's verdict (exit code 0). */
    public boolean conforms() {
        return failed == 0;
    }
}
