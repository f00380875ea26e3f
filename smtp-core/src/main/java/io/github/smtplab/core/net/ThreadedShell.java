package io.github.smtplab.core.net;

import io.github.smtplab.core.Replies;
import io.github.smtplab.core.ServerSession;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link IoModel#THREADS} shell: a {@link ServerSocket}, one virtual thread per connection running a
 * {@link ServerConnection} (blocking reads and writes, written top to bottom like the dialogue itself).
 * A blocked virtual thread costs a few kilobytes of stack and no operating-system thread.
 */
final class ThreadedShell implements SmtpServer.Shell {

    private static final Logger LOG = System.getLogger(SmtpServer.class.getName());

    private final SmtpServer.Builder settings;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConnectionLimits limits;
    private final Thread acceptor;
    /** Closes sockets whose write or TLS handshake is still blocked at its deadline (one thread for all). */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("smtp-watchdog").factory());
    private volatile boolean closing;

    ThreadedShell(SmtpServer.Builder settings, ConnectionLimits limits) throws IOException {
        this.settings = settings;
        this.limits = limits;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(settings.listen, 256);
        this.acceptor = Thread.ofVirtual().name("smtp-accept-" + address().getPort()).start(this::acceptLoop);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                }
                continue;
            }
            threads.execute(() -> serve(socket));
        }
    }

    /** One connection, from accept to close, on its own virtual thread. */
    private void serve(Socket accepted) {
        InetAddress peer = accepted.getInetAddress();
        Optional<ConnectionLimits.Permit> permit = limits.acquire(peer);
        try (accepted) {
            if (permit.isEmpty()) {
                // §4.3.2: refuse politely before any session exists; an implicit-TLS client expects a TLS
                // handshake, not text, so it is only closed (and no handshake is spent on it)
                if (settings.wrapper == SmtpServer.SocketWrapper.PLAIN) {
                    accepted.getOutputStream().write(Replies.tooManyConnections(settings.config.hostname()).toBytes());
                }
                return;
            }
            accepted.setSoTimeout(Math.toIntExact(settings.timeouts.commandLine().toMillis()));
            accepted.setTcpNoDelay(true);
            // an implicit-TLS handshake has the deadline of a command line, however slowly it drips
            ScheduledFuture<?> handshakeAlarm = watchdog.schedule(() -> SmtpServer.closeQuietly(accepted),
                    settings.timeouts.commandLine().toMillis(), TimeUnit.MILLISECONDS);
            SmtpServer.SocketWrapper.Wrapped wrapped;
            try {
                wrapped = settings.wrapper.wrap(accepted);
            } finally {
                handshakeAlarm.cancel(false);
            }
            InetSocketAddress client = (InetSocketAddress) accepted.getRemoteSocketAddress();
            ServerSession session = new ServerSession(settings.config, settings.hooks, settings.transcripts.apply(client), client);
            ServerConnection connection = new ServerConnection(accepted, wrapped.socket(), session, wrapped.tls(), settings.tlsUpgrade,
                    settings.timeouts, watchdog);
            connections.add(connection);
            try {
                if (closing) {
                    connection.refuseShuttingDown();
                } else {
                    connection.run();
                }
            } finally {
                connections.remove(connection);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "connection from {0}: {1}", peer, e.toString());
        } finally {
            permit.ifPresent(ConnectionLimits.Permit::close);
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing to do: the listener is gone either way
        }
        connections.forEach(ServerConnection::beginShutdown);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(settings.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                connections.forEach(ServerConnection::forceClose);
                threads.awaitTermination(5, TimeUnit.SECONDS);
            }
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connections.forEach(ServerConnection::forceClose);
        } finally {
            watchdog.shutdownNow();
        }
    }
}
