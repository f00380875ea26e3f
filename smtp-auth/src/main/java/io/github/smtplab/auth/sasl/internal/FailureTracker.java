package io.github.smtplab.auth.sasl.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Counts failed AUTH exchanges per key — a client address and the user it named (one shared instance
 * for all connections). After the n-th failure of a key the client waits {@code delay × 2^(n-1)}, at most
 * {@code maxDelay}. A success forgets the key; so does a quiet period of {@link #FORGET_AFTER}. Nothing
 * here refuses anyone: the count only sets the pause. Memory is bounded: at most {@link #MAX_ADDRESSES}
 * keys are tracked.
 */
public final class FailureTracker {

    /** Failures older than this are forgotten. */
    public static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** The most keys remembered at once; beyond, stale ones are purged, then any. */
    public static final int MAX_ADDRESSES = 10_000;

    private record Entry(int failures, Instant last) {}

    private final Duration delay;
    private final Duration maxDelay;
    private final Supplier<Instant> clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A tracker pausing {@code delay}, doubling up to {@code maxDelay}. */
    public FailureTracker(Duration delay, Duration maxDelay, Supplier<Instant> clock) {
        this.delay = delay;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** Records one failure; returns how many failures the key has now. */
    public int fail(String key) {
        Instant now = clock.get();
        if (entries.size() >= MAX_ADDRESSES && !entries.containsKey(key)) {
            purge(now);
        }
        return entries.merge(key, new Entry(1, now),
                (old, one) -> stale(old, now) ? one : new Entry(old.failures() + 1, now)).failures();
    }

    /** The key authenticated: its failures are forgotten. */
    public void succeed(String key) {
        entries.remove(key);
    }

    /** The failures the key has now. */
    public int failures(String key) {
        Entry e = entries.get(key);
        return e == null || stale(e, clock.get()) ? 0 : e.failures();
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
