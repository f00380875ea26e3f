package io.github.smtplab.auth.dmarc;

import java.util.Objects;

/**
 * One DKIM verification result as DMARC needs it (RFC 9989 §4.4.1): the signing domain ({@code d=}), the
 * selector and the result keyword ({@code pass}, {@code fail}, ...). Only a {@code pass} can align.
 *
 * @param domain   the {@code d=} domain
 * @param selector the {@code s=} selector (reported only)
 * @param result   the DKIM result keyword, lower case
 */
public record DkimInput(String domain, String selector, String result) {

    /** Checks no part is null and lowers the result's case. */
    public DkimInput {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        result = Objects.requireNonNull(result, "result").toLowerCase(java.util.Locale.ROOT);
    }

    /** True for a DKIM pass. */
    public boolean passed() {
        return result.equals("pass");
    }
}
