package io.github.smtplab.core.net;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections a server takes at once, in all and from one client address. One instance can be
 * shared by several listeners (a port 25/587 listener and its implicit-TLS twin, RFC 8314), so that a
 * client cannot double its share by using both. A connection over a limit is refused before any session
 * exists ({@code 421}, RFC 5321 §4.3.2).
 */
public final class ConnectionLimits {

    /** The default total. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** The default per client address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 50;

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    /** Limits of {@code maxTotal} connections, {@code maxPerAddress} from one address (both at least 1). */
    public ConnectionLimits(int maxTotal, int maxPerAddress) {
        if (maxTotal < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection limits are at least 1: " + maxTotal + ", " + maxPerAddress);
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** The defaults: 1000 in all, 50 per address. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** The total limit. */
    public int maxTotal() {
        return maxTotal;
    }

    /** The limit per client address. */
    public int maxPerAddress() {
        return maxPerAddress;
    }

    /** A place for one connection from {@code peer}; give it back with {@link Permit#close()}. Empty when full. */
    public Optional<Permit> acquire(InetAddress peer) {
        AtomicInteger fromPeer = perAddress.computeIfAbsent(peer, p -> new AtomicInteger());
        int now = total.incrementAndGet();
        Permit permit = new Permit(peer, fromPeer);
        if (fromPeer.incrementAndGet() > maxPerAddress || now > maxTotal) {
            permit.close();
            return Optional.empty();
        }
        return Optional.of(permit);
    }

    /** One connection's place, returned when it ends. */
    public final class Permit implements AutoCloseable {
        private final InetAddress peer;
        private final AtomicInteger fromPeer;
        private boolean closed;

        private Permit(InetAddress peer, AtomicInteger fromPeer) {
            this.peer = peer;
            this.fromPeer = fromPeer;
        }

        /** Gives the place back (once). */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            total.decrementAndGet();
            if (fromPeer.decrementAndGet() == 0) {
                perAddress.remove(peer, fromPeer);
            }
        }
    }
}
