package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The authoritative answers (RFC 1034 §4.3.2, RFC 2308 §2) and how the resolver reads them. */
class InMemoryResolverTest {

    private final DnsResolver dns = new InMemoryResolver(TestZones.all());

    @Test
    void dataIsFound() {
        LookupResult r = dns.query("mx2.lab.example", RecordType.AAAA);
        assertThat(r).isInstanceOf(LookupResult.Found.class);
        assertThat(((LookupResult.Found) r).data()).extracting(RecordData::presentation).containsExactly("2001:db8::2");
        assertThat(((LookupResult.Found) dns.query("split.lab.example", RecordType.TXT)).texts())
                .containsExactly("part one, part two");
    }

    /** RFC 2308 §2.2: the name exists but has no record of the type: NOERROR, empty answer, SOA in authority. */
    @Test
    void noDataIsNotNxDomain() {
        LookupResult r = dns.query("mx1.lab.example", RecordType.TXT);
        assertThat(r).isInstanceOf(LookupResult.NoData.class);
        assertThat(((LookupResult.NoData) r).soa()).map(ResourceRecord::ttl).contains(60L); // min(300, MINIMUM 60), RFC 2308 §3
    }

    /** RFC 2308 §2.1: the name does not exist. */
    @Test
    void nxDomain() {
        LookupResult r = dns.query("nosuch.lab.example", RecordType.A);
        assertThat(r).isInstanceOf(LookupResult.NxDomain.class);
        assertThat(((LookupResult.NxDomain) r).soa()).isPresent();
    }

    /** RFC 8020 §2: a name with names below it exists even without records: NODATA, not NXDOMAIN. */
    @Test
    void emptyNonTerminalIsNoData() {
        assertThat(dns.query("b.deep.lab.example", RecordType.A)).isInstanceOf(LookupResult.NoData.class);
        assertThat(dns.query("deep.lab.example", RecordType.A)).isInstanceOf(LookupResult.NoData.class);
        assertThat(dns.query("x.a.b.deep.lab.example", RecordType.A)).isInstanceOf(LookupResult.NxDomain.class);
    }

    /** RFC 1034 §3.6.2: a CNAME chain is followed to the data; the canonical name is the chain's end. */
    @Test
    void cnameChainsAreFollowed() {
        LookupResult r = dns.query("alias.lab.example", RecordType.A);
        assertThat(r).isInstanceOf(LookupResult.Found.class);
        assertThat(((LookupResult.Found) r).canonicalName()).isEqualTo(DomainName.of("mx1.lab.example"));
        assertThat(((LookupResult.Found) r).cnames()).extracting(c -> c.data().presentation())
                .containsExactly("alias2.lab.example.", "mx1.lab.example.");
        // Across zones: the first zone answers with the CNAME only, the resolver asks again for the target.
        LookupResult across = dns.query("outside.lab.example", RecordType.A);
        assertThat(((LookupResult.Found) across).addresses()).extracting(a -> a.getHostAddress()).containsExactly("198.51.100.80");
        // Asking for the CNAME itself gives the CNAME.
        assertThat(((LookupResult.Found) dns.query("alias.lab.example", RecordType.CNAME)).data())
                .containsExactly(new RecordData.Cname(DomainName.of("alias2.lab.example")));
    }

    @Test
    void cnameLoopsEnd() {
        LookupResult r = dns.query("loop1.lab.example", RecordType.A);
        assertThat(r).isInstanceOf(LookupResult.Failure.class);
        assertThat(((LookupResult.Failure) r).kind()).isEqualTo(FailureKind.CNAME_LOOP);
    }

    /** An authoritative-only server refuses names outside its zones (it never recurses). */
    @Test
    void otherZonesAreRefused() {
        LookupResult r = dns.query("example.net", RecordType.A);
        assertThat(((LookupResult.Failure) r).kind()).isEqualTo(FailureKind.REFUSED);
    }

    @Test
    void caseDoesNotMatter() {
        assertThat(dns.query("MX1.Lab.EXAMPLE", RecordType.A)).isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void emptyZoneOnlyHasItsSoa() {
        Zone z = new Zone(DomainName.of("z."), List.of(ResourceRecord.in(DomainName.of("z."), 5,
                new RecordData.Soa(DomainName.of("ns.z."), DomainName.of("h.z."), 1, 2, 3, 4, 5))));
        assertThat(new InMemoryResolver(List.of(z)).query("z.", RecordType.A))
                .isEqualTo(new LookupResult.NoData(new Question(DomainName.of("z."), RecordType.A), DomainName.of("z."),
                        Optional.of(z.soa())));
    }
}
