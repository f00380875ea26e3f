package io.github.smtplab.tls;

import io.github.smtplab.core.TlsInfo;
import io.github.smtplab.core.net.ClientTls;
import io.github.smtplab.core.net.TlsUpgrade;
import io.github.smtplab.tls.internal.HostNames;
import io.github.smtplab.tls.internal.PeerNames;
import io.github.smtplab.tls.internal.SslContexts;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The client side of TLS on JSSE, for the smtp-core {@code SmtpClient} (STARTTLS, RFC 3207, and implicit
 * TLS, RFC 8314 §3).
 *
 * <ul>
 *   <li>TLS 1.3 and 1.2 only ({@link TlsProtocols#ENABLED}), the JDK's default cipher suites;</li>
 *   <li>SNI with the server's host name, never with an IP literal (RFC 6066 §3);</li>
 *   <li>when verifying (policies REQUIRED and IMPLICIT): the chain must lead to a trusted CA (the
 *       {@code --trust} PEM file, or the JDK's trust store) and the host name or IP address must be in the
 *       certificate (endpoint identification, RFC 6125 §6; RFC 7817 for mail);</li>
 *   <li>when not verifying (OPPORTUNISTIC, RFC 7435): any certificate is accepted, and the transcript
 *       says "not verified".</li>
 * </ul>
 */
public final class JsseClientTls implements ClientTls {

    private final SSLContext verifying;
    private final SSLContext opportunistic;

    private JsseClientTls(SSLContext verifying, SSLContext opportunistic) {
        this.verifying = verifying;
        this.opportunistic = opportunistic;
    }

    /** Trusts the JDK's default CAs (the {@code cacerts} store). */
    public static JsseClientTls systemTrust() {
        return trusting(List.of());
    }

    /** Trusts only these CA certificates (an empty list means the JDK's default CAs). */
    public static JsseClientTls trusting(List<X509Certificate> anchors) {
        try {
            return new JsseClientTls(SslContexts.client(anchors), SslContexts.trustingAnything());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("JSSE refuses these trust anchors: " + e.getMessage(), e);
        }
    }

    /** Trusts only the CA certificates in a PEM file, e.g. the {@code ca.pem} of {@link DevCertificates}. */
    public static JsseClientTls trusting(Path caPem) throws IOException {
        if (Files.size(caPem) > PemKeyMaterial.MAX_PEM_OCTETS) {
            throw new IOException(caPem + ": larger than " + PemKeyMaterial.MAX_PEM_OCTETS + " octets");
        }
        List<X509Certificate> anchors;
        try {
            anchors = PemKeyMaterial.certificates(Files.readString(caPem, StandardCharsets.ISO_8859_1));
        } catch (CertificateException | RuntimeException e) {
            throw new IOException(caPem + ": not a PEM certificate file: " + e.getMessage(), e);
        }
        if (anchors.isEmpty()) {
            throw new IOException(caPem + ": no CERTIFICATE block");
        }
        return trusting(anchors);
    }

    @Override
    public TlsUpgrade.Upgraded handshake(Socket plain, String serverName, boolean verify) throws IOException {
        SSLContext context = verify ? verifying : opportunistic;
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, HostNames.stripBrackets(serverName), plain.getPort(), true);
        tls.setUseClientMode(true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(TlsProtocols.enabled());
        Optional<String> sni = HostNames.sniName(serverName);
        parameters.setServerNames(sni.<List<javax.net.ssl.SNIServerName>>map(name -> List.of(new SNIHostName(name))).orElse(List.of()));
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");   // RFC 2818 §3.1 / RFC 6125 name checks
        }
        tls.setSSLParameters(parameters);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            closeQuietly(plain);
            SSLHandshakeException clear = new SSLHandshakeException("TLS handshake with " + serverName + " failed"
                    + (verify ? " (certificate or host name not trusted?)" : "") + ": " + e.getMessage());
            clear.initCause(e);
            throw clear;
        }
        return new TlsUpgrade.Upgraded(tls, new TlsInfo(tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), peer(tls)));
    }

    /** {@code CN=...} of the server's certificate, as the transcript shows it. */
    private static Optional<String> peer(SSLSocket tls) {
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(PeerNames.describe(leaf)) : Optional.empty();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return Optional.empty();
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
