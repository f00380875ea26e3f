package io.github.smtplab.auth.dmarc;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of DMARC evaluation for one message (RFC 9989 §4.9).
 *
 * @param result             pass, fail, none, temperror or permerror
 * @param fromDomain         the Author Domain evaluated
 * @param policyDomain       where the applied DMARC Policy Record was found (§4.10.1)
 * @param organizationalDomain the Author Domain's Organizational Domain (§4.10.2)
 * @param disposition        the policy the domain asks for a failing message ({@code t=y} already applied), empty unless the result is fail
 * @param spfAligned         an SPF pass aligned with the Author Domain
 * @param dkimAligned        a DKIM pass aligned with the Author Domain
 * @param detail             a short human-readable explanation
 */
public record DmarcOutcome(DmarcResult result, String fromDomain, Optional<String> policyDomain,
                           Optional<String> organizationalDomain, Optional<DmarcPolicy> disposition, boolean spfAligned,
                           boolean dkimAligned, String detail) {

    /** Checks nothing is null. */
    public DmarcOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(fromDomain, "fromDomain");
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(organizationalDomain, "organizationalDomain");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(detail, "detail");
    }
}
