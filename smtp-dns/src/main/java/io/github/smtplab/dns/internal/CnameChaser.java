package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.DnsMessage;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.Rcode;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResourceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns responses into a {@link LookupResult}, following CNAME chains (RFC 1034 §3.6.2, §5.3.3): inside one
 * response first, then by asking again for the chain's last name. Chains are bounded and loops detected.
 */
public final class CnameChaser {

    /** Most CNAMEs followed for one lookup (RFC 1034 §5.3.3 asks for a bound; 8 is what common resolvers allow). */
    public static final int MAX_CNAME_CHAIN = 8;

    private CnameChaser() {}

    /** Resolves {@code question} through {@code exchanger}. */
    public static LookupResult resolve(Exchanger exchanger, Question question) {
        Set<DomainName> seen = new HashSet<>();
        List<ResourceRecord> chain = new ArrayList<>();
        DomainName name = question.name();
        seen.add(name);
        while (true) {
            Question asked = new Question(name, question.type(), question.qclass());
            ExchangeOutcome outcome = exchanger.exchange(asked);
            if (outcome instanceof ExchangeOutcome.Failed(FailureKind kind, String detail)) {
                return new LookupResult.Failure(question, kind, detail);
            }
            DnsMessage response = ((ExchangeOutcome.Response) outcome).message();
            switch (response.rcode()) {
                case Rcode.NOERROR, Rcode.NXDOMAIN -> { }
                case Rcode.SERVFAIL -> {
                    return new LookupResult.Failure(question, FailureKind.SERVFAIL, "server answered SERVFAIL for " + name);
                }
                case Rcode.REFUSED -> {
                    return new LookupResult.Failure(question, FailureKind.REFUSED, "server answered REFUSED for " + name);
                }
                default -> {
                    return new LookupResult.Failure(question, FailureKind.BAD_RESPONSE,
                            "server answered " + Rcode.name(response.rcode()) + " for " + name);
                }
            }
            // Walk the answer section: records of the type at the current name, or a CNAME to follow.
            boolean followedInResponse = false;
            while (true) {
                final DomainName current = name;
                List<ResourceRecord> matching = response.answers().stream()
                        .filter(r -> r.name().equals(current) && r.type().equals(question.type()) && r.rclass() == question.qclass())
                        .toList();
                if (!matching.isEmpty()) {
                    return new LookupResult.Found(question, chain, name, matching);
                }
                Optional<ResourceRecord> cname = question.type().equals(RecordType.CNAME) ? Optional.empty()
                        : response.answers().stream().filter(r -> r.name().equals(current) && r.data() instanceof RecordData.Cname).findFirst();
                if (cname.isEmpty()) {
                    break;
                }
                chain.add(cname.get());
                name = ((RecordData.Cname) cname.get().data()).target();
                followedInResponse = true;
                if (!seen.add(name) || seen.size() > MAX_CNAME_CHAIN + 1) {
                    return new LookupResult.Failure(question, FailureKind.CNAME_LOOP,
                            "CNAME chain loops or exceeds " + MAX_CNAME_CHAIN + " at " + name);
                }
            }
            Optional<ResourceRecord> soa = response.authorities().stream().filter(r -> r.data() instanceof RecordData.Soa).findFirst();
            if (response.rcode() == Rcode.NXDOMAIN) {
                return new LookupResult.NxDomain(question, name, soa); // after a CNAME it is the target (RFC 6604 §2)
            }
            // A negative answer about the chain's end from the zone that holds it is final (RFC 2308 §2.2).
            boolean sameZoneNegative = soa.isPresent() && name.isSubdomainOf(soa.get().name());
            if (!followedInResponse || sameZoneNegative) {
                return new LookupResult.NoData(question, name, soa);
            }
            // The chain left what this server answers for: ask again for the target (RFC 1034 §5.3.3 step 3).
        }
    }
}
