package io.github.smtplab.tls;

import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Servers and clients on loopback for the TLS tests, with development certificates made once per JVM. */
final class TlsTestSupport {

    private TlsTestSupport() {}

    /** Every socket read in these tests gives up after this long. */
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

    /** One EC P-256 development CA and server certificate (fast to make), shared by the tests. */
    static final IssuedCertificates DEV = DevCertificates.generate(List.of("mx.exemple.com"), KeyAlgorithm.EC_P256);
    /** Another CA nobody trusts: its certificates must be refused. */
    static final IssuedCertificates STRANGER = DevCertificates.generate(List.of("mx.exemple.com"), KeyAlgorithm.EC_P256);

    /** A running server: its plain (STARTTLS) listener, its implicit-TLS listener and what it received. */
    record Lab(SmtpServer plain, SmtpServer implicit, InMemoryDelivery delivery) implements AutoCloseable {
        InetSocketAddress plainAddress() {
            return plain.address();
        }

        InetSocketAddress implicitAddress() {
            return implicit.address();
        }

        @Override
        public void close() {
            plain.close();
            implicit.close();
        }
    }

    /** An MX for exemple.com offering STARTTLS under {@code policy}, and an implicit-TLS listener beside it. */
    static Lab lab(ServerTlsPolicy policy, ServerTls tls) throws IOException {
        ServerConfig config = ServerConfig.defaults("mx.exemple.com");
        InMemoryDelivery delivery = new InMemoryDelivery("mx.exemple.com");
        RoleHooks hooks = new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false);
        SmtpServer plain = SmtpServer.builder(config).listen(new InetSocketAddress("127.0.0.1", 0)).hooks(hooks)
                .idleTimeout(TEST_TIMEOUT).shutdownGrace(Duration.ofSeconds(1)).tls(tls.startTls(policy)).start();
        SmtpServer implicit = SmtpServer.builder(config).listen(new InetSocketAddress("127.0.0.1", 0)).hooks(hooks)
                .idleTimeout(TEST_TIMEOUT).shutdownGrace(Duration.ofSeconds(1)).tls(tls.implicitTls()).start();
        return new Lab(plain, implicit, delivery);
    }

    static Lab lab(ServerTlsPolicy policy) throws IOException {
        return lab(policy, ServerTls.of(DEV.server()));
    }

    /** Client options with short timeouts, the given TLS policy, trusting the development CA. */
    static SmtpClient.Options client(ClientTlsPolicy policy, TranscriptListener transcript) {
        return SmtpClient.Options.defaults("client.monentreprise.fr")
                .withTimeouts(TEST_TIMEOUT, TEST_TIMEOUT, TEST_TIMEOUT)
                .withTranscript(transcript)
                .withTls(policy, JsseClientTls.trusting(List.of(DEV.ca())));
    }

    static final String MESSAGE = "From: alice@monentreprise.fr\r\nTo: bob@exemple.com\r\nSubject: TLS\r\n\r\nHello over TLS.\r\n";

    /** Collects transcript events. */
    static final class Events implements TranscriptListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void event(String description) {
            events.add(description);
        }
    }

    /** A raw TCP peer writing exactly what it is told: for hostile-client tests. */
    static final class RawPeer implements AutoCloseable {
        Socket socket;
        InputStream in;
        OutputStream out;

        RawPeer(InetSocketAddress server) throws IOException {
            socket = new Socket();
            socket.connect(server, Math.toIntExact(TEST_TIMEOUT.toMillis()));
            socket.setSoTimeout(Math.toIntExact(TEST_TIMEOUT.toMillis()));
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Replaces the connection with a TLS one (trusting the development CA). */
        void startTls() throws IOException {
            var upgraded = JsseClientTls.trusting(List.of(DEV.ca())).handshake(socket, "127.0.0.1", true);
            socket = upgraded.socket();
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** One reply line (up to LF), or null at the end of the stream. */
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.US_ASCII).stripTrailing();
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
        }

        /** The lines of one whole reply (RFC 5321 §4.2.1: "NNN-" lines, then "NNN "). */
        List<String> reply() throws IOException {
            List<String> lines = new java.util.ArrayList<>();
            for (String line; (line = line()) != null; ) {
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    break;
                }
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
