package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.junit.jupiter.api.Test;

/** Generated zones: the master-file form reads back, and the server's answers follow RFC 1034 §4.3.2 / RFC 2308. */
class ZonePropertiesTest {

    private static final DomainName ORIGIN = DomainName.of("zone.example.");
    private static final ResourceRecord SOA = ResourceRecord.in(ORIGIN, 300,
            new RecordData.Soa(DomainName.of("ns.zone.example."), DomainName.of("host\\.master.zone.example."), 7, 3600, 600, 86400, 60));

    /** Owner names inside the zone: one or two labels from a small set (so names repeat), sometimes odd octets. */
    private static Gen<DomainName> owners() {
        return in -> {
            int depth = range(0, 2).generate(in);
            DomainName name = ORIGIN;
            for (int i = 0; i < depth; i++) {
                name = range(0, 5).generate(in) == 0
                        ? new DomainName(List.of(DnsGenerators.labels().generate(in))).append(name)
                        : DomainName.of("n" + range(0, 4).generate(in)).append(name);
            }
            return name;
        };
    }

    /** Records of the master-file types (no OPT, no unknown types, no second SOA), owners inside the zone. */
    private static Gen<List<ResourceRecord>> zoneRecords() {
        return in -> {
            int n = range(0, 12).generate(in);
            List<ResourceRecord> out = new ArrayList<>(List.of(SOA));
            for (int i = 0; i < n; i++) {
                RecordData data = DnsGenerators.recordData().generate(in);
                if (data instanceof RecordData.Opt || data instanceof RecordData.Unknown || data instanceof RecordData.Soa
                        || data instanceof RecordData.Cname) {
                    continue; // CNAME may not share a name with other data (RFC 1034 §3.6.2); tested with fixed zones
                }
                out.add(ResourceRecord.in(owners().generate(in), range(0, 86400).generate(in), data));
            }
            return out;
        };
    }

    /** RFC 1035 §5.1: each record printed as a master-file line reads back as the same record. */
    @Test
    void masterFileFormReadsBack() {
        qt().withExamples(1000).forAll(zoneRecords()).checkAssert(records -> {
            String text = records.stream().map(ResourceRecord::toString).collect(Collectors.joining("\n", "", "\n"));
            ZoneParseResult parsed = MasterFileParser.parse(text, ORIGIN);
            assertThat(parsed).as(text).isInstanceOf(ZoneParseResult.Parsed.class);
            List<ResourceRecord> back = ((ZoneParseResult.Parsed) parsed).zone().records();
            assertThat(back).isEqualTo(records);
            assertThat(back.toString()).isEqualTo(records.toString());
        });
    }

    /**
     * RFC 1034 §4.3.2 and RFC 2308 §2: every (owner, type) in the zone is Found with exactly its records; a
     * type absent at an existing name is NODATA; a name below the zone that neither owns records nor has
     * names beneath it is NXDOMAIN.
     */
    @Test
    void answersMatchTheZone() {
        qt().withExamples(500).forAll(zoneRecords(), owners()).checkAssert((records, probe) -> {
            Zone zone = new Zone(ORIGIN, records);
            DnsResolver dns = new InMemoryResolver(List.of(zone));
            for (ResourceRecord r : records) {
                LookupResult found = dns.query(r.name(), r.type());
                assertThat(found).isInstanceOf(LookupResult.Found.class);
                List<ResourceRecord> expected = records.stream().filter(x -> x.name().equals(r.name()) && x.type().equals(r.type())).toList();
                assertThat(((LookupResult.Found) found).records()).containsExactlyInAnyOrderElementsOf(expected);
            }
            Set<DomainName> existing = records.stream().map(ResourceRecord::name).collect(Collectors.toSet());
            boolean exists = records.stream().anyMatch(r -> r.name().isSubdomainOf(probe));
            LookupResult ptr = dns.query(probe, RecordType.fromMnemonic("TYPE65000").orElseThrow());
            assertThat(ptr).isInstanceOf(exists ? LookupResult.NoData.class : LookupResult.NxDomain.class);
            assertThat(existing).contains(ORIGIN);
        });
    }
}
