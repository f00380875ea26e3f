package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.DnsMessage;

/** What one question sent to the servers gave: an accepted response, or why there is none. */
public sealed interface ExchangeOutcome {

    /**
     * A response whose ID, source and question matched the query.
     *
     * @param message the response
     */
    record Response(DnsMessage message) implements ExchangeOutcome {}

    /**
     * No acceptable response.
     *
     * @param kind   which failure
     * @param detail what happened, for people
     */
    record Failed(FailureKind kind, String detail) implements ExchangeOutcome {}
}
