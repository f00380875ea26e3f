package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./smtplab serve} and {@code ./smtplab send}, run in-process the way the launcher runs them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeAndSendTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run smtplab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void serveThenSendTheSeedMessage() throws Exception {
        ServeCommand serve = new ServeCommand();
        StringWriter serveOut = new StringWriter();
        CommandLine cli = new CommandLine(serve);
        cli.setOut(new PrintWriter(serveOut, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        Thread server = Thread.ofVirtual().start(() -> cli.execute("--catch-all", "--listen", "127.0.0.1:0", "--domain", "exemple.com",
                "--maildir", dir.toString(), "--role", "MX"));
        while (serve.boundAddress == null) {
            Thread.sleep(20);
        }
        InetSocketAddress address = serve.boundAddress;
        Run sent = smtplab("send", "--server", "127.0.0.1:" + address.getPort(), "--from", "Alice <alice@monentreprise.fr>",
                "--to", "Bob <bob@exemple.com>", "--cc", "Charlie <charlie@exemple.com>", "--bcc", "audit@monentreprise.fr",
                "--subject", "Réunion demain", "--text", "Bonjour Bob,\n.à demain\n", "--helo", "mail.monentreprise.fr");
        // the Bcc recipient is not local to this MX: refused, so the exit code says "not everyone"
        assertThat(sent.exitCode()).as(sent.out() + sent.err()).isEqualTo(Main.REFUSED);
        assertThat(sent.out()).contains("recipient <bob@exemple.com>: 250 2.1.5 Recipient OK")
                .contains("recipient <audit@monentreprise.fr>: 550 5.7.1 Relay access denied  (refused)")
                .contains("message: 250 2.0.0 Message accepted");
        serve.stop.countDown();
        server.join(10_000);
        assertThat(serveOut.toString()).contains("smtplab serve: mx mx.exemple.com for exemple.com")
                .contains("message from <alice@monentreprise.fr> to <bob@exemple.com>, <charlie@exemple.com>");
        Path stored;
        try (Stream<Path> files = Files.list(dir.resolve("bob@exemple.com").resolve("new"))) {
            stored = files.findFirst().orElseThrow();
        }
        String text = Files.readString(stored, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Return-Path: <alice@monentreprise.fr>\r\nReceived: from mail.monentreprise.fr ([127.0.0.1])");
        assertThat(text).contains("Subject: =?UTF-8?Q?R=C3=A9union?= demain").doesNotContain("Bcc").doesNotContain("audit@");
    }

    @Test
    void errorsAreOneClearLine() {
        Run noServer = smtplab("send", "--server", "127.0.0.1:1", "--from", "a@b.example", "--to", "c@d.example", "--text", "x", "--timeout", "2");
        assertThat(noServer.exitCode()).isEqualTo(Main.FAILED);
        assertThat(noServer.err()).startsWith("smtplab send: ").doesNotContain("\tat ");
        assertThat(noServer.err().lines()).hasSize(1);

        Run usage = smtplab("send", "--from", "a@b.example", "--to", "c@d.example");
        assertThat(usage.exitCode()).isEqualTo(Main.USAGE);
        assertThat(usage.err()).contains("--text");

        Run badPort = smtplab("serve", "--listen", "127.0.0.1:http", "--domain", "x.example");
        assertThat(badPort.exitCode()).isEqualTo(Main.USAGE);
        assertThat(badPort.err()).contains("is not a number");
    }

    @Test
    void helpExplainsTheSubmissionRoleBeforeAuth() {
        Run help = smtplab("serve", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("only clients on the loopback interface may relay");
    }

    /** RFC 4954 and RFC 6409: with --users, only an authenticated sender gets its message through the submission server. */
    @Test
    void submissionWithUsersNeedsAuth() throws Exception {
        Path users = dir.resolve("users.txt");
        io.github.smtplab.auth.sasl.UsersFile.empty()
                .with(io.github.smtplab.auth.sasl.UserCredentials.create("alice", "s3cret-pass", 4096, false)).write(users);
        Path password = Files.writeString(dir.resolve("password"), "s3cret-pass\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        Thread server = Thread.ofVirtual().start(() -> cli.execute("--catch-all", "--listen", "127.0.0.1:0", "--role", "submission",
                "--domain", "monentreprise.fr", "--maildir", dir.resolve("md").toString(), "--users", users.toString(), "--auth-in-clear"));
        while (serve.boundAddress == null) {
            Thread.sleep(20);
        }
        String at = "127.0.0.1:" + serve.boundAddress.getPort();
        try {
            Run anonymous = smtplab("send", "--server", at, "--from", "alice@monentreprise.fr", "--to", "bob@monentreprise.fr", "--text", "x");
            assertThat(anonymous.exitCode()).isEqualTo(Main.REFUSED);
            assertThat(anonymous.out()).contains("530 5.7.0");
            Run badPassword = smtplab("send", "--server", at, "--from", "alice@monentreprise.fr", "--to", "bob@monentreprise.fr", "--text", "x",
                    "--user", "alice", "--password-file", wrong.toString(), "--auth-in-clear");
            assertThat(badPassword.exitCode()).isEqualTo(Main.REFUSED);
            assertThat(badPassword.err()).contains("535");
            Run ok = smtplab("send", "--server", at, "--from", "alice@monentreprise.fr", "--to", "bob@monentreprise.fr", "--text", "x",
                    "--user", "alice", "--password-file", password.toString(), "--auth-in-clear");
            assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
            // --auth-mechanism: the one the user chose, not the strongest offered (here SCRAM-SHA-256)
            Run login = smtplab("send", "--server", at, "--from", "alice@monentreprise.fr", "--to", "bob@monentreprise.fr", "--text", "x",
                    "--user", "alice", "--password-file", password.toString(), "--auth-in-clear", "--auth-mechanism", "login", "--transcript");
            assertThat(login.exitCode()).as(login.out() + login.err()).isZero();
            assertThat(login.out()).contains("C: AUTH LOGIN").doesNotContain("C: AUTH SCRAM").contains("235");
            assertThat(smtplab("send", "--server", at, "--from", "alice@monentreprise.fr", "--to", "bob@monentreprise.fr", "--text", "x",
                    "--user", "alice", "--password-file", password.toString(), "--auth-mechanism", "NTLM").exitCode()).isEqualTo(Main.USAGE);
        } finally {
            serve.stop.countDown();
            server.join(10_000);
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("md").resolve("bob@monentreprise.fr").resolve("new"))) {
            assertThat(Files.readString(files.findFirst().orElseThrow())).contains("with ESMTPA");
        }
    }
}
