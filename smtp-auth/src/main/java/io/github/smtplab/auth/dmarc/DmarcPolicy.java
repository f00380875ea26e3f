package io.github.smtplab.auth.dmarc;

import java.util.Locale;
import java.util.Optional;

/** The Domain Owner Assessment Policy of the {@code p}, {@code sp} and {@code np} tags (RFC 9989 §4.7). */
public enum DmarcPolicy {
    /** No expression of preference. */
    NONE,
    /** Failing mail is suspicious. */
    QUARANTINE,
    /** Failing mail is not valid use of the domain. */
    REJECT;

    /** The tag value, e.g. {@code "reject"}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy for a tag value, ignoring case; empty if it is not one. */
    public static Optional<DmarcPolicy> fromKeyword(String value) {
        for (DmarcPolicy p : values()) {
            if (p.keyword().equalsIgnoreCase(value.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** One level below, as {@code t=y} asks (§4.7 tag {@code t}): reject becomes quarantine, quarantine becomes none. */
    public DmarcPolicy oneLevelBelow() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
