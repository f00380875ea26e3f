package io.github.smtplab.core.net;

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
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An SMTP server: a listening socket, a {@link ServerSession} per connection that takes every protocol
 * decision, and a shell that only moves bytes, enforces connection limits and deadlines
 * ({@link ServerTimeouts}), and shuts down gracefully. Two shells drive the same engine
 * ({@link IoModel}): one virtual thread per connection on blocking {@code java.net} sockets
 * ({@link IoModel#THREADS}, the default, with TLS), or a few event loops on {@code java.nio}'s
 * {@code Selector} ({@link IoModel#NIO}).
 *
 * @see ServerSession
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
    /** Threads that store messages for the {@link IoModel#NIO} shell, by default (its loops never block on a disk). */
    public static final int DEFAULT_DELIVERY_THREADS = 16;
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
    private final Shell shell;
    private volatile boolean closed;

    /** What each I/O model provides: where it listens, how many connections it holds, a graceful close. */
    interface Shell {
        InetSocketAddress address();

        int connectionCount();

        void close();
    }

    private SmtpServer(Builder settings) throws IOException {
        this.settings = settings;
        ConnectionLimits limits = settings.limits != null ? settings.limits : new ConnectionLimits(settings.maxConnections, settings.maxPerAddress);
        this.shell = switch (settings.io) {
            case THREADS -> new ThreadedShell(settings, limits);
            case NIO -> new EventLoopShell(settings, limits);
        };
        LOG.log(Level.INFO, "listening on {0} as {1} ({2})", address(), settings.config.hostname(), settings.io);
    }

    /** Starts describing a server with this engine configuration. */
    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** The address the server listens on (with the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return shell.address();
    }

    /** Connections open now. */
    public int connectionCount() {
        return shell.connectionCount();
    }

    /** The I/O model this server runs on. */
    public IoModel io() {
        return settings.io;
    }

    /**
     * Graceful shutdown: stops accepting, tells idle clients {@code 421} and closes them, lets the
     * transactions in progress finish for up to the grace period, then closes what is left.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shell.close();
        LOG.log(Level.INFO, "stopped {0}", settings.config.hostname());
    }

    /** The settings of a server; {@link #start()} binds and starts it. */
    public static final class Builder {
        // package-private: the shells of this package read them
        ServerConfig config;
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2525);
        ServerHooks hooks = new ServerHooks() {};
        Function<InetSocketAddress, TranscriptListener> transcripts = client -> TranscriptListener.NONE;
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS;
        int maxConnections = DEFAULT_MAX_CONNECTIONS;
        int maxPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        ConnectionLimits limits;
        Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        SocketWrapper wrapper = SocketWrapper.PLAIN;
        TlsUpgrade tlsUpgrade;
        IoModel io = IoModel.THREADS;
        int eventLoops = Runtime.getRuntime().availableProcessors();
        int deliveryThreads = DEFAULT_DELIVERY_THREADS;
        ListenerTls tls;

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

        /**
         * The I/O model: {@link IoModel#THREADS} (the default) or {@link IoModel#NIO}. The event-loop shell
         * has no TLS yet: with {@link #tls}, {@link #start()} refuses it.
         */
        public Builder io(IoModel model) {
            this.io = Objects.requireNonNull(model);
            return this;
        }

        /** How many event loops the {@link IoModel#NIO} shell runs (default: one per processor). */
        public Builder eventLoops(int loops) {
            this.eventLoops = positive(loops);
            return this;
        }

        /**
         * How many threads of the {@link IoModel#NIO} shell store messages at once (default
         * {@value SmtpServer#DEFAULT_DELIVERY_THREADS}): more deliveries wait their turn.
         */
        public Builder deliveryThreads(int threads) {
            this.deliveryThreads = positive(threads);
            return this;
        }

        /**
         * Binds the listener and starts accepting.
         *
         * @throws IllegalStateException for TLS settings on the {@link IoModel#NIO} shell (threads only, for now)
         */
        public SmtpServer start() throws IOException {
            if (io == IoModel.NIO && (wrapper != SocketWrapper.PLAIN || tlsUpgrade != null)) {
                throw new IllegalStateException(EventLoopShell.NO_TLS);
            }
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
