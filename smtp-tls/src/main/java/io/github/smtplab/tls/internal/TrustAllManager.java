package io.github.smtplab.tls.internal;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate. Only for opportunistic TLS between MTAs (RFC 7435 §1.3, RFC 3207 §4.1:
 * an unauthenticated encrypted session still protects against passive eavesdroppers); the transcript says
 * "not verified" so nobody mistakes it for authentication.
 */
public final class TrustAllManager extends X509ExtendedTrustManager {

    /** The single instance: it has no state. */
    public static final TrustAllManager INSTANCE = new TrustAllManager();

    private TrustAllManager() {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // opportunistic: any certificate is accepted, and reported as not verified
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // opportunistic: any certificate is accepted, and reported as not verified
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // opportunistic: any certificate is accepted, and reported as not verified
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("this trust manager is for clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws java.security.cert.CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws java.security.cert.CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
