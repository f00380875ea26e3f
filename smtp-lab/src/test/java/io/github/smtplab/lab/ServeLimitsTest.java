package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import io.github.smtplab.testkit.TrustingAnyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve}'s limits through the command line: the recipient list (550 5.1.1, RFC 5321 §3.3), the
 * connection limit on the implicit-TLS listener (RFC 8314), the timeouts' minimums, the expired
 * certificate warning.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServeLimitsTest {

    @TempDir
    Path dir;

    /** A running {@code serve} in this process, stopped by close(). */
    private final class Serving implements AutoCloseable {
        final ServeCommand serve = new ServeCommand();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final Thread thread;

        Serving(String... args) throws InterruptedException {
            CommandLine cli = new CommandLine(serve);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            thread = Thread.ofVirtual().start(() -> cli.execute(args));
            boolean implicit = List.of(args).contains("--implicit-tls-listen");
            while (serve.boundAddress == null || (implicit && serve.boundImplicitAddress == null)) {
                assertThat(thread.isAlive()).as(out + " " + err).isTrue();
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            serve.stop.countDown();
            thread.join(10_000);
        }
    }

    private static String send(InetSocketAddress server, String to) {
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("send", "--server", "127.0.0.1:" + server.getPort(),
                "--from", "alice@monentreprise.fr", "--to", to, "--text", "hello", "--timeout", "10", "--transcript");
        return run.exitCode() + " " + run.out() + run.err();
    }

    /** Item 5 of issue 18: with --recipients, a made-up local part gets 550 5.1.1 and no Maildir. */
    @Test
    void onlyListedRecipientsGetAMaildir() throws Exception {
        Path list = dir.resolve("recipients.txt");
        Files.writeString(list, "# exemple.com\nbob@exemple.com\ncharlie@exemple.com\n");
        Path maildir = dir.resolve("maildir");
        try (Serving s = new Serving("--listen", "127.0.0.1:0", "--domain", "exemple.com", "--maildir", maildir.toString(),
                "--recipients", list.toString())) {
            assertThat(send(s.serve.boundAddress, "bob@exemple.com")).startsWith("0 ");
            assertThat(send(s.serve.boundAddress, "x7f3k@exemple.com")).contains("550 5.1.1 Mailbox unavailable");
            assertThat(s.out.toString()).doesNotContain("catch-all");
        }
        assertThat(Files.exists(maildir.resolve("bob@exemple.com").resolve("new"))).isTrue();
        assertThat(Files.exists(maildir.resolve("x7f3k@exemple.com"))).isFalse();
    }

    /**
     * Item 5: a catch-all only when asked for. With none of --recipients, --users, --catch-all, serve does not
     * start (exit 2, and the message names the three); --catch-all accepts a made-up local part and says so;
     * --users alone makes its users' addresses the mailboxes.
     */
    @Test
    void aCatchAllOnlyWhenAskedFor() throws Exception {
        ServeAndSendTest.Run nobody = ServeAndSendTest.smtplab("serve", "--listen", "127.0.0.1:0", "--domain", "exemple.com",
                "--maildir", dir.resolve("m0").toString());
        assertThat(nobody.exitCode()).isEqualTo(Main.USAGE);
        assertThat(nobody.err()).contains("say who receives mail for exemple.com", "--recipients FILE", "--users FILE", "--catch-all");
        assertThat(Files.exists(dir.resolve("m0"))).isFalse();

        try (Serving s = new Serving("--listen", "127.0.0.1:0", "--domain", "exemple.com", "--maildir", dir.resolve("m2").toString(),
                "--catch-all")) {
            assertThat(send(s.serve.boundAddress, "x7f3k@exemple.com")).startsWith("0 ");
            assertThat(s.out.toString()).contains("--catch-all: every local part of exemple.com is accepted");
        }

        Path users = dir.resolve("users.txt");
        io.github.smtplab.auth.sasl.UsersFile.empty()
                .with(io.github.smtplab.auth.sasl.UserCredentials.create("bob@exemple.com", "s3cret-pass", 4096, false)).write(users);
        Path maildir = dir.resolve("m3");
        try (Serving s = new Serving("--listen", "127.0.0.1:0", "--domain", "exemple.com", "--maildir", maildir.toString(),
                "--users", users.toString())) {
            assertThat(send(s.serve.boundAddress, "bob@exemple.com")).startsWith("0 ");
            assertThat(send(s.serve.boundAddress, "x7f3k@exemple.com")).contains("550 5.1.1 Mailbox unavailable");
            assertThat(send(s.serve.boundAddress, "postmaster@exemple.com")).startsWith("0 ");   // RFC 5321 section 4.5.1
        }
        assertThat(Files.exists(maildir.resolve("x7f3k@exemple.com"))).isFalse();
    }

    /**
     * Item 6: the implicit-TLS listener honours --max-connections-per-address: of 8 connections, 3 are
     * greeted; the count is shared with the plain listener.
     */
    @Test
    void theImplicitTlsListenerHonoursThePerAddressLimit() throws Exception {
        List<Socket> open = new ArrayList<>();
        int greeted = 0;
        try (Serving s = new Serving("--catch-all", "--listen", "127.0.0.1:0", "--domain", "exemple.com", "--maildir", dir.resolve("m").toString(),
                "--dev-cert", dir.resolve("certs").toString(), "--implicit-tls-listen", "127.0.0.1:0",
                "--max-connections-per-address", "3")) {
            SSLContext context = TrustingAnyServer.context();   // the certificate is not what is tested
            for (int i = 0; i < 8; i++) {
                Socket plain = new Socket();
                open.add(plain);
                plain.connect(s.serve.boundImplicitAddress, 5000);
                plain.setSoTimeout(10_000);
                try {
                    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
                    tls.startHandshake();
                    if (firstLine(tls.getInputStream()).startsWith("220 ")) {
                        greeted++;
                    }
                } catch (IOException refused) {
                    // over the limit: closed before any handshake
                }
            }
            // the plain listener shares the count: the address has used its 3 places
            Socket plain = new Socket();
            open.add(plain);
            plain.connect(s.serve.boundAddress, 5000);
            plain.setSoTimeout(10_000);
            assertThat(firstLine(plain.getInputStream())).startsWith("421 ");
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
        assertThat(greeted).isEqualTo(3);
    }

    /** Item 12: --idle-timeout below RFC 5321 §4.5.3.2.7's 5 minutes, or a --data-timeout below a minute, is a usage error. */
    @Test
    void timeoutsBelowTheirMinimumAreUsageErrors() {
        ServeAndSendTest.Run idle = ServeAndSendTest.smtplab("serve", "--domain", "exemple.com", "--listen", "127.0.0.1:0",
                "--maildir", dir.toString(), "--idle-timeout", "10");
        assertThat(idle.exitCode()).isEqualTo(Main.USAGE);
        assertThat(idle.err()).contains("--idle-timeout is at least 300 seconds");
        ServeAndSendTest.Run data = ServeAndSendTest.smtplab("serve", "--domain", "exemple.com", "--listen", "127.0.0.1:0",
                "--maildir", dir.toString(), "--data-timeout", "5");
        assertThat(data.exitCode()).isEqualTo(Main.USAGE);
        assertThat(data.err()).contains("--data-timeout is at least 60 seconds");
    }

    /** Issue 17: the nio shell has no TLS yet; asking for both is a usage error that says so. */
    @Test
    void tlsOnTheNioShellIsAUsageError() {
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("serve", "--domain", "exemple.com", "--listen", "127.0.0.1:0",
                "--maildir", dir.toString(), "--catch-all", "--io", "nio", "--dev-cert", dir.resolve("certs").toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("TLS").contains("threads-only");
    }

    /** Item 12: an expired certificate still loads (RFC 7435 peers may use it) but stderr says so. */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void anExpiredCertificateLoadsWithAWarning() throws Exception {
        Path key = dir.resolve("key.pem");
        Path csr = dir.resolve("req.pem");
        Path cert = dir.resolve("cert.pem");
        Duration within = Duration.ofSeconds(30);
        assertThat(PeerProcess.run(List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=mx.exemple.com"), within).exitCode()).isZero();
        // -days -1: notAfter is a day before notBefore, so the certificate has already expired
        assertThat(PeerProcess.run(List.of("openssl", "x509", "-req", "-in", csr.toString(), "-signkey", key.toString(),
                "-days", "-1", "-out", cert.toString()), within).exitCode()).isZero();
        try (Serving s = new Serving("--catch-all", "--listen", "127.0.0.1:0", "--domain", "exemple.com", "--maildir", dir.resolve("m").toString(),
                "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            assertThat(s.serve.boundAddress).isNotNull();
            assertThat(s.err.toString()).contains("warning: --tls-cert: the certificate CN=mx.exemple.com expired on");
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.append((char) b);
        }
        return line.toString();
    }
}
