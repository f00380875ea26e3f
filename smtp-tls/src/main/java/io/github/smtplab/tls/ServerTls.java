package io.github.smtplab.tls;

import io.github.smtplab.core.TlsInfo;
import io.github.smtplab.core.net.ListenerTls;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.core.net.TlsUpgrade;
import io.github.smtplab.tls.internal.SslContexts;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server side of TLS on JSSE: the handshake after STARTTLS (RFC 3207, as a {@link TlsUpgrade}) and
 * right after accept on an implicit-TLS listener (RFC 8314 §3, as a {@link SmtpServer.SocketWrapper}).
 * A listener gets either in one call, {@link SmtpServer.Builder#tls}:
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.of(DevCertificates.ensure(dir, List.of("mx.exemple.com"), KeyAlgorithm.EC_P256).server());
 * ServerConfig config = ServerConfig.defaults("mx.exemple.com");
 * SmtpServer plain = SmtpServer.builder(config).listen(port25).tls(tls.startTls(ServerTlsPolicy.OPTIONAL)).start();
 * SmtpServer implicit = SmtpServer.builder(config).listen(port465).tls(tls.implicitTls()).start();
 * }</pre>
 *
 * <p>Every handshake has its own time limit ({@link TlsProtocols#DEFAULT_HANDSHAKE_TIMEOUT}): a client
 * that says STARTTLS and then nothing is cut off, and only its own connection is affected. A failed
 * handshake closes that connection; the listener goes on serving the others.
 */
public final class ServerTls implements TlsUpgrade {

    private final SSLSocketFactory factory;
    private final Duration handshakeTimeout;

    private ServerTls(SSLSocketFactory factory, Duration handshakeTimeout) {
        this.factory = factory;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** A server presenting this certificate chain and key, with the default handshake time limit. */
    public static ServerTls of(KeyMaterial material) {
        Objects.requireNonNull(material, "material");
        try {
            SSLContext context = SslContexts.server(material.chain(), material.privateKey());
            return new ServerTls(context.getSocketFactory(), TlsProtocols.DEFAULT_HANDSHAKE_TIMEOUT);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("JSSE refuses this key material: " + e.getMessage(), e);
        }
    }

    /** The same server with another time limit for each handshake. */
    public ServerTls withHandshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the handshake timeout must be positive and below 24 days: " + timeout);
        }
        return new ServerTls(factory, timeout);
    }

    /**
     * For {@link SmtpServer.Builder#tls}: STARTTLS offered under {@code policy} (the engine's
     * {@link StartTlsExtension}) together with this handshake behind it (RFC 3207).
     */
    public ListenerTls.StartTls startTls(ServerTlsPolicy policy) {
        return new ListenerTls.StartTls(new StartTlsExtension(policy, true), this);
    }

    /**
     * For {@link SmtpServer.Builder#tls}: TLS from the first byte, then the greeting (RFC 8314 §3). The
     * STARTTLS extension comes along so that a STARTTLS on this listener hears that TLS is already active.
     */
    public ListenerTls.Implicit implicitTls() {
        return new ListenerTls.Implicit(new StartTlsExtension(ServerTlsPolicy.REQUIRED, true), accepted -> {
            Upgraded upgraded = upgrade(accepted);
            return new SmtpServer.SocketWrapper.Wrapped(upgraded.socket(), upgraded.info());
        });
    }

    /**
     * Layers TLS in server mode over {@code plain} (RFC 3207 §4: after the 220) and completes the handshake
     * within the time limit. On failure the connection is closed and the exception says why.
     */
    @Override
    public Upgraded upgrade(Socket plain) throws IOException {
        int idleTimeout = plain.getSoTimeout();
        try {
            plain.setSoTimeout(Math.toIntExact(handshakeTimeout.toMillis()));
            SSLSocket tls = (SSLSocket) factory.createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            tls.setUseClientMode(false);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(TlsProtocols.enabled());
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            tls.setSoTimeout(idleTimeout);
            return new Upgraded(tls, new TlsInfo(tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), Optional.empty()));
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw new SSLException("TLS handshake with " + plain.getRemoteSocketAddress() + " not finished within " + handshakeTimeout, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain);   // the TCP connection, not a close_notify: the peer may not be listening
            throw e instanceof IOException io ? io : new SSLException("TLS handshake failed: " + e, e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is being dropped either way
        }
    }
}
