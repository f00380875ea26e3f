package io.github.smtplab.tls;

import static io.github.smtplab.tls.TlsTestSupport.MESSAGE;
import static io.github.smtplab.tls.TlsTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.SmtpProtocolException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.tls.TlsTestSupport.Events;
import io.github.smtplab.tls.TlsTestSupport.Lab;
import io.github.smtplab.tls.TlsTestSupport.RawPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our server and our client over loopback, with STARTTLS (RFC 3207) and implicit TLS (RFC 8314 §3). */
@Timeout(30)
class StartTlsSocketTest {

    private static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    private static final Mailbox BOB = new Mailbox("bob", "exemple.com");

    private static TransactionResult send(InetSocketAddress server, SmtpClient.Options options) throws Exception {
        try (SmtpClient client = SmtpClient.connect(server, options)) {
            TransactionResult result = client.send(ALICE, List.of(BOB), MESSAGE.getBytes(StandardCharsets.US_ASCII));
            client.quit();
            return result;
        }
    }

    /** RFC 3207 §4.2 and RFC 8314 §4.3: a required STARTTLS session delivers, and the Received field says ESMTPS with the TLS version and cipher. */
    @Test
    void requiredStartTlsDeliversAndTheReceivedFieldSaysSo() throws Exception {
        Events events = new Events();
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            TransactionResult result = send(lab.plainAddress(), client(ClientTlsPolicy.REQUIRED, events));
            assertThat(result.delivered()).isTrue();
            String stored = lab.delivery().messages().getFirst().text();
            assertThat(stored).containsPattern("with ESMTPS id").containsPattern("\\(TLSv1\\.3\\) tls TLS_");
        }
        assertThat(events.events).anySatisfy(e -> assertThat(e).matches("TLS TLSv1\\.3 TLS_\\S+, peer CN=mx\\.exemple\\.com, verified"));
    }

    /** RFC 8314 §3: on the implicit port, TLS comes first and the greeting inside it. */
    @Test
    void implicitTlsDelivers() throws Exception {
        Events events = new Events();
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            TransactionResult result = send(lab.implicitAddress(), client(ClientTlsPolicy.IMPLICIT, events));
            assertThat(result.delivered()).isTrue();
            assertThat(lab.delivery().messages().getFirst().text()).contains("with ESMTPS id");
        }
        assertThat(events.events).anySatisfy(e -> assertThat(e).startsWith("TLS TLSv1.3").endsWith(", verified"));
    }

    /** RFC 7435: opportunistic TLS accepts a certificate from an unknown CA, and says it did not verify it. */
    @Test
    void opportunisticAcceptsAnyCertificateAndSaysNotVerified() throws Exception {
        Events events = new Events();
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL, ServerTls.of(TlsTestSupport.STRANGER.server()))) {
            TransactionResult result = send(lab.plainAddress(), client(ClientTlsPolicy.OPPORTUNISTIC, events));
            assertThat(result.delivered()).isTrue();
        }
        assertThat(events.events).anySatisfy(e -> assertThat(e).startsWith("TLS TLSv1.3").endsWith(", not verified"));
    }

    /** RFC 3207 §4 (submission policy): MAIL before STARTTLS gets 530 5.7.0; after it, the same MAIL is accepted. */
    @Test
    void submissionRefusesMailBeforeStartTls() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.REQUIRED); RawPeer peer = new RawPeer(lab.plainAddress())) {
            assertThat(peer.reply()).last().asString().startsWith("220 ");
            peer.send("EHLO c.example\r\n");
            assertThat(peer.reply()).last().isEqualTo("250 STARTTLS");
            peer.send("MAIL FROM:<alice@monentreprise.fr>\r\n");
            assertThat(peer.reply()).containsExactly("530 5.7.0 Must issue a STARTTLS command first");
            peer.send("STARTTLS\r\n");
            assertThat(peer.reply()).containsExactly("220 2.0.0 Ready to start TLS");
            peer.startTls();
            peer.send("EHLO c.example\r\n");
            assertThat(peer.reply()).doesNotContain("250-STARTTLS", "250 STARTTLS");   // §4.2: not offered again
            peer.send("MAIL FROM:<alice@monentreprise.fr>\r\n");
            assertThat(peer.reply()).singleElement().asString().startsWith("250 ");
            peer.send("STARTTLS\r\n");
            assertThat(peer.reply()).singleElement().asString().startsWith("503 5.5.1");   // §4.2: once only
        }
    }

    /**
     * CVE-2011-0411 (RFC 3207 §4.2 requires discarding what came before TLS): "STARTTLS\r\nRSET\r\n" in one
     * write; the RSET must not be answered, inside TLS or out. The first reply inside TLS must be the
     * reply to the first command sent inside TLS (HELP, 214).
     */
    @Test
    void serverIgnoresCommandsInjectedBeforeTheHandshake() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL); RawPeer peer = new RawPeer(lab.plainAddress())) {
            peer.reply();
            peer.send("EHLO c.example\r\n");
            peer.reply();
            peer.send("STARTTLS\r\nRSET\r\n");
            assertThat(peer.reply()).containsExactly("220 2.0.0 Ready to start TLS");
            peer.startTls();
            peer.send("HELP\r\n");
            assertThat(peer.reply()).last().asString().startsWith("214");
            // §4.2: the session is back at the greeting state, so MAIL needs a new EHLO first
            peer.send("MAIL FROM:<alice@monentreprise.fr>\r\n");
            assertThat(peer.reply()).singleElement().asString().startsWith("503");
        }
    }

    /** A client trusting another CA fails clearly (no silent downgrade), and the server keeps serving others. */
    @Test
    void untrustedCertificateFailsTheClientAndTheServerServesOthers() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            SmtpClient.Options distrustful = client(ClientTlsPolicy.REQUIRED, new Events())
                    .withTls(ClientTlsPolicy.REQUIRED, JsseClientTls.trusting(List.of(TlsTestSupport.STRANGER.ca())));
            assertThatThrownBy(() -> send(lab.plainAddress(), distrustful))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("TLS handshake with 127.0.0.1 failed");
            SmtpClient.Options implicitDistrustful = distrustful.withTls(ClientTlsPolicy.IMPLICIT, distrustful.tls());
            assertThatThrownBy(() -> send(lab.implicitAddress(), implicitDistrustful)).isInstanceOf(SSLHandshakeException.class);

            assertThat(send(lab.plainAddress(), client(ClientTlsPolicy.REQUIRED, new Events())).delivered()).isTrue();
            assertThat(send(lab.implicitAddress(), client(ClientTlsPolicy.IMPLICIT, new Events())).delivered()).isTrue();
        }
    }

    /**
     * RFC 6125 §6 (endpoint identification): the certificate must name the host the client meant; the
     * development certificate names localhost, 127.0.0.1, ::1 and mx.exemple.com, not other.example.
     */
    @Test
    void hostNameMismatchFailsVerification() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            for (String name : List.of("localhost", "mx.exemple.com", "MX.Exemple.COM", "127.0.0.1")) {
                try (RawPeer peer = startTlsReady(lab)) {
                    var upgraded = JsseClientTls.trusting(List.of(TlsTestSupport.DEV.ca())).handshake(peer.socket, name, true);
                    assertThat(upgraded.info().peer()).contains("CN=mx.exemple.com");
                    upgraded.socket().close();
                }
            }
            try (RawPeer peer = startTlsReady(lab)) {
                assertThatThrownBy(() -> JsseClientTls.trusting(List.of(TlsTestSupport.DEV.ca())).handshake(peer.socket, "other.example", true))
                        .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("other.example");
            }
            // not verifying (opportunistic) accepts the same certificate under any name
            try (RawPeer peer = startTlsReady(lab)) {
                var upgraded = JsseClientTls.trusting(List.of(TlsTestSupport.DEV.ca())).handshake(peer.socket, "other.example", false);
                assertThat(upgraded.info().protocol()).isEqualTo("TLSv1.3");
                upgraded.socket().close();
            }
            // the server served all of them: a normal delivery still works
            assertThat(send(lab.plainAddress(), client(ClientTlsPolicy.REQUIRED, new Events())).delivered()).isTrue();
        }
    }

    /** A raw connection that has said EHLO and STARTTLS and got 220: the next bytes are the handshake. */
    private static RawPeer startTlsReady(Lab lab) throws IOException {
        RawPeer peer = new RawPeer(lab.plainAddress());
        peer.reply();
        peer.send("EHLO c.example\r\n");
        peer.reply();
        peer.send("STARTTLS\r\n");
        assertThat(peer.reply()).containsExactly("220 2.0.0 Ready to start TLS");
        return peer;
    }

    /** A client that starts TLS and never finishes the handshake is cut off; meanwhile others are served. */
    @Test
    void stalledHandshakeIsTimedOutWithoutDisturbingOthers() throws Exception {
        ServerTls impatient = ServerTls.of(TlsTestSupport.DEV.server()).withHandshakeTimeout(Duration.ofMillis(500));
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL, impatient);
             RawPeer stalled = new RawPeer(lab.plainAddress());
             RawPeer stalledImplicit = new RawPeer(lab.implicitAddress())) {
            stalled.reply();
            stalled.send("EHLO c.example\r\n");
            stalled.reply();
            stalled.send("STARTTLS\r\n");
            assertThat(stalled.reply()).containsExactly("220 2.0.0 Ready to start TLS");
            // no ClientHello ever comes: others are served meanwhile
            assertThat(send(lab.plainAddress(), client(ClientTlsPolicy.REQUIRED, new Events())).delivered()).isTrue();
            assertThat(readUntilClosed(stalled)).isTrue();
            assertThat(readUntilClosed(stalledImplicit)).isTrue();
        }
    }

    /** True when the server closed the connection (end of stream or reset) before our own read timeout. */
    private static boolean readUntilClosed(RawPeer peer) throws IOException {
        try {
            while (peer.in.read() >= 0) {
                // whatever the server sends before closing (a TLS alert at most) is skipped
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** RFC 3207 §4: a client requiring TLS fails when the server does not offer STARTTLS at all. */
    @Test
    void requiredFailsAgainstAServerWithoutStartTls() throws Exception {
        var config = io.github.smtplab.core.ServerConfig.defaults("mx.exemple.com");
        try (var server = io.github.smtplab.core.net.SmtpServer.builder(config).listen(new InetSocketAddress("127.0.0.1", 0))
                .idleTimeout(TlsTestSupport.TEST_TIMEOUT).shutdownGrace(Duration.ofSeconds(1)).start()) {
            assertThatThrownBy(() -> send(server.address(), client(ClientTlsPolicy.REQUIRED, new Events())))
                    .isInstanceOf(SmtpProtocolException.class)
                    .hasMessageContaining("does not offer STARTTLS");
        }
    }

    /** RFC 3207 §4: 454 4.7.0 when the server cannot set TLS up. */
    @Test
    void unavailableTlsGets454() throws Exception {
        var config = io.github.smtplab.core.ServerConfig.defaults("mx.exemple.com")
                .withServerExtensions(List.of(new StartTlsExtension(ServerTlsPolicy.OPTIONAL, false)));
        try (var server = io.github.smtplab.core.net.SmtpServer.builder(config).listen(new InetSocketAddress("127.0.0.1", 0))
                .idleTimeout(TlsTestSupport.TEST_TIMEOUT).shutdownGrace(Duration.ofSeconds(1)).start();
             RawPeer peer = new RawPeer(server.address())) {
            peer.reply();
            peer.send("EHLO c.example\r\n");
            peer.reply();
            peer.send("STARTTLS\r\n");
            assertThat(peer.reply()).containsExactly("454 4.7.0 TLS not available due to temporary reason");
            Events events = new Events();
            assertThatThrownBy(() -> send(server.address(), client(ClientTlsPolicy.REQUIRED, events)))
                    .isInstanceOf(SmtpProtocolException.class).hasMessageContaining("454");
            try (SmtpClient opportunistic = SmtpClient.connect(server.address(), client(ClientTlsPolicy.OPPORTUNISTIC, events))) {
                assertThat(opportunistic.tls()).isEmpty();
                opportunistic.quit();
            }
            assertThat(events.events).anySatisfy(e -> assertThat(e).startsWith("STARTTLS refused, continuing without TLS: 454"));
        }
    }
}
