package io.github.smtplab.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Chooses the hosts to deliver mail to, as RFC 5321 §5.1 prescribes: MX records sorted by preference,
 * hosts of equal preference in random order (to spread load), the domain itself as an implicit MX when it
 * has no MX record but has an address, and the null MX of RFC 7505 recognised as "no mail here".
 */
public final class MxSelector {

    /**
     * Most hosts returned. RFC 5321 §5.1 asks clients to bound their tries without naming a number; 16
     * covers every real MX set while keeping a hostile one from making a client try forever.
     */
    public static final int MAX_MAIL_HOSTS = 16;

    private MxSelector() {}

    /**
     * {@link #select(DnsResolver, DomainName, RandomGenerator)} for the common case. Hosts of equal
     * preference are put in the order of {@link ThreadLocalRandom}: RFC 5321 §5.1 asks for a random order
     * only "to spread the load across multiple mail exchangers", nothing secret depends on it, so a fast
     * generator that needs no locking between threads is enough (pass a seeded one to the other overload
     * for a repeatable order).
     */
    public static MxResult select(DnsResolver resolver, DomainName domain) {
        return select(resolver, domain, ThreadLocalRandom.current());
    }

    /** Looks up the MX records of {@code domain} with {@code resolver} and orders the hosts. */
    public static MxResult select(DnsResolver resolver, DomainName domain, RandomGenerator random) {
        LookupResult mx = resolver.query(domain, RecordType.MX);
        return switch (mx) {
            case LookupResult.Found found -> fromRecords(domain, found.data().stream()
                    .filter(d -> d instanceof RecordData.Mx).map(d -> (RecordData.Mx) d).toList(), random);
            case LookupResult.NxDomain nx -> new MxResult.NoMailHost(domain, "the domain does not exist (NXDOMAIN)");
            case LookupResult.Failure failure -> new MxResult.TemporaryFailure(domain, failure);
            case LookupResult.NoData noData -> implicitMx(resolver, domain);
        };
    }

    /** RFC 5321 §5.1: no MX, so "the domain is treated as if it had an MX with preference 0 pointing to itself", if it has an address. */
    private static MxResult implicitMx(DnsResolver resolver, DomainName domain) {
        LookupResult a = resolver.query(domain, RecordType.A);
        if (a instanceof LookupResult.Failure f) {
            return new MxResult.TemporaryFailure(domain, f);
        }
        LookupResult aaaa = a instanceof LookupResult.Found ? a : resolver.query(domain, RecordType.AAAA);
        return switch (aaaa) {
            case LookupResult.Found found -> new MxResult.Hosts(domain, List.of(new MailHost(domain, 0, true)));
            case LookupResult.Failure f -> new MxResult.TemporaryFailure(domain, f);
            default -> new MxResult.NoMailHost(domain, "no MX and no A or AAAA record");
        };
    }

    /**
     * Orders MX records (a pure function, given the random source):
     * <ul>
     *   <li>a single {@code MX 0 .} is a null MX (RFC 7505 §3); a root exchange among other records is not a
     *       host and is dropped (RFC 7505 §3 forbids mixing them; we use what is usable);</li>
     *   <li>the same host listed twice keeps its lowest preference;</li>
     *   <li>lower preference first; within one preference a random order (RFC 5321 §5.1);</li>
     *   <li>at most {@link #MAX_MAIL_HOSTS} hosts.</li>
     * </ul>
     */
    public static MxResult fromRecords(DomainName domain, List<RecordData.Mx> records, RandomGenerator random) {
        if (records.isEmpty()) {
            return new MxResult.NoMailHost(domain, "empty MX set");
        }
        if (records.stream().allMatch(RecordData.Mx::isNullMx)) {
            return new MxResult.NullMx(domain);
        }
        Map<DomainName, Integer> best = new LinkedHashMap<>();
        for (RecordData.Mx mx : records) {
            if (!mx.isNullMx()) {
                best.merge(mx.exchange(), mx.preference(), Math::min);
            }
        }
        List<MailHost> hosts = new ArrayList<>();
        best.forEach((host, pref) -> hosts.add(new MailHost(host, pref, false)));
        shuffle(hosts, random);
        hosts.sort(Comparator.comparingInt(MailHost::preference)); // stable: keeps the shuffle inside a preference
        return new MxResult.Hosts(domain, hosts.subList(0, Math.min(hosts.size(), MAX_MAIL_HOSTS)));
    }

    /** Fisher-Yates. */
    private static void shuffle(List<MailHost> hosts, RandomGenerator random) {
        for (int i = hosts.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            MailHost t = hosts.get(i);
            hosts.set(i, hosts.get(j));
            hosts.set(j, t);
        }
    }
}
