package io.github.smtplab.benchmarks.spf;

import io.github.smtplab.auth.spf.SpfChecker;
import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ZoneParseResult;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SPF check_host() (RFC 7208) against the DNS it needs: a typical policy with an include chain, a, mx and
 * a pass on the last mechanism, answered by smtp-dns's in-memory resolver. {@code bareLookups} is the
 * reference: the same nine DNS questions asked directly, with no SPF work. Read {@code checkHost /
 * bareLookups}: what parsing, macro expansion and evaluation add on top of the lookups themselves (over
 * the network the lookups dominate by orders of magnitude).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpfCheckBenchmark {

    static final String ZONE = """
            $ORIGIN example.com.
            $TTL 300
            @      IN SOA ns hostmaster ( 1 3600 600 86400 60 )
            @      IN TXT "v=spf1 ip4:192.0.2.0/28 ip6:2001:db8::/48 include:_spf.example.com a mx -all exp=why.example.com"
            _spf   IN TXT "v=spf1 include:_a._spf.example.com include:_b._spf.example.com ~all"
            _a._spf IN TXT "v=spf1 ip4:198.51.100.0/26 ip4:198.51.100.128/27 -all"
            _b._spf IN TXT "v=spf1 exists:%{i}.list.example.com ?all"
            @      IN A   192.0.2.200
            @      IN MX  10 mx1
            @      IN MX  20 mx2
            mx1    IN A   203.0.113.1
            mx2    IN A   203.0.113.2
            why    IN TXT "%{i} is not allowed"
            """;

    /** The questions check_host() asks for the client below, in order. */
    static final List<Object[]> QUESTIONS = List.of(
            new Object[] {"example.com.", RecordType.TXT}, new Object[] {"_spf.example.com.", RecordType.TXT},
            new Object[] {"_a._spf.example.com.", RecordType.TXT}, new Object[] {"_b._spf.example.com.", RecordType.TXT},
            new Object[] {"2.1.0.203.list.example.com.", RecordType.A}, new Object[] {"example.com.", RecordType.A},
            new Object[] {"example.com.", RecordType.MX}, new Object[] {"mx1.example.com.", RecordType.A},
            new Object[] {"mx2.example.com.", RecordType.A});

    DnsResolver resolver;
    SpfChecker checker;
    InetAddress client;
    List<DomainName> names;

    @Setup
    public void setUp() throws Exception {
        ZoneParseResult.Parsed parsed = (ZoneParseResult.Parsed) MasterFileParser.parse(ZONE, DomainName.of("example.com."));
        resolver = new InMemoryResolver(List.of(parsed.zone()));
        checker = new SpfChecker(resolver, "mx.example.org");
        client = InetAddress.getByName("203.0.113.2");
        names = QUESTIONS.stream().map(q -> DomainName.of((String) q[0])).toList();
        SpfOutcome o = checker.checkMailFrom(client, "alice@example.com", "mail.example.com");
        if (!o.mechanism().equals("mx")) {
            throw new IllegalStateException("the benchmark policy must pass on mx: " + o);
        }
    }

    /** check_host() for a client allowed by the last mechanism. */
    @Benchmark
    public SpfOutcome checkHost() {
        return checker.checkMailFrom(client, "alice@example.com", "mail.example.com");
    }

    /** Reference: the same nine questions to the same resolver, nothing else. */
    @Benchmark
    public int bareLookups() {
        int found = 0;
        for (int i = 0; i < names.size(); i++) {
            if (resolver.query(names.get(i), (RecordType) QUESTIONS.get(i)[1]) instanceof LookupResult.Found) {
                found++;
            }
        }
        return found;
    }
}
