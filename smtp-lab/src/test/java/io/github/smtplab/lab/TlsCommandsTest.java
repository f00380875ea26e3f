package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --dev-cert --implicit-tls-listen --require-tls} and {@code send --tls --trust}, in-process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsCommandsTest {

    @TempDir
    Path dir;

    private static ServeAndSendTest.Run smtplab(String... args) {
        return ServeAndSendTest.smtplab(args);
    }

    private static String[] send(InetSocketAddress server, String... tlsArgs) {
        String[] base = {"send", "--server", "localhost:" + server.getPort(), "--from", "alice@monentreprise.fr",
                "--to", "bob@exemple.com", "--text", "hello over TLS", "--timeout", "10", "--transcript"};
        String[] all = java.util.Arrays.copyOf(base, base.length + tlsArgs.length);
        System.arraycopy(tlsArgs, 0, all, base.length, tlsArgs.length);
        return all;
    }

    /**
     * RFC 3207 §4 and RFC 8314 §3 through the command line: the MX requires STARTTLS before MAIL
     * (--require-tls), offers implicit TLS on a second port; the client verifies with --trust ca.pem.
     */
    @Test
    void serveWithDevCertificatesAndSendOverBothPorts() throws Exception {
        ServeCommand serve = new ServeCommand();
        StringWriter serveOut = new StringWriter();
        CommandLine cli = new CommandLine(serve);
        cli.setOut(new PrintWriter(serveOut, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        Path certs = dir.resolve("certs");
        Thread server = Thread.ofVirtual().start(() -> cli.execute("--catch-all", "--listen", "127.0.0.1:0", "--domain", "exemple.com",
                "--maildir", dir.resolve("maildir").toString(), "--dev-cert", certs.toString(),
                "--implicit-tls-listen", "127.0.0.1:0", "--require-tls"));
        while (serve.boundImplicitAddress == null) {
            Thread.sleep(20);
        }
        String ca = certs.resolve("ca.pem").toString();
        try {
            ServeAndSendTest.Run clear = smtplab(send(serve.boundAddress, "--tls", "none"));
            assertThat(clear.exitCode()).as(clear.out() + clear.err()).isNotEqualTo(Main.OK);
            assertThat(clear.out() + clear.err()).contains("530 5.7.0 Must issue a STARTTLS command first");

            ServeAndSendTest.Run required = smtplab(send(serve.boundAddress, "--tls", "required", "--trust", ca));
            assertThat(required.exitCode()).as(required.out() + required.err()).isEqualTo(Main.OK);
            assertThat(required.out()).containsPattern("TLS TLSv1\\.[23] \\S+, peer CN=mx\\.exemple\\.com, verified");

            ServeAndSendTest.Run implicit = smtplab(send(serve.boundImplicitAddress, "--tls", "implicit", "--trust", ca));
            assertThat(implicit.exitCode()).as(implicit.out() + implicit.err()).isEqualTo(Main.OK);

            // the JDK's default CAs do not know the development CA: a clear failure, no fallback
            ServeAndSendTest.Run untrusted = smtplab(send(serve.boundAddress, "--tls", "required"));
            assertThat(untrusted.exitCode()).isEqualTo(Main.FAILED);
            assertThat(untrusted.err()).contains("TLS handshake with localhost failed");
        } finally {
            serve.stop.countDown();
            server.join(10_000);
        }
        assertThat(serveOut.toString()).contains("STARTTLS required before MAIL", "implicit TLS on", certs.resolve("ca.pem").toString());
    }

    /** Flags that do not go together are usage errors with one clear line. */
    @Test
    void inconsistentTlsFlagsAreUsageErrors() {
        ServeAndSendTest.Run keyWithoutCert = smtplab("serve", "--catch-all", "--domain", "exemple.com", "--tls-key", "k.pem");
        assertThat(keyWithoutCert.exitCode()).isEqualTo(Main.USAGE);
        assertThat(keyWithoutCert.err()).contains("--tls-cert");
        ServeAndSendTest.Run implicitWithoutKeys = smtplab("serve", "--catch-all", "--domain", "exemple.com", "--implicit-tls-listen", "127.0.0.1:0");
        assertThat(implicitWithoutKeys.exitCode()).isEqualTo(Main.USAGE);
        ServeAndSendTest.Run trustWithoutTls = smtplab("send", "--from", "a@b.example", "--to", "c@d.example", "--text", "x", "--trust", "ca.pem");
        assertThat(trustWithoutTls.exitCode()).isEqualTo(Main.USAGE);
    }
}
