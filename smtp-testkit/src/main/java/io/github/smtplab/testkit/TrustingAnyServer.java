package io.github.smtplab.testkit;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * For tests about something else than certificates (limits, deadlines): a TLS client context that accepts
 * any server certificate. Never for code that talks to a real network.
 */
public final class TrustingAnyServer implements X509TrustManager {

    /** A TLS client context with this trust manager. */
    public static SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingAnyServer()}, null);
        return context;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client context: client certificates are never checked here
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // accepted on purpose, see the class comment
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
