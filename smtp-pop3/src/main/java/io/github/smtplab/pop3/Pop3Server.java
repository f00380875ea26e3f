package io.github.smtplab.pop3;

import io.github.smtplab.auth.sasl.CredentialStore;
import io.github.smtplab.core.net.TlsUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A POP3 server on {@code java.net}, the same shape as smtp-core's {@code SmtpServer}: a listener, one
 * virtual thread per connection, a {@link Pop3Session} per connection taking every protocol decision.
 * This class moves bytes, applies the limits and the deadlines, and runs TLS when the engine says so.
 *
 * <ul>
 *   <li>Deadlines: the client has {@link Builder#idleTimeout} between two reads (RFC 1939 §3: an
 *       autologout timer of at least 10 minutes; the session then ends WITHOUT UPDATE); each TLS handshake
 *       has smtp-tls's own limit.</li>
 *   <li>Limits: command lines of 255 octets (the engine), connections in all and per address.</li>
 *   <li>A failure inside the server never reaches the peer as a stack trace: the client reads
 *       {@code -ERR [SYS/TEMP]} and the connection closes; the log has the details.</li>
 *   <li>Implicit TLS (RFC 8314 §3, POP3 on port 995): TLS from the first byte, then the greeting.</li>
 * </ul>
 */
public final class Pop3Server implements AutoCloseable {

    /** RFC 1939 §3: "the autologout timer MUST be of at least 10 minutes' duration". */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** Connections served at once, from all clients. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Connections served at once from one IP address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 20;

    private static final Logger LOG = System.getLogger(Pop3Server.class.getName());
    private static final int READ_BUFFER = 1024;

    private final Builder settings;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AuthFailures failures;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closing;

    private Pop3Server(Builder settings) throws IOException {
        this.settings = settings;
        this.failures = new AuthFailures(settings.config.auth(), Instant::now);
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(settings.listen, 128);
        Thread.ofVirtual().name("pop3-accept-" + address().getPort()).start(this::acceptLoop);
        LOG.log(Level.INFO, "POP3 listening on {0}{1}", address(), settings.implicitTls ? " (implicit TLS)" : "");
    }

    /** Starts describing a server: what it offers, who its users are, where their mail is. */
    public static Builder builder(Pop3Config config, CredentialStore users, MailStore store) {
        return new Builder(config, users, store);
    }

    /** The address listened on (with the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket socket = listener.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                }
            }
        }
    }

    /** One connection, from accept to close. */
    private void serve(Socket accepted) {
        InetAddress peer = accepted.getInetAddress();
        AtomicInteger fromPeer = perAddress.computeIfAbsent(peer, p -> new AtomicInteger());
        Socket socket = accepted;
        Pop3Session session = null;
        open.add(accepted);
        try {
            if (fromPeer.incrementAndGet() > settings.maxPerAddress || open.size() > settings.maxConnections) {
                if (!settings.implicitTls) {
                    ResponseWriter.write(List.of(Pop3Response.Err.of(ResponseCode.SYS_TEMP, "too many connections, try later")),
                            accepted.getOutputStream());
                }
                return;
            }
            accepted.setSoTimeout(Math.toIntExact(settings.idleTimeout.toMillis()));
            accepted.setTcpNoDelay(true);
            session = new Pop3Session(settings.config, settings.users, settings.store, failures, peer.getHostAddress(),
                    Optional.of("<" + ProcessHandle.current().pid() + "." + HexFormat.of().toHexDigits(random.nextLong())
                            + "@" + settings.config.hostname() + ">"));
            if (settings.implicitTls) {
                socket = settings.tls.upgrade(accepted).socket();   // RFC 8314 §3: TLS first, then the greeting
                open.add(socket);
                session.tlsStarted();
            }
            socket = converse(socket, session);
        } catch (SocketTimeoutException e) {
            LOG.log(Level.DEBUG, "{0}: autologout timer expired (RFC 1939 section 3)", peer);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "connection from {0}: {1}", peer, e.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "POP3 session with " + peer + " failed", e);
            try {
                ResponseWriter.write(List.of(Pop3Response.Err.of(ResponseCode.SYS_TEMP, "internal error, closing")), socket.getOutputStream());
            } catch (IOException | RuntimeException ignored) {
                // the connection is being dropped either way
            }
        } finally {
            if (session != null) {
                session.end();   // no UPDATE unless QUIT already did it: a dropped connection deletes nothing
            }
            closeQuietly(socket);
            closeQuietly(accepted);
            open.remove(socket);
            open.remove(accepted);
            if (fromPeer.decrementAndGet() == 0) {
                perAddress.remove(peer, fromPeer);
            }
        }
    }

    /** Reads, lets the session decide, writes; returns the socket in use at the end (TLS after STLS). */
    private Socket converse(Socket socket, Pop3Session session) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        ResponseWriter.write(session.start().responses(), out);
        byte[] buffer = new byte[READ_BUFFER];
        while (!session.isClosed() && !closing) {
            int n = in.read(buffer);
            if (n < 0) {
                return socket;
            }
            Pop3Session.Output output = session.receive(ByteBuffer.wrap(buffer, 0, n));
            pause(output.pause());
            ResponseWriter.write(output.responses(), out);
            switch (output.action()) {
                case CLOSE -> {
                    return socket;
                }
                case START_TLS -> {
                    // RFC 2595 §4: the handshake starts right after the +OK; the engine discarded the rest
                    socket = settings.tls.upgrade(socket).socket();
                    open.add(socket);
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                    session.tlsStarted();
                }
                case CONTINUE -> { }
            }
        }
        return socket;
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting and closes every connection: sessions in progress end without UPDATE. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        closeQuietly(listener);
        open.forEach(Pop3Server::closeQuietly);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed or broken: nothing left to release
        }
    }

    /** The settings of a server; {@link #start()} binds and starts it. */
    public static final class Builder {
        private final Pop3Config config;
        private final CredentialStore users;
        private final MailStore store;
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1110);
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private TlsUpgrade tls;
        private boolean implicitTls;

        private Builder(Pop3Config config, CredentialStore users, MailStore store) {
            this.config = Objects.requireNonNull(config, "config");
            this.users = Objects.requireNonNull(users, "users");
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Where to listen; port 0 picks a free port. */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address, "address");
            return this;
        }

        /** How long to wait for the client between two reads (RFC 1939 §3: at least 10 minutes in service). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the idle timeout must be positive: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** At most this many connections at once. */
        public Builder maxConnections(int max) {
            this.maxConnections = positive(max);
            return this;
        }

        /** At most this many connections from one address at once. */
        public Builder maxConnectionsPerAddress(int max) {
            this.maxPerAddress = positive(max);
            return this;
        }

        /** TLS for STLS (RFC 2595) — smtp-tls's {@code ServerTls}; without it, do not offer STLS. */
        public Builder tls(TlsUpgrade upgrade) {
            this.tls = Objects.requireNonNull(upgrade, "upgrade");
            return this;
        }

        /** TLS from the first byte on this listener (RFC 8314 §3, port 995 semantics); needs {@link #tls}. */
        public Builder implicitTls(boolean implicit) {
            this.implicitTls = implicit;
            return this;
        }

        /** Binds the listener and starts accepting. */
        public Pop3Server start() throws IOException {
            if ((implicitTls || config.stls()) && tls == null) {
                throw new IllegalStateException("STLS or implicit TLS needs tls(...): give the server a certificate");
            }
            return new Pop3Server(this);
        }

        private static int positive(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1: " + n);
            }
            return n;
        }
    }
}
