package io.github.smtplab.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.ResourceRecord;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against pyspf, an independent RFC 7208 implementation: random policies built from the
 * record grammar (§4.6.1: every mechanism but ptr, qualifiers, include chains, redirect, exists with macros,
 * dual CIDR), served by smtp-dns's ZoneServer on loopback to pyspf and by the same zone in memory to us; both
 * must give the same result for every case. The cases come from a fixed seed, so a failure is reproducible.
 */
@RequiresTool(value = "pyspf", probe = {"/usr/bin/python3", "-c", "import spf, dns.resolver"}, install = "Debian package python3-spf")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PyspfDifferentialTest {

    /** Number of random policies compared. */
    static final int CASES = 500;
    static final long SEED = 7208;

    static final String[] CLIENTS = {"192.0.2.1", "192.0.2.200", "198.51.100.7", "203.0.113.9", "2001:db8::1", "2001:db8:1::5"};

    @TempDir
    Path dir;

    /**
     * The terms of domain {@code d<self>} of one case. A record never includes itself: pyspf rejects such
     * "trivial recursion" as a permerror even when evaluation never reaches the include, which RFC 7208 does
     * not ask for (§4.6.2 stops at the first match; §4.6.4's limit ends loops that are reached).
     */
    private static List<String> terms(Random random, String suffix, int self) {
        String[] pool = {"ip4:192.0.2.0/24", "ip4:198.51.100.7", "-ip4:192.0.2.128/25", "ip6:2001:db8::/48", "~ip6:2001:db8::1",
            "a", "a:h1" + suffix, "a:h2" + suffix + "/24", "a:h3" + suffix + "//64", "mx", "mx/16", "-mx:d1" + suffix,
            "include:d1" + suffix, "include:d2" + suffix, "?include:d3" + suffix, "include:nx" + suffix,
            "exists:%{i}.e" + suffix, "exists:%{ir}.%{v}.e" + suffix, "-exists:%{l}.e" + suffix, "a:nx1" + suffix,
            "?all", "~all", "-all", "redirect=d2" + suffix, "redirect=d4" + suffix, "exp=x" + suffix};
        List<String> out = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String t = pool[random.nextInt(pool.length)];
            if (!out.contains(t) && !t.endsWith("include:d" + self + suffix) && !(t.startsWith("redirect=") && out.stream().anyMatch(x -> x.startsWith("redirect=")))
                    && !(t.startsWith("exp=") && out.stream().anyMatch(x -> x.startsWith("exp=")))) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void sameResultsAsPyspf() throws Exception {
        Random random = new Random(SEED);
        DomainName origin = DomainName.of("example.com.");
        List<ResourceRecord> records = new ArrayList<>();
        records.add(ResourceRecord.in(origin, 300, new RecordData.Soa(DomainName.of("ns.example.com."),
                DomainName.of("hostmaster.example.com."), 1, 3600, 600, 86400, 60)));
        List<String[]> cases = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            String suffix = ".c" + c + ".example.com";
            StringBuilder policy = new StringBuilder();
            for (int d = 0; d <= 4; d++) {
                String record = "v=spf1 " + String.join(" ", terms(random, suffix, d));
                records.add(txt("d" + d + suffix, record));
                policy.append(" | d").append(d).append(": ").append(record.replace(suffix, ""));
            }
            policies.add(policy.toString());
            records.add(txt("x" + suffix, "denied by %{d} for %{i}"));
            for (int h = 1; h <= 3; h++) {
                records.add(ResourceRecord.in(DomainName.of("h" + h + suffix), 300,
                        new RecordData.A((Inet4Address) InetAddress.getByName(h == 1 ? "192.0.2.1" : h == 2 ? "203.0.113.77" : "198.51.100.7"))));
                if (h == 3) {
                    records.add(ResourceRecord.in(DomainName.of("h3" + suffix), 300,
                            new RecordData.Aaaa((java.net.Inet6Address) InetAddress.getByName("2001:db8::1"))));
                }
            }
            for (int d = 0; d <= 4; d++) {
                records.add(ResourceRecord.in(DomainName.of("d" + d + suffix), 300,
                        new RecordData.Mx(10, DomainName.of("h" + (1 + random.nextInt(3)) + suffix))));
            }
            records.add(ResourceRecord.in(DomainName.of("1.2.0.192.in-addr.e" + suffix), 300,
                    new RecordData.A((Inet4Address) InetAddress.getByName("127.0.0.2"))));
            records.add(ResourceRecord.in(DomainName.of("192.0.2.1.e" + suffix), 300,
                    new RecordData.A((Inet4Address) InetAddress.getByName("127.0.0.2"))));
            String client = CLIENTS[random.nextInt(CLIENTS.length)];
            cases.add(new String[] {client, "user@d0" + suffix, "helo" + suffix});
        }
        Zone zone = new Zone(origin, records);
        SpfChecker ours = new SpfChecker(new InMemoryResolver(List.of(zone)), "receiver.example");
        Map<Integer, String> theirs = new HashMap<>();
        try (ZoneServer server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone))) {
            Path input = dir.resolve("cases.txt");
            Files.write(input, cases.stream().map(c -> String.join(" ", c)).toList());
            String script = String.join("\n",
                    "import sys, dns.resolver, spf",
                    "r = dns.resolver.Resolver(configure=False)",
                    "r.nameservers = ['127.0.0.1']; r.port = " + server.address().getPort() + "; r.lifetime = 5",
                    "dns.resolver.default_resolver = r",
                    "for k, line in enumerate(open(sys.argv[1])):",
                    "    i, s, h = line.split()",
                    "    print('RESULT', k, spf.check2(i=i, s=s, h=h)[0], flush=True)");
            Path py = dir.resolve("pyspf_cases.py");
            Files.writeString(py, script);
            PeerProcess.Result run = PeerProcess.run(List.of("/usr/bin/python3", py.toString(), input.toString()), Duration.ofSeconds(100));
            for (String line : run.output().split("\n")) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("RESULT")) {
                    theirs.put(Integer.parseInt(f[1]), f[2]);
                }
            }
            assertThat(theirs).as(run.output()).hasSize(CASES);
        }
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> histogram = new HashMap<>();
        for (int k = 0; k < CASES; k++) {
            String[] c = cases.get(k);
            SpfOutcome o = ours.checkMailFrom(InetAddress.getByName(c[0]), c[1], c[2]);
            histogram.merge(o.result().keyword(), 1, Integer::sum);
            if (!o.result().keyword().equals(theirs.get(k))) {
                disagreements.add("case " + k + " " + String.join(" ", c) + ": ours " + o.result().keyword() + " (" + o.detail()
                        + "), pyspf " + theirs.get(k) + policies.get(k));
            }
        }
        System.out.println("pyspf differential: " + CASES + " cases, results " + histogram + ", disagreements " + disagreements.size());
        assertThat(disagreements).isEmpty();
        assertThat(histogram.keySet()).as("the generator reaches varied results").hasSizeGreaterThanOrEqualTo(4);
    }

    private static ResourceRecord txt(String name, String text) {
        return ResourceRecord.in(DomainName.of(name), 300, RecordData.Txt.ofText(text));
    }
}
