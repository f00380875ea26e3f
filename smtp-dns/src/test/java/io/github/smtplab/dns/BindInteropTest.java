package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.RequiresTool;
import io.github.smtplab.testkit.SharedData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential tests against independent implementations: {@code dig} (Debian bind9-dnsutils) asks BIND's
 * {@code named} (Debian bind9) and our {@link ZoneServer}, both serving the same lab zone files, and must
 * see the same status, flags and answer, authority and additional sections; our {@link StubResolver} asks named and must see what it sees
 * from our server.
 */
@Timeout(120)
@RequiresTool(value = "BIND named and dig", probe = {"sh", "-c", "/usr/sbin/named -v && dig -v"},
        install = "Debian packages bind9 and bind9-dnsutils")
@RequiresSharedData({"dns/example.com.zone", "dns/2.0.192.rev"})
class BindInteropTest {

    /** Questions covering data of every type, multi-string TXT, NODATA, NXDOMAIN, an empty non-terminal, REFUSED. */
    private static final List<String[]> QUESTIONS = List.of(
            new String[] {"example.com", "MX"}, new String[] {"example.com", "NS"}, new String[] {"example.com", "SOA"},
            new String[] {"example.com", "TXT"}, new String[] {"mx.example.com", "A"}, new String[] {"mx.example.com", "AAAA"},
            new String[] {"_dmarc.example.com", "TXT"}, new String[] {"test._domainkey.football.example.com", "TXT"},
            new String[] {"brisbane._domainkey.football.example.com", "TXT"}, new String[] {"10.2.0.192.in-addr.arpa", "PTR"},
            new String[] {"mx.example.com", "TXT"}, new String[] {"nosuch.example.com", "A"},
            new String[] {"football.example.com", "A"}, new String[] {"MX.Example.COM", "A"}, new String[] {"example.org", "A"},
            new String[] {"lab.example", "MX"}, new String[] {"alias.lab.example", "A"}, new String[] {"quoted.lab.example", "TXT"},
            new String[] {"split.lab.example", "TXT"}, new String[] {"nullmx.lab.example", "MX"}, new String[] {"b.deep.lab.example", "TXT"},
            new String[] {"big.lab.example", "TXT"}, new String[] {"outside.lab.example", "A"});

    private static NamedProcess named;
    private static ZoneServer ours;
    private static java.nio.file.Path labZoneFile;

    @BeforeAll
    static void start() throws Exception {
        Map<String, java.nio.file.Path> files = new LinkedHashMap<>();
        files.put("example.com", SharedData.path("dns/example.com.zone"));
        files.put("2.0.192.in-addr.arpa", SharedData.path("dns/2.0.192.rev"));
        labZoneFile = java.nio.file.Files.createTempFile("lab.example", ".zone");
        java.nio.file.Files.writeString(labZoneFile, TestZones.LAB_TEXT, StandardCharsets.ISO_8859_1);
        files.put("lab.example", labZoneFile);
        named = NamedProcess.start(files);
        List<Zone> zones = new ArrayList<>();
        for (Map.Entry<String, java.nio.file.Path> f : files.entrySet()) {
            zones.add(((ZoneParseResult.Parsed) MasterFileParser.parse(f.getValue(), DomainName.of(f.getKey()))).zone());
        }
        ours = ZoneServer.start(zones);
    }

    @AfterAll
    static void stop() throws InterruptedException, IOException {
        if (ours != null) {
            ours.close();
        }
        if (named != null) {
            named.close();
        }
        if (labZoneFile != null) {
            java.nio.file.Files.deleteIfExists(labZoneFile);
        }
    }

    /** dig's view of one answer: the status and flags line, and the answer section, one sorted line per record. */
    private static List<String> dig(InetSocketAddress server, String name, String type, boolean tcp) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dig", "@" + server.getAddress().getHostAddress(), "-p",
                String.valueOf(server.getPort()), "+tries=1", "+time=3", "+noall", "+comments", "+answer", "+authority", "+additional", "+nocookie", name, type));
        if (tcp) {
            command.add("+tcp");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> view = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(";; ->>HEADER<<-")) {
                view.add(line.replaceAll("id: \\d+", "id: *"));
            } else if (line.startsWith(";; flags:")) {
                view.add(line);
            } else if (!line.isBlank() && !line.startsWith(";")) {
                answers.add(line.replaceAll("\\s+", " "));
            }
        }
        answers.sort(null);
        view.addAll(answers);
        return view;
    }

    @Test
    void digSeesTheSameFromBindAndFromUs() throws Exception {
        int compared = 0;
        for (String[] q : QUESTIONS) {
            for (boolean tcp : new boolean[] {false, true}) {
                List<String> fromBind = dig(named.address(), q[0], q[1], tcp);
                List<String> fromUs = dig(ours.address(), q[0], q[1], tcp);
                assertThat(fromBind).as("dig output from named").anyMatch(l -> l.contains("status:"));
                assertThat(fromUs).as("%s %s over %s", q[0], q[1], tcp ? "TCP" : "UDP").isEqualTo(fromBind);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(2 * QUESTIONS.size());
    }

    /**
     * RFC 1035 §4.2.1 / RFC 7766 §5: over UDP without EDNS0 a 4 KB answer does not fit 512 octets; both
     * servers answer with TC set (dig +ignore shows the truncated reply instead of retrying over TCP).
     */
    @Test
    void bothServersTruncateTheSameWay() throws Exception {
        List<String> fromBind = digTruncated(named.address());
        List<String> fromUs = digTruncated(ours.address());
        assertThat(fromBind.toString()).contains(" tc ");
        assertThat(fromUs.toString()).contains(" tc ");
        assertThat(fromUs.stream().filter(l -> !l.startsWith(";")).toList()).isEmpty();
    }

    private static List<String> digTruncated(InetSocketAddress server) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dig", "@" + server.getAddress().getHostAddress(), "-p", String.valueOf(server.getPort()),
                "+tries=1", "+time=3", "+noedns", "+ignore", "+noall", "+comments", "+answer", "big.lab.example", "TXT")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(";; flags:") || (!l.isBlank() && !l.startsWith(";"))).toList();
    }

    /** Our resolver gets the same typed results from named as from our own server. */
    @Test
    void ourResolverSeesTheSameFromBindAndFromUs() {
        ResolverConfig base = new ResolverConfig(List.of(named.address()), Duration.ofSeconds(3), 2, 1232, 0);
        StubResolver toBind = new StubResolver(base);
        StubResolver toUs = new StubResolver(new ResolverConfig(List.of(ours.address()), Duration.ofSeconds(3), 2, 1232, 0));
        for (String[] q : QUESTIONS) {
            RecordType type = RecordType.fromMnemonic(q[1]).orElseThrow();
            LookupResult fromBind = toBind.query(q[0], type);
            LookupResult fromUs = toUs.query(q[0], type);
            assertThat(describe(fromUs)).as(q[0] + " " + q[1]).isEqualTo(describe(fromBind));
        }
        LookupResult dkim = toBind.query("test._domainkey.football.example.com", RecordType.TXT);
        assertThat(((LookupResult.Found) dkim).texts()).singleElement().asString().startsWith("v=DKIM1; k=rsa; p=MIGf").endsWith("QIDAQAB");
        assertThat(toBind.query("nosuch.example.com", RecordType.A)).isInstanceOf(LookupResult.NxDomain.class);
        assertThat(((LookupResult.Found) toBind.query("big.lab.example", RecordType.TXT)).records()).hasSize(40); // TC, then TCP
        assertThat(((LookupResult.Found) new StubResolver(base.withEdnsPayloadSize(0)).query("big.lab.example", RecordType.TXT)).records()).hasSize(40);
        assertThat(toBind.query("mx.example.com", RecordType.TXT)).isInstanceOf(LookupResult.NoData.class);
        MxResult mx = MxSelector.select(toBind, DomainName.of("example.com"), new java.util.Random(1));
        assertThat(mx).isEqualTo(new MxResult.Hosts(DomainName.of("example.com"), List.of(new MailHost(DomainName.of("mx.example.com"), 10, false))));
    }

    /**
     * What a {@code dig} command built on our resolver would print equals what {@code dig +short} prints, for
     * every question that has data (names, addresses in RFC 5952 form, quoted TXT strings, CNAME chains).
     */
    @Test
    void shortFormMatchesDigShort() throws Exception {
        StubResolver toBind = new StubResolver(new ResolverConfig(List.of(named.address()), Duration.ofSeconds(3), 2, 1232, 0));
        int compared = 0;
        for (String[] q : QUESTIONS) {
            if (toBind.query(q[0], RecordType.fromMnemonic(q[1]).orElseThrow()) instanceof LookupResult.Found found) {
                Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(named.address().getPort()),
                        "+tries=1", "+time=3", "+short", q[0], q[1]).redirectErrorStream(true).start();
                List<String> digShort = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(found.shortLines().stream().sorted().toList()).as(q[0] + " " + q[1]).isEqualTo(digShort);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(15);
    }

    /** The kind of result and its records as text (TTL included), for comparing two servers. */
    private static String describe(LookupResult r) {
        return switch (r) {
            case LookupResult.Found f -> "Found " + f.canonicalName() + " " + f.records().stream().map(ResourceRecord::toString).sorted().toList();
            case LookupResult.NoData n -> "NoData " + n.canonicalName() + " " + n.soa().map(ResourceRecord::toString).orElse("-");
            case LookupResult.NxDomain n -> "NxDomain " + n.canonicalName() + " " + n.soa().map(ResourceRecord::toString).orElse("-");
            case LookupResult.Failure f -> "Failure " + f.kind();
        };
    }
}
