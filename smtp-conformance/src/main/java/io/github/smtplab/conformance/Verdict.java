package io.github.smtplab.conformance;

import java.util.Locale;

/** The outcome of one probe. */
public enum Verdict {
    /** The server did what the RFC asks. */
    PASS,
    /** The server broke a MUST. */
    FAIL,
    /** The server did not do what a SHOULD (or a MAY the suite looks for) describes. */
    WARN,
    /** The probe could not apply (an extension not offered, no credentials, no --slow...). */
    SKIP;

    /** {@code pass}, {@code fail}, {@code warn} or {@code skip}: the word used in every report. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
