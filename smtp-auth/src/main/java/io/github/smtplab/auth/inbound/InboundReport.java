package io.github.smtplab.auth.inbound;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dmarc.AuthorDomains;
import io.github.smtplab.auth.dmarc.DmarcOutcome;
import io.github.smtplab.auth.dmarc.DmarcPolicy;
import io.github.smtplab.auth.dmarc.DmarcResult;
import io.github.smtplab.auth.results.AuthenticationResults;
import io.github.smtplab.auth.results.MethodResult;
import io.github.smtplab.auth.results.ResultProperty;
import io.github.smtplab.auth.spf.ReceivedSpf;
import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.mime.HeaderField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the checks of one message found, typed: SPF for MAIL FROM and for HELO (RFC 7208 §2.3, §2.4),
 * each DKIM signature (RFC 6376), the Author Domains and the DMARC outcome of each (RFC 9989). It writes the
 * two trace fields an MX puts on top of the message: {@code Authentication-Results} (RFC 8601) and
 * {@code Received-SPF} (RFC 7208 §9.1).
 *
 * @param authservId    this receiver's authserv-id (RFC 8601 §2.5)
 * @param identities    what the SMTP session said
 * @param spfMailFrom   check_host() for the MAIL FROM identity
 * @param spfHelo       check_host() for the HELO identity
 * @param dkim          one result per signature, top to bottom (empty: unsigned)
 * @param authorDomains the From domains, or why From is malformed
 * @param dmarc         one outcome per Author Domain (empty when From is malformed)
 */
public record InboundReport(String authservId, SessionIdentities identities, SpfOutcome spfMailFrom, SpfOutcome spfHelo,
                            List<DkimResult> dkim, AuthorDomains authorDomains, List<DmarcOutcome> dmarc) {

    /** Copies the lists; nothing may be null. */
    public InboundReport {
        Objects.requireNonNull(authservId, "authservId");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(spfMailFrom, "spfMailFrom");
        Objects.requireNonNull(spfHelo, "spfHelo");
        Objects.requireNonNull(authorDomains, "authorDomains");
        dkim = List.copyOf(dkim);
        dmarc = List.copyOf(dmarc);
    }

    /**
     * The strictest policy among the Author Domains whose DMARC check failed (RFC 9989 §11.5: "apply the most
     * strict policy selected among the checks that fail"), with the outcome that asks for it; empty when none
     * failed.
     */
    public Optional<DmarcOutcome> strictestFailure() {
        return dmarc.stream().filter(o -> o.result() == DmarcResult.FAIL)
                .max(Comparator.comparing((DmarcOutcome o) -> o.disposition().orElse(DmarcPolicy.NONE)));
    }

    /** The results as RFC 8601 method results, in the order they are reported. */
    public List<MethodResult> methodResults() {
        List<MethodResult> results = new ArrayList<>();
        String mailFrom = identities.mailFrom();
        results.add(new MethodResult("spf", spfMailFrom.result().keyword(), List.of(new ResultProperty("smtp", "mailfrom",
                mailFrom.isEmpty() ? "postmaster@" + identities.helo() : mailFrom))));
        // RFC 7208 §2.3: the HELO identity is checked too, and reported on its own (RFC 8601 §2.7.2 smtp.helo)
        results.add(new MethodResult("spf", spfHelo.result().keyword(), List.of(new ResultProperty("smtp", "helo", identities.helo()))));
        if (dkim.isEmpty()) {
            results.add(new MethodResult("dkim", "none", List.of()));
        }
        for (DkimResult s : dkim) {
            List<ResultProperty> props = new ArrayList<>();
            if (!s.domain().isEmpty()) {
                props.add(new ResultProperty("header", "d", s.domain()));
            }
            if (!s.selector().isEmpty()) {
                props.add(new ResultProperty("header", "s", s.selector()));
            }
            if (!s.algorithm().isEmpty()) {
                props.add(new ResultProperty("header", "a", s.algorithm()));
            }
            results.add(new MethodResult("dkim", s.keyword(), props));
        }
        if (authorDomains instanceof AuthorDomains.Malformed malformed) {
            // RFC 8601 §2.7.1 permerror: DMARC could not be evaluated, and never silently skipped (RFC 9989 §11.5)
            results.add(new MethodResult("dmarc", Optional.empty(), DmarcResult.PERMERROR.keyword(),
                    Optional.of(malformed.reason()), List.of()));
        }
        for (DmarcOutcome o : dmarc) {
            results.add(new MethodResult("dmarc", o.result().keyword(), List.of(new ResultProperty("header", "from", o.fromDomain()))));
        }
        return results;
    }

    /** The fields to put on top of the message: Authentication-Results, then Received-SPF for MAIL FROM. */
    public List<HeaderField> traceFields() {
        return List.of(new AuthenticationResults(authservId, methodResults()).toHeaderField(),
                new ReceivedSpf(spfMailFrom, "mailfrom", identities.clientAddress(), identities.mailFrom(),
                        identities.helo(), authservId).toHeaderField());
    }
}
