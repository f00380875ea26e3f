package io.github.smtplab.core.net;

import io.github.smtplab.core.Replies;
import io.github.smtplab.core.ServerSession;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@link IoModel#NIO} shell: one {@link ServerSocketChannel} and a few {@link EventLoop}s (one per
 * processor by default), each a platform thread that waits on a {@code Selector} for any of its
 * connections to become readable or writable, and never blocks on anything else.
 *
 * <p>The first loop also accepts; new connections go to the loops in turn. Each connection is a
 * {@link NioConnection}: the same {@link ServerSession} as in the threaded shell, fed from a non-blocking
 * channel. Work that may block (writing message content to disk and the fsync before the 250) runs on
 * a worker thread while the loop serves the others; the connection resumes when the worker is done.
 */
final class EventLoopShell implements SmtpServer.Shell {

    /** The message for TLS settings on this shell (the command line says it too). */
    static final String NO_TLS = "TLS (STARTTLS, implicit TLS) is available on the threads I/O model only, for now";

    private static final Logger LOG = System.getLogger(SmtpServer.class.getName());

    final SmtpServer.Builder settings;
    private final ConnectionLimits limits;
    private final ServerSocketChannel listener;
    private final List<EventLoop> loops = new ArrayList<>();
    /** Blocking work handed off by the loops: message content and its delivery ({@link DeliveryThreads}). */
    final DeliveryThreads workers;
    final Set<NioConnection> connections = ConcurrentHashMap.newKeySet();
    private int nextLoop;
    volatile boolean closing;

    EventLoopShell(SmtpServer.Builder settings, ConnectionLimits limits) throws IOException {
        this.settings = settings;
        this.limits = limits;
        this.workers = new DeliveryThreads(settings.deliveryThreads, "smtp-delivery-" + settings.listen.getPort() + "-");
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(settings.listen, 256);
            listener.configureBlocking(false);
            for (int i = 0; i < settings.eventLoops; i++) {
                loops.add(new EventLoop(this, "smtp-loop-" + address().getPort() + "-" + i));
            }
            loops.getFirst().execute(() -> loops.getFirst().register(listener, SelectionKey.OP_ACCEPT, null));
            loops.forEach(EventLoop::start);
        } catch (IOException | RuntimeException e) {
            loops.forEach(EventLoop::stop);
            workers.close();
            listener.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the listener is closed", e);
        }
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    /** On the first loop: takes every connection waiting and gives each to a loop, in turn. */
    void acceptAll() {
        while (!closing) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                return;
            }
            if (channel == null) {
                return;   // no more for now
            }
            Optional<ConnectionLimits.Permit> permit = Optional.empty();
            try {
                // the limits count here, in the order the connections arrived
                permit = limits.acquire(((InetSocketAddress) channel.getRemoteAddress()).getAddress());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "connection: {0}", e.toString());
            }
            Optional<ConnectionLimits.Permit> granted = permit;
            EventLoop loop = loops.get(nextLoop);
            nextLoop = (nextLoop + 1) % loops.size();
            loop.execute(() -> open(channel, granted, loop));
        }
    }

    /** On the connection's loop: a session and the greeting, or 421 for a connection over the limits. */
    private void open(SocketChannel channel, Optional<ConnectionLimits.Permit> permit, EventLoop loop) {
        try {
            InetSocketAddress client = (InetSocketAddress) channel.getRemoteAddress();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (permit.isEmpty()) {
                // §4.3.2: refuse politely before any session exists (one try: the reply is small)
                channel.write(ByteBuffer.wrap(Replies.tooManyConnections(settings.config.hostname()).toBytes()));
                channel.close();
                return;
            }
            ServerSession session = new ServerSession(settings.config, settings.hooks, settings.transcripts.apply(client), client);
            NioConnection connection = new NioConnection(this, loop, channel, session, permit.get());
            connections.add(connection);
            connection.start();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "connection: {0}", e.toString());
            permit.ifPresent(ConnectionLimits.Permit::close);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loops.getFirst().execute(() -> {
            try {
                listener.close();
            } catch (IOException ignored) {
                // nothing to do: the listener is gone either way
            }
        });
        connections.forEach(c -> c.loop().execute(c::beginShutdown));
        long deadline = System.nanoTime() + settings.shutdownGrace.toNanos();
        try {
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            connections.forEach(c -> c.loop().execute(c::forceClose));
            long last = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!connections.isEmpty() && System.nanoTime() < last) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loops.forEach(EventLoop::stop);
            workers.close();
        }
    }
}
