package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pop3 serve} and {@code pop3 fetch} together, and the step 7 of the demo. */
class Pop3CommandsTest {

    static final String PASSWORD = "Lire-le-courrier-1";
    static final String MESSAGE = "Subject: lu en POP3\r\n\r\n.une ligne avec un point\r\nBonjour Bob\r\n";

    @TempDir
    Path dir;

    Pop3ServeCommand serve;
    Thread server;
    StringWriter serveErr = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users.txt");
        UsersFile.empty().with(UserCredentials.create("bob", PASSWORD, 4096, false)).write(users);
        Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");
        Path newDir = Files.createDirectories(dir.resolve("maildir/bob@exemple.com/new"));
        Files.writeString(newDir.resolve("1700000000.M1P1Q1.mx.exemple.com"), MESSAGE, StandardCharsets.ISO_8859_1);
        serve = new Pop3ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(serveErr, true));
        server = Thread.ofVirtual().start(() -> cli.execute("--listen", "127.0.0.1:0", "--implicit-tls-listen", "127.0.0.1:0",
                "--maildir", dir.resolve("maildir").toString(), "--users", users.toString(), "--dev-cert", dir.resolve("certs").toString()));
        for (int i = 0; i < 400 && serve.boundAddress == null; i++) {
            Thread.sleep(25);
        }
        assertThat(serve.boundAddress).as(serveErr.toString()).isNotNull();
    }

    @AfterEach
    void stop() throws InterruptedException {
        serve.stop.countDown();
        server.join(10_000);
    }

    private ServeAndSendTest.Run fetch(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("pop3", "fetch", "--server", "127.0.0.1:" + serve.boundImplicitAddress.getPort(),
                "--tls", "implicit", "--trust", dir.resolve("certs/ca.pem").toString(), "--server-name", "localhost",
                "--user", "bob", "--password-file", dir.resolve("password.txt").toString()));
        args.addAll(List.of(more));
        return ServeAndSendTest.smtplab(args.toArray(String[]::new));
    }

    @Test
    void fetchKeepsThenFetchStoresAndDeletes() throws Exception {
        ServeAndSendTest.Run listed = fetch("--keep", "--transcript");
        assertThat(listed.exitCode()).as(listed.out() + listed.err()).isZero();
        assertThat(listed.out()).contains("bob: 1 messages, " + MESSAGE.length() + " octets", "Subject: lu en POP3",
                "C: AUTH SCRAM-SHA-256", "1 messages kept on the server").doesNotContain(PASSWORD);

        ServeAndSendTest.Run fetched = fetch("--maildir", dir.resolve("out").toString());
        assertThat(fetched.exitCode()).as(fetched.out() + fetched.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/new/1700000000.M1P1Q1.mx.exemple.com"), StandardCharsets.ISO_8859_1)).isEqualTo(MESSAGE);
        try (Stream<Path> left = Files.list(dir.resolve("maildir/bob@exemple.com/new"))) {
            assertThat(left).isEmpty();
        }
        assertThat(fetched.out()).contains("1 messages deleted on the server at QUIT");
    }

    @Test
    void aWrongPasswordExitsOneAndNoServerExitsThree() throws Exception {
        Files.writeString(dir.resolve("password.txt"), "wrong\n");
        ServeAndSendTest.Run refused = fetch();
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(Main.REFUSED);
        assertThat(refused.err()).contains("-ERR [AUTH]");
        ServeAndSendTest.Run unreachable = ServeAndSendTest.smtplab("pop3", "fetch", "--server", "127.0.0.1:1", "--tls", "implicit",
                "--user", "bob", "--password-file", dir.resolve("password.txt").toString());
        assertThat(unreachable.exitCode()).isEqualTo(Main.FAILED);
    }

    @Test
    void theDemoLastStepReadsBobsMailInEnglishAndFrench() throws Exception {
        Path keep = dir.resolve("demo");
        ServeAndSendTest.Run en = ServeAndSendTest.smtplab("demo", "--keep", keep.toString());
        assertThat(en.exitCode()).as(en.out() + en.err()).isZero();
        assertThat(en.out()).contains("== 8. Bob reads his mail over POP3 with TLS (port 995 semantics)",
                "[bob → pop.exemple.com] C: CAPA", "C: PASS ****", "C: UIDL", "C: RETR 1", "C: QUIT",
                "identical to", "What IMAP (RFC 9051, port 993) would add").doesNotContain("bob-");
        try (Stream<Path> cur = Files.list(keep.resolve("maildir-exemple.com/bob@exemple.com/cur"))) {
            assertThat(cur.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(":2,S");
        }
        ServeAndSendTest.Run fr = ServeAndSendTest.smtplab("demo", "--lang", "fr");
        assertThat(fr.exitCode()).as(fr.out() + fr.err()).isZero();
        assertThat(fr.out()).contains("== 8. Bob relève son courrier en POP3 sous TLS", "le mot de passe, masqué ici",
                "Ce qu'IMAP (RFC 9051, port 993) ajouterait");
    }
}
