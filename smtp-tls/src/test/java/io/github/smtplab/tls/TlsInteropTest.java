package io.github.smtplab.tls;

import static io.github.smtplab.tls.TlsTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.SmtpProtocolException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import io.github.smtplab.tls.TlsTestSupport.Events;
import io.github.smtplab.tls.TlsTestSupport.Lab;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Independent TLS peers against our server and our client: OpenSSL's s_client, Python's smtplib and ssl, aiosmtpd. */
@Timeout(60)
class TlsInteropTest {

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path caPem() throws IOException {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, PemKeyMaterial.toPem(List.of(TlsTestSupport.DEV.ca())), StandardCharsets.US_ASCII);
        return ca;
    }

    /** Runs {@code command} with {@code input} on its standard input, bounded in time; returns its exit code and output. */
    private PeerProcess.Result run(List<String> command, String input) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), input, StandardCharsets.US_ASCII);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(in.toFile()).redirectOutput(out.toFile()).start();
        try {
            if (!process.waitFor(PEER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException(command.getFirst() + " did not finish: " + Files.readString(out));
            }
            return new PeerProcess.Result(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> sClient(InetSocketAddress server, Path ca, String... extra) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.getPort(),
                "-CAfile", ca.toString(), "-verify_return_error", "-verify_ip", "127.0.0.1", "-crlf", "-ign_eof"));
        command.addAll(List.of(extra));
        return command;
    }

    /** RFC 3207 with OpenSSL as the client: the chain verifies, and EHLO inside TLS gets 250 without STARTTLS. */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void opensslStartTls() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            PeerProcess.Result result = run(sClient(lab.plainAddress(), caPem(), "-starttls", "smtp"), "EHLO openssl.test\nQUIT\n");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Verify return code: 0 (ok)", "TLSv1.3", "250-mx.exemple.com", "221 2.0.0")
                    .doesNotContain("250 STARTTLS\r\n221");
            // TLS 1.2 is also offered (RFC 8314 §4.1: 1.2 or later)
            PeerProcess.Result tls12 = run(sClient(lab.plainAddress(), caPem(), "-starttls", "smtp", "-tls1_2"), "EHLO openssl.test\nQUIT\n");
            assertThat(tls12.exitCode()).as(tls12.output()).isZero();
            assertThat(tls12.output()).contains("Protocol  : TLSv1.2", "250-mx.exemple.com");
        }
    }

    /** RFC 8314 §3 with OpenSSL: TLS from the first byte on the implicit port, then the greeting. */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void opensslImplicitTls() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            PeerProcess.Result result = run(sClient(lab.implicitAddress(), caPem()), "EHLO openssl.test\nQUIT\n");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Verify return code: 0 (ok)", "220 mx.exemple.com", "250-mx.exemple.com", "221 2.0.0");
        }
    }

    /**
     * RFC 8446 §6.1: each party must send close_notify before closing its write side; OpenSSL 3 reports a
     * missing one as "unexpected eof".
     */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void closeNotifyAfterQuit() throws Exception {
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            PeerProcess.Result result = run(sClient(lab.implicitAddress(), caPem()), "EHLO openssl.test\nQUIT\n");
            assertThat(result.output()).contains("221 2.0.0").doesNotContain("unexpected eof");
            assertThat(result.exitCode()).isZero();
        }
    }

    /** An OpenSSL client trusting another CA fails; the server goes on serving (a second, trusting, client succeeds). */
    @Test
    @RequiresTool(value = "openssl", probe = {"openssl", "version"}, install = "Debian package openssl")
    void opensslWithTheWrongCaFailsAndTheServerServesOthers() throws Exception {
        Path stranger = Files.writeString(dir.resolve("stranger.pem"), PemKeyMaterial.toPem(List.of(TlsTestSupport.STRANGER.ca())));
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.OPTIONAL)) {
            PeerProcess.Result refused = run(sClient(lab.plainAddress(), stranger, "-starttls", "smtp"), "EHLO openssl.test\nQUIT\n");
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).containsIgnoringCase("verify error");
            PeerProcess.Result accepted = run(sClient(lab.plainAddress(), caPem(), "-starttls", "smtp"), "EHLO openssl.test\nQUIT\n");
            assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        }
    }

    /** Python's smtplib: starttls() on the plain port and SMTP_SSL on the implicit port, both verifying against the dev CA. */
    @Test
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib, ssl"}, install = "Debian package python3")
    void pythonSmtplibStartTlsAndSmtpSsl() throws Exception {
        Path script = Files.writeString(dir.resolve("send.py"), """
                import smtplib, ssl, sys
                port, ca, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
                ctx = ssl.create_default_context(cafile=ca)
                msg = "From: alice@monentreprise.fr\\r\\nTo: bob@exemple.com\\r\\nSubject: " + mode + "\\r\\n\\r\\nHello.\\r\\n"
                if mode == "starttls":
                    s = smtplib.SMTP("127.0.0.1", port, timeout=10)
                    s.ehlo("python.test")
                    s.starttls(context=ctx)
                    s.ehlo("python.test")
                    assert not s.has_extn("starttls"), "STARTTLS offered again inside TLS"
                else:
                    s = smtplib.SMTP_SSL("127.0.0.1", port, context=ctx, timeout=10)
                print("version", s.sock.version(), "cipher", s.sock.cipher()[0])
                s.sendmail("alice@monentreprise.fr", ["bob@exemple.com"], msg)
                s.quit()
                """);
        try (Lab lab = TlsTestSupport.lab(ServerTlsPolicy.REQUIRED)) {
            for (var target : List.of(List.of("starttls", lab.plainAddress()), List.of("ssl", lab.implicitAddress()))) {
                String mode = (String) target.get(0);
                int port = ((InetSocketAddress) target.get(1)).getPort();
                PeerProcess.Result result = PeerProcess.run(List.of("/usr/bin/python3", script.toString(), String.valueOf(port), caPem().toString(), mode), PEER_TIMEOUT);
                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).contains("version TLSv1.3");
            }
            assertThat(lab.delivery().messages()).hasSize(2);
            assertThat(lab.delivery().messages()).allSatisfy(m -> assertThat(m.text()).contains("with ESMTPS id", "(TLSv1.3) tls TLS_"));
        }
    }

    private static Path aiosmtpdScript(Path dir) throws IOException {
        return Files.writeString(dir.resolve("server.py"), """
                import sys, time, os, ssl
                from aiosmtpd.controller import Controller
                port, out = int(sys.argv[1]), sys.argv[2]
                class Store:
                    async def handle_DATA(self, server, session, envelope):
                        with open(os.path.join(out, 'message.eml'), 'wb') as f:
                            f.write(envelope.original_content)
                        with open(os.path.join(out, 'tls.txt'), 'w') as f:
                            f.write(str(session.ssl is not None))
                        return '250 OK stored'
                if len(sys.argv) > 4:
                    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
                    c = Controller(Store(), hostname='127.0.0.1', port=port, tls_context=ctx, require_starttls=True)
                else:
                    c = Controller(Store(), hostname='127.0.0.1', port=port)
                c.start()
                try:
                    time.sleep(60)
                finally:
                    c.stop()
                """);
    }

    /** Our client with policy REQUIRED against aiosmtpd with STARTTLS (our dev certificate): it verifies and delivers. */
    @Test
    @RequiresTool(value = "aiosmtpd", probe = {"/usr/bin/python3", "-c", "import aiosmtpd"}, install = "Debian package python3-aiosmtpd")
    void ourRequiredClientDeliversToAiosmtpdWithTls() throws Exception {
        Path certs = dir.resolve("certs");
        IssuedCertificates issued = DevCertificates.ensure(certs, List.of("mx.exemple.com"), KeyAlgorithm.EC_P256);
        Path out = Files.createDirectories(dir.resolve("received"));
        int port = PeerProcess.freePort();
        Events events = new Events();
        SmtpClient.Options options = client(ClientTlsPolicy.REQUIRED, events)
                .withTls(ClientTlsPolicy.REQUIRED, JsseClientTls.trusting(issued.caPem().orElseThrow()));
        try (PeerProcess server = PeerProcess.startListening(List.of("/usr/bin/python3", aiosmtpdScript(dir).toString(), String.valueOf(port), out.toString(),
                certs.resolve(DevCertificates.SERVER_FILE).toString(), certs.resolve(DevCertificates.SERVER_KEY_FILE).toString()), port, Duration.ofSeconds(20));
             SmtpClient client = SmtpClient.connect(new InetSocketAddress("127.0.0.1", port), options)) {
            TransactionResult result = client.send(new Mailbox("alice", "monentreprise.fr"), List.of(new Mailbox("bob", "exemple.com")),
                    TlsTestSupport.MESSAGE.getBytes(StandardCharsets.US_ASCII));
            assertThat(result.delivered()).as(server.output()).isTrue();
            assertThat(client.tls()).isPresent();
            client.quit();
        }
        assertThat(Files.readString(out.resolve("tls.txt"))).isEqualTo("True");
        assertThat(Files.readString(out.resolve("message.eml"))).isEqualTo(TlsTestSupport.MESSAGE);
        assertThat(events.events).anySatisfy(e -> assertThat(e).startsWith("TLS TLSv1.3").contains("peer CN=mx.exemple.com").endsWith(", verified"));
    }

    /** Our client with policy REQUIRED against aiosmtpd without TLS: it must fail, and nothing is sent in clear. */
    @Test
    @RequiresTool(value = "aiosmtpd", probe = {"/usr/bin/python3", "-c", "import aiosmtpd"}, install = "Debian package python3-aiosmtpd")
    void ourRequiredClientRefusesAiosmtpdWithoutTls() throws Exception {
        Path out = Files.createDirectories(dir.resolve("received"));
        int port = PeerProcess.freePort();
        try (PeerProcess server = PeerProcess.startListening(List.of("/usr/bin/python3", aiosmtpdScript(dir).toString(), String.valueOf(port), out.toString()),
                port, Duration.ofSeconds(20))) {
            assertThatThrownBy(() -> SmtpClient.connect(new InetSocketAddress("127.0.0.1", port), client(ClientTlsPolicy.REQUIRED, new Events())))
                    .as(server.output())
                    .isInstanceOf(SmtpProtocolException.class)
                    .hasMessageContaining("does not offer STARTTLS");
        }
        assertThat(out.resolve("message.eml")).doesNotExist();
    }
}
