package io.github.smtplab.dns;

import io.github.smtplab.dns.internal.CnameChaser;
import io.github.smtplab.dns.internal.ExchangeOutcome;
import io.github.smtplab.dns.internal.ZoneResponder;
import java.util.List;

/**
 * A resolver that answers from zones held in memory, exactly as {@link ZoneServer} would over the network
 * but without sockets: for tests of SPF, DKIM, DMARC and the SMTP client. A name outside every zone gives
 * {@link LookupResult.Failure} of kind {@link FailureKind#REFUSED}.
 */
public final class InMemoryResolver implements DnsResolver {

    private final ZoneResponder responder;

    /** A resolver for these zones. */
    public InMemoryResolver(List<Zone> zones) {
        this.responder = new ZoneResponder(zones);
    }

    /** A resolver for one zone parsed from master-file text; {@code origin} is the zone name. */
    public static InMemoryResolver fromMasterFile(String text, DomainName origin) {
        return switch (MasterFileParser.parse(text, origin)) {
            case ZoneParseResult.Parsed p -> new InMemoryResolver(List.of(p.zone()));
            case ZoneParseResult.Failed f -> throw new IllegalArgumentException("line " + f.line() + ": " + f.message());
        };
    }

    @Override
    public LookupResult query(DomainName name, RecordType type) {
        return CnameChaser.resolve(question -> new ExchangeOutcome.Response(
                responder.respond(DnsMessage.query(0, question, false, 0))), new Question(name, type));
    }
}
