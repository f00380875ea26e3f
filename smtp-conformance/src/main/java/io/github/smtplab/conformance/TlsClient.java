package io.github.smtplab.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The suite's TLS client on plain JSSE: trusts the CA of {@code --trust}, or, without it, any certificate
 * (the suite judges the SMTP dialogue, not the certificate; a note in the transcript says so).
 */
final class TlsClient {

    private final SSLContext context;
    private final boolean verifying;

    private TlsClient(SSLContext context, boolean verifying) {
        this.context = context;
        this.verifying = verifying;
    }

    /** A client that trusts the certificates of the PEM file, or any certificate when empty. */
    static TlsClient trusting(Optional<Path> caPem) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (caPem.isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(caPem.get())) {
                    int n = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca" + n++, c);
                    }
                    if (n == 0) {
                        throw new IOException("no certificate in " + caPem.get());
                    }
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                context.init(null, factory.getTrustManagers(), new SecureRandom());
            } else {
                context.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            }
            return new TlsClient(context, caPem.isPresent());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Whether the server's certificate is checked. */
    boolean verifying() {
        return verifying;
    }

    /** Starts TLS on an open connection (after a 220 to STARTTLS, or at once for implicit TLS). */
    SSLSocket handshake(Socket plain, String host, int port, int timeoutMillis) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        tls.setUseClientMode(true);
        if (verifying) {
            var parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");   // the certificate must name the host (RFC 6125)
            tls.setSSLParameters(parameters);
        }
        tls.setSoTimeout(Math.max(1, timeoutMillis));
        tls.startHandshake();
        return tls;
    }

    /** Accepts every certificate: used only without --trust, and said so in the transcript. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
