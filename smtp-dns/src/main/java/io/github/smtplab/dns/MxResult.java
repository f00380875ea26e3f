package io.github.smtplab.dns;

import java.util.List;

/** Where to deliver mail for a domain (RFC 5321 §5.1, RFC 7505). */
public sealed interface MxResult {

    /** The mail domain asked about. */
    DomainName domain();

    /**
     * Hosts to try, in order: by preference, equal preferences shuffled (RFC 5321 §5.1).
     *
     * @param domain the mail domain
     * @param hosts  at least one host, at most {@link MxSelector#MAX_MAIL_HOSTS}
     */
    record Hosts(DomainName domain, List<MailHost> hosts) implements MxResult {
        /** Copies the list; it must not be empty. */
        public Hosts {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("Hosts needs at least one host");
            }
        }
    }

    /**
     * The domain publishes a null MX ({@code MX 0 .}): it accepts no mail at all (RFC 7505 §3). A client
     * fails the message at once, e.g. with {@code 556 5.1.10} (RFC 7505 §4.2), without retrying.
     *
     * @param domain the mail domain
     */
    record NullMx(DomainName domain) implements MxResult {}

    /**
     * The domain does not exist, or has neither MX nor address records: no mail can be delivered; a
     * permanent failure (RFC 5321 §5.1).
     *
     * @param domain the mail domain
     * @param reason why, for the bounce message
     */
    record NoMailHost(DomainName domain, String reason) implements MxResult {}

    /**
     * DNS could not answer now (SERVFAIL, timeout): try again later (RFC 5321 §4.5.4.1).
     *
     * @param domain  the mail domain
     * @param failure the lookup failure
     */
    record TemporaryFailure(DomainName domain, LookupResult.Failure failure) implements MxResult {}
}
