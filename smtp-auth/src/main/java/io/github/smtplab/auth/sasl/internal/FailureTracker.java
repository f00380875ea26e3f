package io.github.smtplab.auth.sasl.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Counts failed AUTH exchanges per client address (one shared instance for all connections). After
 * the n-th failure the client waits {@code delay × 2^(n-1)}, at most {@code maxDelay}; at {@code limit}
 * failures the connection is closed. A success forgets the address; so does a quiet period of
 * {@link #FORGET_AFTER}. Memory is bounded: at most {@link #MAX_ADDRESSES} addresses are tracked.
 */
public final class FailureTracker {

    /** Failures older than this are forgotten. */
    public static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** The most addresses remembered at once; beyond, stale ones are purged, then the oldest. */
    public static final int MAX_ADDRESSES = 10_000;

    private record Entry(int failures, Instant last) {}

    private final int limit;
    private final Duration delay;
    private final Duration maxDelay;
    private final Supplier<Instant> clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A tracker closing at {@code limit} failures, pausing {@code delay} doubling up to {@code maxDelay}. */
    public FailureTracker(int limit, Duration delay, Duration maxDelay, Supplier<Instant> clock) {
        this.limit = limit;
        this.delay = delay;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** Records one failure; returns how many failures the address has now. */
    public int fail(String address) {
        Instant now = clock.get();
        if (entries.size() >= MAX_ADDRESSES && !entries.containsKey(address)) {
            purge(now);
        }
        return entries.merge(address, new Entry(1, now),
                (old, one) -> stale(old, now) ? one : new Entry(old.failures() + 1, now)).failures();
    }

    /** The address authenticated: its failures are forgotten. */
    public void succeed(String address) {
        entries.remove(address);
    }

    /** The failures the address has now. */
    public int failures(String address) {
        Entry e = entries.get(address);
        return e == null || stale(e, clock.get()) ? 0 : e.failures();
    }

    /** True when the address has used up its attempts. */
    public boolean exhausted(String address) {
        return failures(address) >= limit;
    }

    /** The pause after the {@code failures}-th failure: delay, 2×delay, 4×delay... at most maxDelay. */
    public Duration delayAfter(int failures) {
        if (failures <= 0 || delay.isZero()) {
            return Duration.ZERO;
        }
        int shift = Math.min(failures - 1, 30);
        Duration d = delay.multipliedBy(1L << shift);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private boolean stale(Entry e, Instant now) {
        return e.last().plus(FORGET_AFTER).isBefore(now);
    }

    private void purge(Instant now) {
        entries.values().removeIf(e -> stale(e, now));
        Iterator<String> it = entries.keySet().iterator();
        while (entries.size() >= MAX_ADDRESSES && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
