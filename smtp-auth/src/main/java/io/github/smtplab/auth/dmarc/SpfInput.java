package io.github.smtplab.auth.dmarc;

import java.util.Objects;

/**
 * The SPF result as DMARC needs it (RFC 9989 §4.4.2): the domain SPF checked (MAIL FROM domain, or the HELO
 * name for a null reverse-path) and the result keyword. Only a {@code pass} can align.
 *
 * @param domain the SPF-authenticated domain
 * @param result the SPF result keyword, lower case
 */
public record SpfInput(String domain, String result) {

    /** Checks no part is null and lowers the result's case. */
    public SpfInput {
        Objects.requireNonNull(domain, "domain");
        result = Objects.requireNonNull(result, "result").toLowerCase(java.util.Locale.ROOT);
    }

    /** True for an SPF pass. */
    public boolean passed() {
        return result.equals("pass");
    }
}
