package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.ServerTimeouts;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.testkit.TrustingAnyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's deadlines over implicit TLS (RFC 8314): a client that pipelines without reading is dropped
 * at the write deadline there too (the watchdog closes the TCP connection under the TLS socket, whose own
 * close would wait behind the stuck write), and a client that never finishes its handshake is dropped at
 * the command-line deadline. No timing is asserted beyond the generous {@link Timeout}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsDeadlinesTest {

    private static SmtpServer implicitServer(ServerTimeouts timeouts) throws IOException {
        ServerTls tls = ServerTls.of(TlsTestSupport.DEV.server());
        InMemoryDelivery delivery = new InMemoryDelivery("mx.exemple.com");
        return SmtpServer.builder(ServerConfig.defaults("mx.exemple.com"))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false))
                .timeouts(timeouts).shutdownGrace(Duration.ofSeconds(1)).tls(tls.implicitTls()).start();
    }

    private static void waitUntilNoConnection(SmtpServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void aTlsClientThatNeverReadsIsDroppedAtTheWriteDeadline() throws Exception {
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS.withCommandLine(Duration.ofSeconds(20)).withWrite(Duration.ofMillis(800));
        try (SmtpServer server = implicitServer(timeouts); Socket plain = new Socket()) {
            plain.setReceiveBufferSize(4096);
            plain.connect(server.address(), 5000);
            SSLContext context = TrustingAnyServer.context();   // the certificate is not what is tested
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
            tls.startHandshake();
            byte[] noops = "NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<IOException> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    OutputStream out = tls.getOutputStream();
                    for (long sent = 0; sent < 1_000_000_000L; sent += noops.length) {
                        out.write(noops);
                    }
                    return null;
                } catch (IOException closedByServer) {
                    return closedByServer;
                }
            });
            assertThat(writer.get(60, TimeUnit.SECONDS)).as("the server closed the connection").isNotNull();
            waitUntilNoConnection(server);
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void aHandshakeThatNeverEndsMeetsTheDeadline() throws Exception {
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS.withCommandLine(Duration.ofMillis(800));
        try (SmtpServer server = implicitServer(timeouts); Socket plain = new Socket()) {
            plain.connect(server.address(), 5000);
            plain.setSoTimeout(30_000);
            // a TLS record header promising more than is ever sent, dripped slowly: the server gives up
            plain.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
            assertThat(plain.getInputStream().read()).isIn(-1, 0x15);   // closed, or a TLS alert first
            waitUntilNoConnection(server);
            assertThat(server.connectionCount()).isZero();
        }
    }
}
