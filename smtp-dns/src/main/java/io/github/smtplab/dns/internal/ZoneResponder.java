package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.Header;
import io.github.smtplab.dns.DnsMessage;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.Rcode;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResourceRecord;
import io.github.smtplab.dns.Zone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a query from a set of zones as an authoritative, non-recursive server (RFC 1035 §4.3.2 steps 1-3,
 * without referrals). A pure function from query to response: no I/O.
 *
 * <p>Queries it declines to answer in full:
 * <ul>
 *   <li>two or more OPT records: FORMERR (RFC 6891 §6.1.1, "MUST");</li>
 *   <li>an EDNS VERSION other than 0: BADVERS, with our OPT saying version 0 (RFC 6891 §6.1.3);</li>
 *   <li>QTYPE ANY: a minimal answer, one RRset only (RFC 8482 §4.1), the one of the lowest TYPE at the
 *       name, so that ANY cannot turn a small query into a large amplified answer;</li>
 *   <li>AXFR and IXFR: REFUSED, over UDP and TCP alike. This server transfers no zones; RFC 5936 §4.2 says
 *       AXFR over UDP is not defined at all, and RFC 5936 §2.2.1 lets a server unwilling to transfer
 *       answer with an error RCODE: REFUSED is the one for "will not, by policy" (RFC 1035 §4.1.1).</li>
 * </ul>
 */
public final class ZoneResponder {

    /** Most CNAME records followed inside our own zones for one answer (RFC 1034 §3.6.2 loops must end). */
    public static final int MAX_CNAME_CHAIN = 8;

    /** QTYPE * (ANY), asking for every type at a name (RFC 1035 §3.2.3). */
    private static final int QTYPE_ANY = 255;

    /** QTYPE AXFR, a whole-zone transfer (RFC 1035 §3.2.3, RFC 5936). */
    private static final int QTYPE_AXFR = 252;

    /** QTYPE IXFR, an incremental zone transfer (RFC 1995). */
    private static final int QTYPE_IXFR = 251;

    /** The only EDNS version this server speaks (RFC 6891 §6.1.3). */
    private static final int EDNS_VERSION = 0;

    /** UDP payload size this server advertises in its own OPT record (RFC 6891 §6.2.5, DNS Flag Day 2020). */
    public static final int SERVER_UDP_PAYLOAD = 1232;

    private final List<IndexedZone> zones;

    private record IndexedZone(Zone zone, Map<DomainName, List<ResourceRecord>> byName, Set<DomainName> existing) {}

    /** A responder for these zones. */
    public ZoneResponder(List<Zone> zones) {
        List<IndexedZone> indexed = new ArrayList<>();
        for (Zone zone : zones) {
            Map<DomainName, List<ResourceRecord>> byName = new HashMap<>();
            Set<DomainName> existing = new HashSet<>();
            for (ResourceRecord r : zone.records()) {
                byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
                // A name with records below it exists even if it owns none: an empty non-terminal (RFC 8020 §2).
                DomainName name = r.name();
                while (existing.add(name) && !name.equals(zone.origin())) {
                    name = name.parent();
                }
            }
            indexed.add(new IndexedZone(zone, byName, existing));
        }
        this.zones = List.copyOf(indexed);
    }

    /**
     * The response to {@code query}, or {@code null} when nothing must be sent back (the message is itself a
     * response: answering responses invites loops between servers).
     */
    public DnsMessage respond(DnsMessage query) {
        Header q = query.header();
        if (q.response()) {
            return null;
        }
        List<ResourceRecord> opt = query.opt().isPresent() ? List.of(ResourceRecord.opt(SERVER_UDP_PAYLOAD)) : List.of();
        Header base = new Header(q.id(), true, q.opcode(), false, false, q.recursionDesired(), false, 0, Rcode.NOERROR);
        if (q.opcode() != Header.OPCODE_QUERY) {
            return new DnsMessage(base.withRcode(Rcode.NOTIMP), query.questions(), List.of(), List.of(), opt);
        }
        long optCount = query.additionals().stream().filter(r -> r.type().equals(RecordType.OPT)).count();
        if (query.questions().size() != 1 || optCount > 1) {
            return new DnsMessage(base.withRcode(Rcode.FORMERR), List.of(), List.of(), List.of(), opt);
        }
        if (query.opt().isPresent() && query.opt().get().ednsVersion() != EDNS_VERSION) {
            return new DnsMessage(base.withRcode(Rcode.BADVERS & 0xF), query.questions(), List.of(), List.of(),
                    List.of(ResourceRecord.opt(SERVER_UDP_PAYLOAD, Rcode.BADVERS)));
        }
        Question question = query.questions().get(0);
        if (question.type().code() == QTYPE_AXFR || question.type().code() == QTYPE_IXFR) {
            return new DnsMessage(base.withRcode(Rcode.REFUSED), query.questions(), List.of(), List.of(), opt);
        }
        IndexedZone zone = zoneFor(question.name());
        if (zone == null || question.qclass() != ResourceRecord.CLASS_IN) {
            // Not our zone, and we never recurse: refuse (RFC 1035 §4.1.1 REFUSED).
            return new DnsMessage(base.withRcode(Rcode.REFUSED), query.questions(), List.of(), List.of(), opt);
        }
        Header authoritative = new Header(q.id(), true, q.opcode(), true, false, q.recursionDesired(), false, 0, Rcode.NOERROR);
        List<ResourceRecord> answers = new ArrayList<>();
        DomainName name = question.name();
        for (int hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
            if (!name.isSubdomainOf(zone.zone().origin())) {
                break; // the chain left this zone: the resolver follows it (RFC 1034 §4.3.2 step 3a)
            }
            List<ResourceRecord> atName = zone.byName().getOrDefault(name, List.of());
            if (atName.isEmpty() && !zone.existing().contains(name)) {
                return negative(authoritative.withRcode(Rcode.NXDOMAIN), query, answers, zone, opt);
            }
            List<ResourceRecord> matching = question.type().code() == QTYPE_ANY
                    ? oneRrset(atName)
                    : atName.stream().filter(r -> r.type().equals(question.type())).toList();
            if (!matching.isEmpty()) {
                answers.addAll(matching);
                List<ResourceRecord> additional = new ArrayList<>(addressesOfTargets(matching));
                additional.addAll(opt);
                return new DnsMessage(authoritative, query.questions(), answers, List.of(), additional);
            }
            ResourceRecord cname = atName.stream().filter(r -> r.type().equals(RecordType.CNAME)).findFirst().orElse(null);
            if (cname == null) {
                return negative(authoritative, query, answers, zone, opt); // NODATA: NOERROR, no answer (RFC 2308 §2.2)
            }
            answers.add(cname);
            name = ((RecordData.Cname) cname.data()).target();
        }
        return new DnsMessage(authoritative, query.questions(), answers, List.of(), opt);
    }

    /** RFC 8482 §4.1: the answer to ANY is one RRset, here the one of the lowest TYPE code at the name. */
    private static List<ResourceRecord> oneRrset(List<ResourceRecord> atName) {
        return atName.stream().mapToInt(r -> r.type().code()).min()
                .stream().boxed()
                .flatMap(lowest -> atName.stream().filter(r -> r.type().code() == lowest))
                .toList();
    }

    /** NXDOMAIN or NODATA: the zone's SOA goes in the authority section, TTL min(SOA TTL, MINIMUM) (RFC 2308 §3). */
    private static DnsMessage negative(Header header, DnsMessage query, List<ResourceRecord> answers, IndexedZone zone,
                                    List<ResourceRecord> opt) {
        ResourceRecord soa = zone.zone().soa();
        long negativeTtl = Math.min(soa.ttl(), ((RecordData.Soa) soa.data()).minimum());
        return new DnsMessage(header, query.questions(), answers, List.of(soa.withTtl(negativeTtl)), opt);
    }

    /**
     * Additional section processing (RFC 1035 §3.3.9, §3.3.11, §4.3.2 step 6; RFC 3596 §3): the A and AAAA
     * records we hold for the hosts named by MX and NS answers, so the client need not ask for them.
     */
    private List<ResourceRecord> addressesOfTargets(List<ResourceRecord> answers) {
        List<ResourceRecord> extra = new ArrayList<>();
        Set<DomainName> done = new HashSet<>();
        for (ResourceRecord r : answers) {
            DomainName target = switch (r.data()) {
                case RecordData.Mx mx -> mx.exchange();
                case RecordData.Ns ns -> ns.host();
                default -> null;
            };
            if (target == null || !done.add(target)) {
                continue;
            }
            IndexedZone zone = zoneFor(target);
            if (zone == null) {
                continue;
            }
            List<ResourceRecord> atTarget = zone.byName().getOrDefault(target, List.of());
            atTarget.stream().filter(a -> a.type().equals(RecordType.A)).forEach(extra::add);
            atTarget.stream().filter(a -> a.type().equals(RecordType.AAAA)).forEach(extra::add);
        }
        return extra;
    }

    /** The zone with the longest origin containing {@code name}, or null. */
    private IndexedZone zoneFor(DomainName name) {
        IndexedZone best = null;
        for (IndexedZone z : zones) {
            if (name.isSubdomainOf(z.zone().origin())
                    && (best == null || z.zone().origin().labelCount() > best.zone().origin().labelCount())) {
                best = z;
            }
        }
        return best;
    }
}
