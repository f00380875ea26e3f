package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the server sees of the client's Server Name Indication (RFC 6066 §3). */
@Timeout(30)
class SniTest {

    /** The names the server was asked for when a verifying client connects as {@code serverName}. */
    private static List<SNIServerName> requestedNames(String serverName) throws Exception {
        ServerTls tls = ServerTls.of(TlsTestSupport.DEV.server());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<SNIServerName>> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    SSLSocket secure = (SSLSocket) tls.upgrade(accepted).socket();
                    List<SNIServerName> names = ((ExtendedSSLSession) secure.getSession()).getRequestedServerNames();
                    secure.close();
                    return names;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 5000);
                plain.setSoTimeout(10_000);
                JsseClientTls.trusting(List.of(TlsTestSupport.DEV.ca())).handshake(plain, serverName, true).socket().close();
            }
            return seen.get(10, TimeUnit.SECONDS);
        }
    }

    /** A host name is sent as SNI, in lower case (RFC 6066 §3: "HostName" is a DNS host name). */
    @Test
    void hostNamesAreSent() throws Exception {
        assertThat(requestedNames("MX.exemple.com")).containsExactly(new SNIHostName("mx.exemple.com"));
        assertThat(requestedNames("localhost")).containsExactly(new SNIHostName("localhost"));
    }

    /** RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName". */
    @Test
    void ipLiteralsAreNotSent() throws Exception {
        assertThat(requestedNames("127.0.0.1")).isEmpty();
    }
}
