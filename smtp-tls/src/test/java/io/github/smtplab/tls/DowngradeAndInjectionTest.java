package io.github.smtplab.tls;

import static io.github.smtplab.tls.TlsTestSupport.MESSAGE;
import static io.github.smtplab.tls.TlsTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.SmtpProtocolException;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.tls.TlsTestSupport.Events;
import io.github.smtplab.tls.TlsTestSupport.Lab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Active attacks on STARTTLS: stripping the offer (RFC 3207 §6) and injecting plain text before the handshake. */
@Timeout(30)
class DowngradeAndInjectionTest {

    /** RFC 3207 §6 and RFC 8314 §5: a client requiring TLS refuses to go on when the offer was stripped. */
    @Test
    void requiredFailsWhenStartTlsIsStripped() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL); StripStartTlsRelay relay = new StripStartTlsRelay(lab.plainAddress())) {
            assertThatThrownBy(() -> SmtpClient.connect(relay.address(), client(ClientTlsPolicy.REQUIRED, new Events())))
                    .isInstanceOf(SmtpProtocolException.class)
                    .hasMessageContaining("does not offer STARTTLS")
                    .hasMessageContaining("no fallback to plain text");
            assertThat(lab.delivery().messages()).isEmpty();
        }
    }

    /** RFC 7435 §1.3: opportunistic goes on in clear when no offer is seen; no TLS is reported, and the Received field says ESMTP. */
    @Test
    void opportunisticGoesOnInClearWhenStartTlsIsStripped() throws Exception {
        Events events = new Events();
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL); StripStartTlsRelay relay = new StripStartTlsRelay(lab.plainAddress())) {
            try (SmtpClient client = SmtpClient.connect(relay.address(), client(ClientTlsPolicy.OPPORTUNISTIC, events))) {
                assertThat(client.tls()).isEmpty();
                assertThat(client.capabilities().offers("STARTTLS")).isFalse();
                assertThat(client.send(new Mailbox("alice", "monentreprise.fr"), List.of(new Mailbox("bob", "exemple.com")),
                        MESSAGE.getBytes(StandardCharsets.US_ASCII)).delivered()).isTrue();
                client.quit();
            }
            assertThat(lab.delivery().messages().getFirst().text()).contains("with ESMTP id").doesNotContain("ESMTPS");
        }
        assertThat(events.events).noneMatch(e -> e.startsWith("TLS "));
    }

    /**
     * The client-side injection (the mirror of CVE-2011-0411): a server (or an attacker in front of it)
     * sends a fake EHLO reply right after the 220 to STARTTLS, in the same write. The client must not read
     * it as the reply to its EHLO inside TLS (RFC 3207 §4.2): it must use only what comes inside TLS.
     */
    @Test
    void clientIgnoresRepliesInjectedBeforeTheHandshake() throws Exception {
        ServerTls tls = ServerTls.of(TlsTestSupport.DEV.server());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> seenInsideTls = CompletableFuture.supplyAsync(() -> fakeServer(listener, tls));
            try (SmtpClient client = SmtpClient.connect(new java.net.InetSocketAddress("127.0.0.1", listener.getLocalPort()),
                    client(ClientTlsPolicy.REQUIRED, new Events()))) {
                assertThat(client.tls()).isPresent();
                assertThat(client.capabilities().offers("INJECTED")).isFalse();
                assertThat(client.capabilities().offers("SIZE")).isTrue();
                client.quit();
            }
            assertThat(seenInsideTls.get(10, TimeUnit.SECONDS)).first().asString().startsWith("EHLO ");
        }
    }

    /** A scripted server that injects plain text after its 220 to STARTTLS; returns the lines it read inside TLS. */
    private static List<String> fakeServer(ServerSocket listener, ServerTls tls) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(Math.toIntExact(TlsTestSupport.TEST_TIMEOUT.toMillis()));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write("220 fake.exemple.com ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();                                            // EHLO
            out.write("250-fake.exemple.com\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();                                            // STARTTLS
            out.write("220 2.0.0 Go ahead\r\n250-fake.exemple.com\r\n250 INJECTED\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Socket secure = tls.upgrade(socket).socket();
            BufferedReader tlsIn = new BufferedReader(new InputStreamReader(secure.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream tlsOut = secure.getOutputStream();
            List<String> seen = new java.util.ArrayList<>();
            String ehlo = tlsIn.readLine();
            seen.add(ehlo);
            tlsOut.write("250-fake.exemple.com\r\n250 SIZE 1000\r\n".getBytes(StandardCharsets.US_ASCII));
            tlsOut.flush();
            seen.add(tlsIn.readLine());                               // QUIT
            tlsOut.write("221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII));
            tlsOut.flush();
            return seen;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
