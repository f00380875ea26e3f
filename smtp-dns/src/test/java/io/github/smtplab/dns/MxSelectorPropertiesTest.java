package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** MX selection, RFC 5321 §5.1 and RFC 7505. */
class MxSelectorPropertiesTest {

    private static final DomainName DOMAIN = DomainName.of("mail.example.");

    /** MX sets: up to 30 records, preferences from a small range so ties are common, hosts sometimes repeated. */
    private static Gen<List<RecordData.Mx>> mxSets() {
        return in -> {
            int n = range(1, 30).generate(in);
            List<RecordData.Mx> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new RecordData.Mx(range(0, 3).generate(in) * 10, DomainName.of("h" + range(0, 40).generate(in) + ".example.")));
            }
            return out;
        };
    }

    /**
     * RFC 5321 §5.1: hosts come in non-decreasing preference; each host once, at its lowest preference;
     * never more than the bound; every host of the best preference present.
     */
    @Test
    void hostsAreSortedByPreferenceAndDistinct() {
        qt().withExamples(2000).forAll(mxSets(), range(0, Integer.MAX_VALUE)).checkAssert((mxs, seed) -> {
            MxResult.Hosts hosts = (MxResult.Hosts) MxSelector.fromRecords(DOMAIN, mxs, new Random(seed));
            List<MailHost> list = hosts.hosts();
            assertThat(list).hasSizeLessThanOrEqualTo(MxSelector.MAX_MAIL_HOSTS);
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i - 1).preference()).isLessThanOrEqualTo(list.get(i).preference());
            }
            assertThat(new HashSet<>(list.stream().map(MailHost::host).toList())).hasSize(list.size());
            for (MailHost h : list) {
                int lowest = mxs.stream().filter(m -> m.exchange().equals(h.host())).mapToInt(RecordData.Mx::preference).min().orElseThrow();
                assertThat(h.preference()).isEqualTo(lowest);
                assertThat(h.implicit()).isFalse();
            }
            int best = mxs.stream().mapToInt(RecordData.Mx::preference).min().orElseThrow();
            long bestHosts = mxs.stream().filter(m -> m.preference() == best).map(RecordData.Mx::exchange).distinct().count();
            assertThat(list.stream().filter(h -> h.preference() == best).count()).isEqualTo(Math.min(bestHosts, MxSelector.MAX_MAIL_HOSTS));
        });
    }

    /**
     * RFC 5321 §5.1: among equal preferences the order is random: over many seeds, every one of four equal
     * hosts comes first at least once, while the lower-preference host always precedes them.
     */
    @Test
    void equalPreferencesAreShuffled() {
        List<RecordData.Mx> mxs = List.of(new RecordData.Mx(20, DomainName.of("a.example.")), new RecordData.Mx(20, DomainName.of("b.example.")),
                new RecordData.Mx(20, DomainName.of("c.example.")), new RecordData.Mx(20, DomainName.of("d.example.")),
                new RecordData.Mx(5, DomainName.of("first.example.")));
        Set<DomainName> seenSecond = new HashSet<>();
        qt().withExamples(400).forAll(range(0, Integer.MAX_VALUE)).checkAssert(seed -> {
            List<MailHost> list = ((MxResult.Hosts) MxSelector.fromRecords(DOMAIN, mxs, new Random(seed))).hosts();
            assertThat(list.get(0).host()).isEqualTo(DomainName.of("first.example."));
            seenSecond.add(list.get(1).host());
        });
        assertThat(seenSecond).hasSize(4);
    }

    /** RFC 7505 §3: a lone "MX 0 ." means the domain accepts no mail; among other records it is ignored. */
    @Test
    void nullMx() {
        assertThat(MxSelector.fromRecords(DOMAIN, List.of(new RecordData.Mx(0, DomainName.ROOT)), new Random(1)))
                .isEqualTo(new MxResult.NullMx(DOMAIN));
        qt().withExamples(500).forAll(mxSets(), range(0, 1000)).checkAssert((mxs, seed) -> {
            List<RecordData.Mx> withNull = new ArrayList<>(mxs);
            withNull.add(seed % withNull.size(), new RecordData.Mx(0, DomainName.ROOT));
            MxResult r = MxSelector.fromRecords(DOMAIN, withNull, new Random(seed));
            assertThat(((MxResult.Hosts) r).hosts()).noneMatch(h -> h.host().isRoot());
        });
    }

    /** RFC 5321 §5.1 through a resolver: implicit MX, null MX, NXDOMAIN, and no address at all. */
    @Test
    void selectionThroughAResolver() {
        DnsResolver dns = new InMemoryResolver(TestZones.all());
        DomainName lab = DomainName.of("lab.example.");
        MxResult.Hosts hosts = (MxResult.Hosts) MxSelector.select(dns, lab, new Random(3));
        assertThat(hosts.hosts()).extracting(MailHost::preference).containsExactly(10, 10, 20);
        assertThat(hosts.hosts().get(2).host()).isEqualTo(DomainName.of("backup.other.example."));
        assertThat(MxSelector.select(dns, DomainName.of("nomx.lab.example."), new Random(3)))
                .isEqualTo(new MxResult.Hosts(DomainName.of("nomx.lab.example."), List.of(new MailHost(DomainName.of("nomx.lab.example."), 0, true))));
        assertThat(MxSelector.select(dns, DomainName.of("nullmx.lab.example."), new Random(3))).isInstanceOf(MxResult.NullMx.class);
        assertThat(MxSelector.select(dns, DomainName.of("nosuch.lab.example."), new Random(3))).isInstanceOf(MxResult.NoMailHost.class);
        assertThat(MxSelector.select(dns, DomainName.of("split.lab.example."), new Random(3))).isInstanceOf(MxResult.NoMailHost.class);
        assertThat(MxSelector.select(dns, DomainName.of("example.net."), new Random(3))).isInstanceOf(MxResult.TemporaryFailure.class);
    }

    /**
     * RFC 5321 §5.1 without a caller's random source: the preference order holds on every call, and the
     * hosts of equal preference take turns first (load spreading), as they would with a seeded generator.
     */
    @Test
    void selectWithoutARandomSourceStillShufflesEqualPreferences() {
        DnsResolver dns = new InMemoryResolver(TestZones.all());
        DomainName lab = DomainName.of("lab.example.");
        MxResult.Hosts seeded = (MxResult.Hosts) MxSelector.select(dns, lab, new Random(3));
        Set<DomainName> firsts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            MxResult.Hosts hosts = (MxResult.Hosts) MxSelector.select(dns, lab);
            assertThat(hosts.hosts()).extracting(MailHost::preference).containsExactly(10, 10, 20);
            assertThat(hosts.hosts()).containsExactlyInAnyOrderElementsOf(seeded.hosts());
            firsts.add(hosts.hosts().getFirst().host());
        }
        // both preference-10 hosts come first at some point: (1/2)^199 is the chance this fails by luck
        assertThat(firsts).hasSize(2);
        assertThat(MxSelector.select(dns, DomainName.of("nullmx.lab.example."))).isInstanceOf(MxResult.NullMx.class);
    }
}
