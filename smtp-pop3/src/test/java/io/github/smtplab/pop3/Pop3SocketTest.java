package io.github.smtplab.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.JsseClientTls;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.ServerTls;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server over loopback: plain, STLS, implicit TLS; hostile peers. */
class Pop3SocketTest {

    static IssuedCertificates certificates;

    @TempDir
    Path root;

    @BeforeAll
    static void certificates() {
        certificates = DevCertificates.generate(List.of("localhost"), KeyAlgorithm.EC_P256);
    }

    static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    Pop3Server server(Pop3Config config, boolean implicit) throws Exception {
        return Pop3Server.builder(config, Fixtures.USERS, new MaildirStore(root, Optional.empty()))
                .listen(ANY_PORT).tls(ServerTls.of(certificates.server())).implicitTls(implicit)
                .idleTimeout(Duration.ofSeconds(20)).start();
    }

    JsseClientTls trust() {
        return JsseClientTls.trusting(List.of(certificates.ca()));
    }

    @Test
    void stlsThenScramThenRetrieveDeleteAndQuit() throws Exception {
        byte[] first = "Subject: one\r\n\r\n.starts with a dot\r\n..two dots\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "Subject: two\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        List<Path> files = SmtpDelivery.deliverToBob(root, first, second);
        List<String> transcript = new ArrayList<>();
        try (Pop3Server server = server(Pop3Config.defaults("localhost"), false);
             Pop3Client client = Pop3Client.connect(server.address(), "localhost",
                     Pop3Client.Options.stls(trust()).withTranscript(recording(transcript)))) {
            assertThat(client.tlsActive()).isTrue();
            client.login("bob", Fixtures.BOB_PASSWORD);
            assertThat(client.stat().messages()).isEqualTo(2);
            assertThat(client.uidl()).extracting(Pop3Client.UniqueId::uniqueId)
                    .containsExactly(files.get(0).getFileName().toString(), files.get(1).getFileName().toString());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            client.retrieve(1, got);
            assertThat(got.toByteArray()).isEqualTo(Files.readAllBytes(files.get(0)));
            client.delete(2);
            client.quit();
        }
        // the strongest mechanism offered inside TLS: SCRAM-SHA-256 (the password never travels)
        assertThat(transcript).contains("C: STLS").anyMatch(l -> l.startsWith("C: AUTH SCRAM-SHA-256 "));
        assertThat(Files.list(root.resolve("bob@exemple.com/new")).toList()).isEmpty();
        assertThat(Files.list(root.resolve("bob@exemple.com/cur")).map(p -> p.getFileName().toString()).toList())
                .containsExactly(files.get(0).getFileName() + ":2,S");
    }

    @Test
    void implicitTlsWithUserPassAndTheDroppedSessionKeepsEverything() throws Exception {
        SmtpDelivery.deliverToBob(root, "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        List<String> transcript = new ArrayList<>();
        try (Pop3Server server = server(Pop3Config.defaults("localhost").withStls(false), true);
             Pop3Client client = Pop3Client.connect(server.address(), "localhost",
                     Pop3Client.Options.implicitTls(trust()).withTranscript(recording(transcript)))) {
            client.userPass("bob", Fixtures.BOB_PASSWORD);
            client.delete(1);
            client.close();   // no QUIT
            assertThat(transcript).contains("C: PASS ****").noneMatch(l -> l.contains(Fixtures.BOB_PASSWORD));
            // the next session sees the message again (the lock was released when the connection went)
            try (Pop3Client next = Pop3Client.connect(server.address(), "localhost", Pop3Client.Options.implicitTls(trust()))) {
                next.login("bob", Fixtures.BOB_PASSWORD);
                assertThat(next.stat().messages()).isEqualTo(1);
                next.quit();
            }
        }
    }

    @Test
    void aPlainClientWillNotSendThePasswordAndTheServerWouldRefuseIt() throws Exception {
        try (Pop3Server server = server(Pop3Config.defaults("localhost"), false);
             Pop3Client client = Pop3Client.connect(server.address(), "localhost", Pop3Client.Options.plain())) {
            assertThatThrownBy(() -> client.login("bob", Fixtures.BOB_PASSWORD)).hasMessageContaining("without TLS");
            assertThat(client.capabilities()).contains("STLS").doesNotContain("USER");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheAuthCode() throws Exception {
        try (Pop3Server server = server(Fixtures.inClear().withStls(false), false);
             Pop3Client client = Pop3Client.connect(server.address(), "localhost", Pop3Client.Options.plain().withPasswordInClear(true))) {
            assertThatThrownBy(() -> client.userPass("bob", "wrong")).isInstanceOfSatisfying(Pop3RefusedException.class,
                    e -> assertThat(e.responseCode()).contains("AUTH"));
        }
    }

    @Test
    void hostileInputGetsErrAndNoStackTrace() throws Exception {
        try (Pop3Server server = server(Fixtures.inClear().withStls(false), false);
             Socket raw = new Socket("127.0.0.1", server.address().getPort())) {
            raw.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = raw.getOutputStream();
            assertThat(in.readLine()).startsWith("+OK");
            out.write(("A".repeat(100_000) + "\r\n\0\u00ff\r\nAUTH PLAIN ###\r\nRETR 1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            List<String> lines = List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine());
            assertThat(lines).allMatch(l -> l.startsWith("-ERR ")).noneMatch(l -> l.contains("Exception"));
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("+OK");
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void aLargeMessageIsStreamedIntact() throws Exception {
        StringBuilder body = new StringBuilder("Subject: big\r\n\r\n");
        for (int i = 0; body.length() < 3_000_000; i++) {
            body.append(i % 7 == 0 ? ".dot line " : "line ").append(i).append("\r\n");
        }
        List<Path> files = SmtpDelivery.deliverToBob(root, body.toString().getBytes(StandardCharsets.US_ASCII));
        try (Pop3Server server = server(Fixtures.inClear().withStls(false), false);
             Pop3Client client = Pop3Client.connect(server.address(), "localhost", Pop3Client.Options.plain().withPasswordInClear(true))) {
            client.login("bob", Fixtures.BOB_PASSWORD);
            assertThat(client.list().getFirst().size()).isEqualTo(Files.size(files.getFirst()));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThat(client.retrieve(1, got)).isEqualTo(Files.size(files.getFirst()));
            assertThat(got.toByteArray()).isEqualTo(Files.readAllBytes(files.getFirst()));
            client.quit();
        }
    }

    /** RFC 1939 §3: the autologout timer ends the session without UPDATE, so the DELE is not applied. */
    @Test
    void theAutologoutTimerDeletesNothing() throws Exception {
        SmtpDelivery.deliverToBob(root, "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Pop3Server server = Pop3Server.builder(Fixtures.inClear().withStls(false), Fixtures.USERS, new MaildirStore(root, Optional.empty()))
                .listen(ANY_PORT).idleTimeout(Duration.ofMillis(300)).start();
             Socket raw = new Socket("127.0.0.1", server.address().getPort())) {
            raw.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.ISO_8859_1));
            raw.getOutputStream().write(("USER bob\r\nPASS " + Fixtures.BOB_PASSWORD + "\r\nDELE 1\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine()))
                    .containsExactly("+OK pop.exemple.com POP3 server ready", "+OK send PASS", "+OK bob's maildrop has 1 messages (" + 
                            Files.size(Files.list(root.resolve("bob@exemple.com/new")).findFirst().orElseThrow()) + " octets)", "+OK message 1 deleted");
            assertThat(in.readLine()).as("the server closed the idle connection").isNull();
        }
        assertThat(Files.list(root.resolve("bob@exemple.com/new")).toList()).hasSize(1);
    }

    static Pop3Transcript recording(List<String> lines) {
        return new Pop3Transcript() {
            @Override
            public void clientLine(String line) {
                lines.add("C: " + line);
            }

            @Override
            public void serverLine(String line) {
                lines.add("S: " + line);
            }
        };
    }
}
