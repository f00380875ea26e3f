package io.github.smtplab.auth.dmarc;

import io.github.smtplab.auth.spf.SpfResult;
import java.util.Objects;

/**
 * The SPF result as DMARC needs it (RFC 9989 §4.4.2, §5.3.3): the domain SPF checked (MAIL FROM domain, or
 * the HELO name for a null reverse-path) and the typed result. Only a {@link SpfResult#PASS} can align.
 *
 * @param domain the SPF-authenticated domain
 * @param result what check_host() gave for it
 */
public record SpfInput(String domain, SpfResult result) {

    /** Checks no part is null. */
    public SpfInput {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(result, "result");
    }

    /** True for an SPF pass. */
    public boolean passed() {
        return result == SpfResult.PASS;
    }
}
