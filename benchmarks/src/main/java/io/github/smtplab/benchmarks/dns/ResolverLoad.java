package io.github.smtplab.benchmarks.dns;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import java.time.Duration;
import java.util.List;

/**
 * A plain load generator (not JMH: the server is an outside process): sequential lookups with our
 * {@link StubResolver}, cache off, against one server, printing lookups per second. Run by
 * {@code benchmarks/dns/compare.sh}, which starts BIND and measures dnspython on the same questions in the
 * same run, so the figure to report is the ratio between the two.
 *
 * <p>Usage: {@code benchmarks/run --main io.github.smtplab.benchmarks.dns.ResolverLoad
 * 127.0.0.1:PORT LOOKUPS}
 */
public final class ResolverLoad {

    /** The questions, asked in turn: the lookups an MTA and SPF/DKIM/DMARC make for one message. */
    static final List<Object[]> QUESTIONS = List.of(
            new Object[] {"example.com.", RecordType.MX}, new Object[] {"mx.example.com.", RecordType.A},
            new Object[] {"mx.example.com.", RecordType.AAAA}, new Object[] {"example.com.", RecordType.TXT},
            new Object[] {"_dmarc.example.com.", RecordType.TXT}, new Object[] {"test._domainkey.football.example.com.", RecordType.TXT});

    private ResolverLoad() {}

    /** Runs the load and prints {@code java-stub lookups/s N}. */
    public static void main(String[] args) {
        String server = args.length > 0 ? args[0] : "127.0.0.1:5353";
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ResolverConfig config = ResolverConfig.of(server).withCacheCapacity(0).withTimeout(Duration.ofSeconds(2));
        StubResolver resolver = new StubResolver(config);
        run(resolver, Math.max(2_000, lookups / 4)); // warm-up: JIT compilation
        long start = System.nanoTime();
        int failures = run(resolver, lookups);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("java-stub lookups/s %.0f (lookups %d, failures %d)%n", lookups / seconds, lookups, failures);
    }

    private static int run(StubResolver resolver, int count) {
        int failures = 0;
        for (int i = 0; i < count; i++) {
            Object[] q = QUESTIONS.get(i % QUESTIONS.size());
            if (!(resolver.query(DomainName.of((String) q[0]), (RecordType) q[1]) instanceof LookupResult.Found)) {
                failures++;
            }
        }
        return failures;
    }
}
