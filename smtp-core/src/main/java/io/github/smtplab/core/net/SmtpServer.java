package io.github.smtplab.core.net;

import io.github.smtplab.core.Replies;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerExtension;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TlsInfo;
import io.github.smtplab.core.TranscriptListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An SMTP server on {@code java.net}: a {@link ServerSocket}, one virtual thread per connection, and a
 * {@link ServerSession} per connection that takes every protocol decision. This class only moves bytes,
 * enforces connection limits and deadlines ({@link ServerTimeouts}), and shuts down gracefully.
 *
 * <pre>{@code
 * try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com"))
 *         .listen(new InetSocketAddress("127.0.0.1", 2525))
 *         .hooks(myHooks)
 *         .start()) {
 *     ...
 * }
 * }</pre>
 */
public final class SmtpServer implements AutoCloseable {

    /** RFC 5321 §4.5.3.2.7: a server waits at least 5 minutes for the next command. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = ServerTimeouts.RFC_COMMAND_LINE;
    /** Connections at once, by default ({@link ConnectionLimits#DEFAULT_MAX_CONNECTIONS}). */
    public static final int DEFAULT_MAX_CONNECTIONS = ConnectionLimits.DEFAULT_MAX_CONNECTIONS;
    /** Connections at once from one address, by default. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    /** How long {@link #close()} lets transactions in progress finish. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = System.getLogger(SmtpServer.class.getName());

    /** How a connection's socket is prepared before the greeting (an implicit-TLS listener wraps it, RFC 8314). */
    @FunctionalInterface
    public interface SocketWrapper {
        /** Returns the socket to speak on, and what TLS was set up, if any. */
        Wrapped wrap(Socket accepted) throws IOException;

        /** The socket to use and its TLS report (null for plain text). */
        record Wrapped(Socket socket, TlsInfo tls) {}

        /** Plain text: the accepted socket as it is. */
        SocketWrapper PLAIN = s -> new Wrapped(s, null);
    }

    private final Builder settings;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConnectionLimits limits;
    private final Thread acceptor;
    /** Closes sockets whose write or TLS handshake is still blocked at its deadline (one thread for all). */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("smtp-watchdog").factory());
    private volatile boolean closing;

    private SmtpServer(Builder settings) throws IOException {
        this.settings = settings;
        this.limits = settings.limits != null ? settings.limits : new ConnectionLimits(settings.maxConnections, settings.maxPerAddress);
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(settings.listen, 256);
        this.acceptor = Thread.ofVirtual().name("smtp-accept-" + address().getPort()).start(this::acceptLoop);
        LOG.log(Level.INFO, "listening on {0} as {1}", address(), settings.config.hostname());
    }

    /** Starts describing a server with this engine configuration. */
    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** The address the server listens on (with the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Connections open now. */
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
                if (settings.wrapper == SocketWrapper.PLAIN) {
                    accepted.getOutputStream().write(Replies.tooManyConnections(settings.config.hostname()).toBytes());
                }
                return;
            }
            accepted.setSoTimeout(Math.toIntExact(settings.timeouts.commandLine().toMillis()));
            accepted.setTcpNoDelay(true);
            // an implicit-TLS handshake has the deadline of a command line, however slowly it drips
            ScheduledFuture<?> handshakeAlarm = watchdog.schedule(() -> closeQuietly(accepted),
                    settings.timeouts.commandLine().toMillis(), TimeUnit.MILLISECONDS);
            SocketWrapper.Wrapped wrapped;
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

    /**
     * Graceful shutdown: stops accepting, tells idle clients {@code 421} and closes them, lets the
     * transactions in progress finish for up to the grace period, then closes what is left.
     */
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
        LOG.log(Level.INFO, "stopped {0}", settings.config.hostname());
    }

    /** The settings of a server; {@link #start()} binds and starts it. */
    public static final class Builder {
        private ServerConfig config;
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2525);
        private ServerHooks hooks = new ServerHooks() {};
        private Function<InetSocketAddress, TranscriptListener> transcripts = client -> TranscriptListener.NONE;
        private ServerTimeouts timeouts = ServerTimeouts.DEFAULTS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private ConnectionLimits limits;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private SocketWrapper wrapper = SocketWrapper.PLAIN;
        private TlsUpgrade tlsUpgrade;
        private ListenerTls tls;

        private Builder(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where to listen; port 0 picks a free port (see {@link SmtpServer#address()}). */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address);
            return this;
        }

        /** The application's decisions (shared by all connections: make them thread-safe). */
        public Builder hooks(ServerHooks newHooks) {
            this.hooks = Objects.requireNonNull(newHooks);
            return this;
        }

        /** A transcript listener per connection, given the client's address. */
        public Builder transcripts(Function<InetSocketAddress, TranscriptListener> factory) {
            this.transcripts = Objects.requireNonNull(factory);
            return this;
        }

        /**
         * The deadline for each command line, counted from the last reply (RFC 5321 §4.5.3.2.7: at least
         * 5 minutes, the default). Short only in tests.
         */
        public Builder idleTimeout(Duration timeout) {
            this.timeouts = timeouts.withCommandLine(timeout);
            return this;
        }

        /** All the deadlines of a connection: command line, message, write (see {@link ServerTimeouts}). */
        public Builder timeouts(ServerTimeouts newTimeouts) {
            this.timeouts = Objects.requireNonNull(newTimeouts);
            return this;
        }

        public Builder maxConnections(int max) {
            this.maxConnections = positive(max);
            return this;
        }

        public Builder maxConnectionsPerAddress(int max) {
            this.maxPerAddress = positive(max);
            return this;
        }

        /**
         * Limits shared with other listeners (e.g. the implicit-TLS twin of a listener, RFC 8314), instead
         * of {@link #maxConnections} and {@link #maxConnectionsPerAddress} of this one alone.
         */
        public Builder connectionLimits(ConnectionLimits shared) {
            this.limits = Objects.requireNonNull(shared);
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace);
            return this;
        }

        /**
         * TLS for this listener, in one call: STARTTLS (RFC 3207: the handshake runs when the engine says so)
         * or implicit TLS (RFC 8314 §3: the handshake runs right after accept); either way the STARTTLS
         * extension goes first among the config's extensions. smtp-tls's {@code ServerTls} makes both; set
         * at most once.
         */
        public Builder tls(ListenerTls listenerTls) {
            if (this.tls != null) {
                throw new IllegalStateException("TLS is already set for this listener: " + this.tls);
            }
            this.tls = Objects.requireNonNull(listenerTls, "listenerTls");
            List<ServerExtension> extensions = new ArrayList<>();
            extensions.add(listenerTls.offer());
            extensions.addAll(config.serverExtensions());
            config = config.withServerExtensions(extensions);
            switch (listenerTls) {
                case ListenerTls.StartTls startTls -> tlsUpgrade = startTls.upgrade();
                case ListenerTls.Implicit implicit -> wrapper = implicit.handshake();
            }
            return this;
        }

        /** Binds the listener and starts accepting. */
        public SmtpServer start() throws IOException {
            return new SmtpServer(this);
        }

        private static int positive(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1: " + n);
            }
            return n;
        }
    }

    /** Quiet close for sockets, where a failure to close changes nothing. */
    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException | RuntimeException ignored) {
            // already closed or broken: nothing left to release
        }
    }
}
