package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * RFC 4954 over RFC 3207 against independent clients: {@code ./smtplab serve --role submission --dev-cert
 * --users} as a real submission server, Python's smtplib and swaks as clients — STARTTLS, then AUTH, then
 * relaying; AUTH is not offered before TLS; relaying without AUTH gets 530.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthInteropTest {

    static final String PASSWORD = "Reunion-demain-10h";   // ASCII: smtplib encodes AUTH PLAIN/LOGIN as ASCII

    @TempDir
    Path dir;

    ServeCommand serve;
    Thread server;
    int port;

    @BeforeEach
    void startSubmissionServer() throws Exception {
        Path users = dir.resolve("users.txt");
        UsersFile.empty().with(UserCredentials.create("alice", PASSWORD, 4096, true)).write(users);
        serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        server = Thread.ofVirtual().start(() -> cli.execute("--catch-all", "--listen", "127.0.0.1:0", "--role", "submission", "--domain", "monentreprise.fr",
                "--maildir", dir.resolve("md").toString(), "--dev-cert", dir.resolve("certs").toString(), "--users", users.toString(),
                "--hostname", "localhost"));
        for (int i = 0; i < 400 && serve.boundAddress == null; i++) {
            Thread.sleep(25);
        }
        port = serve.boundAddress.getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        serve.stop.countDown();
        server.join(10_000);
    }

    @Test
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib, ssl"}, install = "Debian package python3")
    void pythonSmtplibStartTlsThenLogin() throws Exception {
        Path script = Files.writeString(dir.resolve("auth.py"), """
                import smtplib, ssl, sys
                port, ca, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
                ctx = ssl.create_default_context(cafile=ca)
                def session():
                    s = smtplib.SMTP('localhost', port, local_hostname='laptop.monentreprise.fr', timeout=20)
                    s.ehlo()
                    return s
                s = session()
                print('AUTH before TLS offered:', s.has_extn('auth'))
                try:
                    s.sendmail('alice@monentreprise.fr', ['bob@monentreprise.fr'], b'Subject: x\\r\\n\\r\\nx\\r\\n')
                except smtplib.SMTPException as e:
                    print('MAIL before TLS:', e.args[0] if e.args else e)
                s.close()
                s = session(); s.starttls(context=ctx); s.ehlo()
                print('AUTH inside TLS:', s.esmtp_features.get('auth').strip())
                try:
                    s.login('alice', 'wrong')
                except smtplib.SMTPAuthenticationError as e:
                    print('wrong password:', e.smtp_code)
                s.close()
                for mech in ['PLAIN', 'LOGIN', 'CRAM-MD5']:
                    s = session(); s.starttls(context=ctx); s.ehlo()
                    s.user, s.password = 'alice', password
                    try:
                        code, text = s.auth(mech, getattr(s, 'auth_' + mech.lower().replace('-', '_')))
                    except smtplib.SMTPException as e:
                        print(mech, 'refused:', e.args[0] if e.args else e)
                        s.quit()
                        continue
                    refused = s.sendmail('alice@monentreprise.fr', ['carol@elsewhere.example'], b'Subject: relayed\\r\\n\\r\\nvia ' + mech.encode() + b'\\r\\n')
                    print(mech, code, 'relay refused:', sorted(refused))
                    s.quit()
                """);
        PeerProcess.Result result = PeerProcess.run(List.of("/usr/bin/python3", script.toString(), String.valueOf(port),
                dir.resolve("certs").resolve("ca.pem").toString(), PASSWORD), Duration.ofSeconds(90));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("AUTH before TLS offered: False")
                .contains("MAIL before TLS: 530")
                .contains("AUTH inside TLS: SCRAM-SHA-256 PLAIN LOGIN")
                .contains("wrong password: 535")
                .contains("PLAIN 235 relay refused: []").contains("LOGIN 235 relay refused: []");
        // CRAM-MD5 is off by default (its secret is the password itself): smtplib's forced attempt is refused
        assertThat(result.output()).contains("CRAM-MD5 refused: 504");
    }

    @Test
    @RequiresTool(value = "swaks with TLS", probe = {"sh", "-c", "swaks --version && perl -MNet::SSLeay -e 1"},
            install = "Debian packages swaks, libnet-ssleay-perl, libio-socket-ssl-perl")
    void swaksStartTlsAuth() throws Exception {
        for (String mechanism : List.of("PLAIN", "LOGIN")) {
            PeerProcess.Result ok = PeerProcess.run(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(port), "--tls",
                    "--auth", mechanism, "--auth-user", "alice", "--auth-password", PASSWORD, "--helo", "swaks.example",
                    "--from", "alice@monentreprise.fr", "--to", "carol@elsewhere.example", "--timeout", "20"), Duration.ofSeconds(60));
            assertThat(ok.exitCode()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("235 2.7.0").contains("Queued for relay");
        }
        PeerProcess.Result noAuth = PeerProcess.run(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(port), "--tls",
                "--from", "alice@monentreprise.fr", "--to", "carol@elsewhere.example", "--timeout", "20"), Duration.ofSeconds(60));
        assertThat(noAuth.output()).contains("530 5.7.0");
    }

}
