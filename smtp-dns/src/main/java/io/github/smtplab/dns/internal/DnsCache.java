package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResourceRecord;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers lookup results for as long as their TTLs allow (RFC 1035 §3.2.1, RFC 2181 §5.2, §8):
 * data for the smallest TTL of its records and of the CNAMEs that led to them, NXDOMAIN and NODATA for min(SOA TTL, SOA MINIMUM)
 * (RFC 2308 §5). A negative answer without an SOA is not cached (RFC 2308 §5), nor are failures.
 * Bounded: the least recently used entry goes first. Thread-safe.
 */
public final class DnsCache {

    /** Longest time anything is kept, one week (RFC 8767 §4 suggests capping; RFC 2308 §5 caps negative TTLs). */
    public static final long MAX_CACHE_TTL_SECONDS = 7 * 24 * 3600;

    private record Key(DomainName name, int type) {}

    private record Cached(LookupResult result, long storedMillis, long ttlSeconds) {}

    private final int capacity;
    private final InstantSource clock;
    private final LinkedHashMap<Key, Cached> entries;

    /** A cache of at most {@code capacity} entries, reading time from {@code clock}. */
    public DnsCache(int capacity, InstantSource clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > DnsCache.this.capacity;
            }
        };
    }

    /** The cached result, with TTLs counted down, if one is still fresh. */
    public synchronized Optional<LookupResult> get(DomainName name, RecordType type) {
        Key key = new Key(name, type.code());
        Cached e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        long ageSeconds = (clock.millis() - e.storedMillis()) / 1000;
        if (ageSeconds >= e.ttlSeconds()) {
            entries.remove(key);
            return Optional.empty();
        }
        if (e.result() instanceof LookupResult.Found f) {
            return Optional.of(new LookupResult.Found(f.question(), aged(f.cnames(), ageSeconds), f.canonicalName(),
                    aged(f.records(), ageSeconds)));
        }
        return Optional.of(e.result());
    }

    private static List<ResourceRecord> aged(List<ResourceRecord> records, long ageSeconds) {
        return records.stream().map(r -> r.withTtl(Math.max(0, r.effectiveTtl() - ageSeconds))).toList();
    }

    /** Stores a result under the name and type it answered, if it may be cached. */
    public synchronized void put(LookupResult result) {
        long ttl = ttlOf(result);
        if (ttl > 0) {
            entries.put(new Key(result.question().name(), result.question().type().code()),
                    new Cached(result, clock.millis(), Math.min(ttl, MAX_CACHE_TTL_SECONDS)));
        }
    }

    /** How long a result may be cached, in seconds; 0 means not at all. */
    static long ttlOf(LookupResult result) {
        return switch (result) {
            // The answer holds only as long as every link of the CNAME chain and every record (RFC 2181 §5.2).
            case LookupResult.Found f -> java.util.stream.Stream.concat(f.cnames().stream(), f.records().stream())
                    .mapToLong(ResourceRecord::effectiveTtl).min().orElse(0);
            case LookupResult.NoData n -> negativeTtl(n.soa());
            case LookupResult.NxDomain n -> negativeTtl(n.soa());
            case LookupResult.Failure f -> 0;
        };
    }

    private static long negativeTtl(Optional<ResourceRecord> soa) {
        return soa.map(r -> Math.min(r.effectiveTtl(), ((RecordData.Soa) r.data()).minimum())).orElse(0L);
    }

    /** Number of entries, fresh or not yet evicted. */
    public synchronized int size() {
        return entries.size();
    }
}
