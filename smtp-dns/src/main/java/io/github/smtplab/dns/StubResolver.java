package io.github.smtplab.dns;

import io.github.smtplab.dns.internal.CnameChaser;
import io.github.smtplab.dns.internal.DnsCache;
import io.github.smtplab.dns.internal.NetworkExchanger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * A stub resolver (RFC 1034 §5.3.1): asks the configured name servers over UDP with EDNS0, retries over TCP
 * on truncation, follows CNAMEs, and caches answers for their TTL (negative ones per RFC 2308). Thread-safe.
 *
 * <pre>{@code
 * DnsResolver dns = StubResolver.system();   // or new StubResolver(ResolverConfig.of("127.0.0.1:5353"))
 * switch (dns.query("example.com", RecordType.MX)) {
 *     case LookupResult.Found f -> ...
 *     case LookupResult.NoData n -> ...
 *     case LookupResult.NxDomain n -> ...
 *     case LookupResult.Failure f -> ...
 * }
 * }</pre>
 */
public final class StubResolver implements DnsResolver {

    private final NetworkExchanger exchanger;
    private final DnsCache cache;

    /** A resolver with this configuration and the system clock. */
    public StubResolver(ResolverConfig config) {
        this(config, InstantSource.system());
    }

    /**
     * A resolver whose cache and deadlines read time from {@code clock} (tests can move time by hand).
     * Each query ends by {@link ResolverConfig#queryDeadline()}, every retry and the TCP fallback included.
     */
    public StubResolver(ResolverConfig config, InstantSource clock) {
        this.exchanger = new NetworkExchanger(config, clock);
        this.cache = config.cacheCapacity() > 0 ? new DnsCache(config.cacheCapacity(), clock) : null;
    }

    /**
     * The resolver for the common case: the servers and options of the system's configuration,
     * {@link ResolverConfig#system()} ({@code /etc/resolv.conf}; 127.0.0.1 when there is none).
     *
     * @throws java.io.UncheckedIOException if the file exists but cannot be read
     */
    public static StubResolver system() {
        return new StubResolver(ResolverConfig.system());
    }

    /** A resolver for the servers and options of a resolv.conf file, e.g. {@code /etc/resolv.conf}. */
    public static StubResolver fromResolvConf(Path file) throws IOException {
        return new StubResolver(ResolverConfig.fromResolvConf(file));
    }

    @Override
    public LookupResult query(DomainName name, RecordType type) {
        if (cache != null) {
            var cached = cache.get(name, type);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        LookupResult result = CnameChaser.resolve(exchanger, new Question(name, type));
        if (cache != null) {
            cache.put(result);
        }
        return result;
    }
}
