package io.github.smtplab.conformance;

import java.util.Locale;

/** What kind of server the target claims to be: which probes apply and what they expect. */
public enum Profile {
    /** Port 25 semantics: mail for its own domains without AUTH, and it must refuse to relay (RFC 5321 3.6). */
    MX,
    /** Port 587 semantics (RFC 6409): STARTTLS and AUTH expected before mail is taken. */
    SUBMISSION,
    /** The base protocol only: what the exercises' capstone server must pass. */
    CORE;

    /** The lower-case name used in probe files and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code mx}, {@code submission} or {@code core}, in any case. */
    public static Profile of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
