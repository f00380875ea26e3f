package io.github.smtplab.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResourceRecord;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TTLs in the cache (RFC 1035 §3.2.1, RFC 2181 §8) and negative caching (RFC 2308 §5). */
class DnsCacheTest {

    private long now = 1_000_000;
    private final InstantSource clock = () -> Instant.ofEpochMilli(now);
    private final DnsCache cache = new DnsCache(3, clock);
    private static final DomainName NAME = DomainName.of("a.example.");
    private static final Question Q = new Question(NAME, RecordType.A);

    private static LookupResult.Found found(long... ttls) throws Exception {
        List<ResourceRecord> rrs = new java.util.ArrayList<>();
        for (long ttl : ttls) {
            rrs.add(ResourceRecord.in(NAME, ttl, new RecordData.A((java.net.Inet4Address) InetAddress.getByName("192.0.2." + (rrs.size() + 1)))));
        }
        return new LookupResult.Found(Q, NAME, rrs);
    }

    private static ResourceRecord soa(long ttl, long minimum) {
        return ResourceRecord.in(DomainName.of("example."), ttl,
                new RecordData.Soa(DomainName.of("ns.example."), DomainName.of("h.example."), 1, 2, 3, 4, minimum));
    }

    /** RFC 2181 §5.2: an RRset lives as long as its smallest TTL; the TTLs handed out count down. */
    @Test
    void dataLivesForItsSmallestTtl() throws Exception {
        cache.put(found(100, 30));
        now += 29_000;
        LookupResult.Found hit = (LookupResult.Found) cache.get(NAME, RecordType.A).orElseThrow();
        assertThat(hit.records()).extracting(ResourceRecord::ttl).containsExactly(71L, 1L);
        now += 1_000;
        assertThat(cache.get(NAME, RecordType.A)).isEmpty();
    }

    /** RFC 2181 §5.2: an answer reached through a CNAME lives no longer than the CNAME. */
    @Test
    void aliasTtlBoundsTheAnswer() throws Exception {
        LookupResult.Found direct = found(100);
        ResourceRecord alias = ResourceRecord.in(NAME, 10, new RecordData.Cname(DomainName.of("b.example.")));
        cache.put(new LookupResult.Found(Q, List.of(alias), DomainName.of("b.example."), direct.records()));
        now += 9_000;
        assertThat(((LookupResult.Found) cache.get(NAME, RecordType.A).orElseThrow()).cnames()).extracting(ResourceRecord::ttl).containsExactly(1L);
        now += 1_000;
        assertThat(cache.get(NAME, RecordType.A)).isEmpty();
    }

    /** RFC 2308 §5: NXDOMAIN and NODATA are cached for min(SOA TTL, SOA MINIMUM). */
    @Test
    void negativeAnswersUseTheSoaMinimum() {
        cache.put(new LookupResult.NxDomain(Q, NAME, Optional.of(soa(300, 20))));
        now += 19_999;
        assertThat(cache.get(NAME, RecordType.A)).containsInstanceOf(LookupResult.NxDomain.class);
        now += 1;
        assertThat(cache.get(NAME, RecordType.A)).isEmpty();
        Question mx = new Question(NAME, RecordType.MX);
        cache.put(new LookupResult.NoData(mx, NAME, Optional.of(soa(10, 600))));
        now += 9_000;
        assertThat(cache.get(NAME, RecordType.MX)).containsInstanceOf(LookupResult.NoData.class);
        now += 1_000;
        assertThat(cache.get(NAME, RecordType.MX)).isEmpty();
    }

    /** RFC 2308 §5: a negative answer without SOA is not cached; failures are not cached either. */
    @Test
    void negativeWithoutSoaAndFailuresAreNotCached() {
        cache.put(new LookupResult.NxDomain(Q, NAME, Optional.empty()));
        cache.put(new LookupResult.Failure(Q, FailureKind.TIMEOUT, "x"));
        assertThat(cache.get(NAME, RecordType.A)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    /** RFC 2181 §8: a TTL with the top bit set counts as zero. */
    @Test
    void hugeTtlMeansZero() throws Exception {
        cache.put(found(0x8000_0000L));
        assertThat(cache.get(NAME, RecordType.A)).isEmpty();
    }

    @Test
    void capacityIsBounded() {
        for (int i = 0; i < 10; i++) {
            DomainName n = DomainName.of("n" + i + ".example.");
            cache.put(new LookupResult.NxDomain(new Question(n, RecordType.A), n, Optional.of(soa(60, 60))));
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(DomainName.of("n9.example."), RecordType.A)).isPresent();
        assertThat(cache.get(DomainName.of("n0.example."), RecordType.A)).isEmpty();
    }

    @Test
    void namesMatchIgnoringCase() throws Exception {
        cache.put(found(60));
        assertThat(cache.get(DomainName.of("A.EXAMPLE."), RecordType.A)).isPresent();
    }
}
