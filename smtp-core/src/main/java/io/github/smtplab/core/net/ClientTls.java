package io.github.smtplab.core.net;

import java.io.IOException;
import java.net.Socket;

/**
 * The client side of a TLS handshake, for STARTTLS (RFC 3207) and implicit TLS (RFC 8314 §3). smtp-core
 * knows nothing of TLS; smtp-tls provides the implementation on JSSE.
 */
@FunctionalInterface
public interface ClientTls {

    /**
     * Performs the handshake over {@code plain}.
     *
     * @param serverName the name the client connected to: sent as SNI and, when {@code verify}, checked
     *                   against the certificate (RFC 6125 host name verification)
     * @param verify     check the chain and the host name; opportunistic TLS does not (RFC 7435)
     */
    TlsUpgrade.Upgraded handshake(Socket plain, String serverName, boolean verify) throws IOException;
}
