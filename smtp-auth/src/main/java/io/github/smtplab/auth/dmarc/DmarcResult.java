package io.github.smtplab.auth.dmarc;

import java.util.Locale;

/** The result of DMARC evaluation as reported in Authentication-Results (RFC 8601 §2.7.1, RFC 9989 §4.9). */
public enum DmarcResult {
    /** An aligned SPF or DKIM pass. */
    PASS,
    /** A policy applies and nothing aligned passed. */
    FAIL,
    /** No DMARC Policy Record applies: DMARC does not apply to this message (§4.10.1). */
    NONE,
    /** A DNS error during policy discovery (§4.10.1 leaves the handling to the receiver). */
    TEMPERROR,
    /** A record was found but its policy is unusable and it names no reporting URI (§4.10.1): no DMARC processing. */
    PERMERROR;

    /** The lower-case keyword, e.g. {@code "pass"}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
