package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The master-file syntax of RFC 1035 §5.1. */
class MasterFileParserTest {

    private static List<RecordData> at(Zone zone, String name, RecordType type) {
        return zone.records().stream().filter(r -> r.name().equals(DomainName.of(name)) && r.type().equals(type))
                .map(ResourceRecord::data).toList();
    }

    @Test
    void parsesOriginTtlParenthesesBlankOwnersAndRelativeNames() {
        Zone zone = TestZones.lab();
        RecordData.Soa soa = (RecordData.Soa) zone.soa().data();
        assertThat(soa.serial()).isEqualTo(2024010101L);
        assertThat(soa.minimum()).isEqualTo(60);
        assertThat(at(zone, "lab.example.", RecordType.MX)).containsExactly(
                new RecordData.Mx(10, DomainName.of("mx1.lab.example.")),
                new RecordData.Mx(10, DomainName.of("mx2.lab.example.")),
                new RecordData.Mx(20, DomainName.of("backup.other.example.")));
        assertThat(zone.records().stream().filter(r -> r.name().equals(DomainName.of("a.b.deep.lab.example."))).findFirst().orElseThrow().ttl())
                .isEqualTo(3600);
        assertThat(at(zone, "nullmx.lab.example.", RecordType.MX)).containsExactly(new RecordData.Mx(0, DomainName.ROOT));
    }

    @Test
    void quotedStringsKeepSemicolonsAndUndoEscapes() {
        assertThat(at(TestZones.lab(), "quoted.lab.example.", RecordType.TXT))
                .containsExactly(new RecordData.Txt(List.of("say \"hi\"; not a comment", "ABC")));
        assertThat(((RecordData.Txt) at(TestZones.lab(), "split.lab.example.", RecordType.TXT).get(0)).concatenated())
                .isEqualTo("part one, part two");
    }

    @Test
    @RequiresSharedData({"dns/example.com.zone", "dns/2.0.192.rev"})
    void readsTheLabConformanceZones() throws IOException {
        ZoneParseResult result = MasterFileParser.parse(SharedData.path("dns/example.com.zone"), DomainName.of("example.com."));
        assertThat(result).isInstanceOf(ZoneParseResult.Parsed.class);
        Zone zone = ((ZoneParseResult.Parsed) result).zone();
        assertThat(at(zone, "mx.example.com.", RecordType.AAAA).get(0).presentation()).isEqualTo("2001:db8::10");
        String dkim = ((RecordData.Txt) at(zone, "test._domainkey.football.example.com.", RecordType.TXT).get(0)).concatenated();
        assertThat(dkim).startsWith("v=DKIM1; k=rsa; p=MIGfMA0").endsWith("IDAQAB").doesNotContain(" \"");
        ZoneParseResult rev = MasterFileParser.parse(SharedData.path("dns/2.0.192.rev"), DomainName.of("2.0.192.in-addr.arpa."));
        assertThat(at(((ZoneParseResult.Parsed) rev).zone(), "10.2.0.192.in-addr.arpa.", RecordType.PTR))
                .containsExactly(new RecordData.Ptr(DomainName.of("mx.example.com.")));
    }

    /** For {@code dns serve --zone FILE}: the zone name from $ORIGIN, an absolute SOA owner, or the file name. */
    @Test
    void originIsInferredWhenNotGiven() throws IOException {
        assertThat(MasterFileParser.inferOrigin("$ORIGIN a.example.\n@ SOA x. y. 1 2 3 4 5\n", "f")).contains(DomainName.of("a.example."));
        assertThat(MasterFileParser.inferOrigin("$TTL 5\nb.example. SOA x. y. 1 2 3 4 5\n", "f")).contains(DomainName.of("b.example."));
        assertThat(MasterFileParser.inferOrigin("@ SOA x. y. 1 2 3 4 5\n", "c.example.zone")).contains(DomainName.of("c.example."));
        assertThat(MasterFileParser.inferOrigin("@ SOA x. y. 1 2 3 4 5\n", "2.0.192.rev")).isEmpty();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("lab.example", ".zone");
        try {
            java.nio.file.Files.writeString(file, TestZones.OTHER_TEXT);
            assertThat(((ZoneParseResult.Parsed) MasterFileParser.parse(file)).zone().origin()).isEqualTo(DomainName.of("other.example."));
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void errorsNameTheirLine() {
        String text = "$TTL 60\n@ SOA a. b. 1 2 3 4 5\nx A 300.1.1.1\n";
        assertThat(MasterFileParser.parse(text, DomainName.of("z."))).isEqualTo(
                new ZoneParseResult.Failed(3, "not an IPv4 address: 300.1.1.1"));
        assertThat(MasterFileParser.parse("@ SOA a. b. 1 2 3 4 5\n$INCLUDE /etc/passwd\n", DomainName.of("z.")))
                .isInstanceOf(ZoneParseResult.Failed.class);
        assertThat(MasterFileParser.parse("@ SOA a. b. ( 1 2 3 4 5\n", DomainName.of("z.")))
                .isInstanceOf(ZoneParseResult.Failed.class);
        assertThat(MasterFileParser.parse("@ 60 SOA a. b. 1 2 3 4 5\nout.side. 60 A 1.2.3.4\n", DomainName.of("z.")))
                .isInstanceOf(ZoneParseResult.Failed.class);
        assertThat(MasterFileParser.parse("@ 60 SOA a. b. 1 2 3 4 5\nw 60 CNAME x\nw 60 TXT hi\n", DomainName.of("z.")))
                .isInstanceOf(ZoneParseResult.Failed.class);
        assertThat(MasterFileParser.parse("@ 60 SOA a. b. 1 2 3 4 5\nw 60 TXT \"a\" \"b\n", DomainName.of("z.")))
                .isInstanceOf(ZoneParseResult.Failed.class);
        assertThat(MasterFileParser.parse("@ 60 SOA a. b. 1 2 3 4 5\nw 60 MX 70000 x\n", DomainName.of("z.")))
                .isEqualTo(new ZoneParseResult.Failed(2, "MX preference is not a 16-bit number: 70000"));
    }

    /**
     * RFC 1035 §5.1: any octet string written in presentation form (quoted, with {@code \"}, {@code \\} and
     * {@code \DDD}) reads back as the same octets.
     */
    @Test
    void txtPresentationReadsBack() {
        Gen<String> octets = Generate.intArrays(Generate.range(0, 255), Generate.range(0, 255))
                .map(a -> { StringBuilder s = new StringBuilder(); for (int c : a) { s.append((char) c); } return s.toString(); });
        qt().withExamples(1000).forAll(octets, octets).checkAssert((s1, s2) -> {
            RecordData.Txt txt = new RecordData.Txt(List.of(s1, s2));
            String file = "@ 60 SOA a. b. 1 2 3 4 5\nt 60 TXT " + txt.presentation() + "\n";
            Zone zone = TestZones.parse(file, DomainName.of("z."));
            assertThat(at(zone, "t.z.", RecordType.TXT)).containsExactly(txt);
        });
    }

    /**
     * Hostile zone files: any text over the master-file alphabet (digits, letters, the special characters of
     * RFC 1035 §5.1, blanks and newlines) gives Parsed or Failed, never an exception.
     */
    @Test
    void anyTextGivesATypedResult() {
        String alphabet = "$@.;()\"\\ \t\n0123456789aAINSOTXMXCNAMEPTR:-";
        Gen<String> texts = Generate.intArrays(Generate.range(0, 200), Generate.range(0, alphabet.length() - 1))
                .map(a -> { StringBuilder s = new StringBuilder(); for (int c : a) { s.append(alphabet.charAt(c)); } return s.toString(); });
        qt().withExamples(5000).forAll(texts).checkAssert(text -> {
            ZoneParseResult r = MasterFileParser.parse("@ 60 SOA a. b. 1 2 3 4 5\n" + text, DomainName.of("z."));
            assertThat(r).isNotNull();
            assertThat(MasterFileParser.parse(text, DomainName.of("z."))).isNotNull();
        });
    }

    /** RFC 1035 §5.1: a name's presentation form (with escapes) reads back as the same labels, case kept. */
    @Test
    void namePresentationReadsBack() {
        qt().withExamples(2000).forAll(DnsGenerators.names()).checkAssert(name -> {
            DomainName back = DomainName.of(name.toString());
            assertThat(back.labels()).isEqualTo(name.labels());
            assertThat(MasterFileParser.name(name.toString(), DomainName.of("origin."))).isEqualTo(name);
        });
    }
}
