package io.github.smtplab.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.SmtpReplyException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Independent peers: Python's smtplib {@code login()} and swaks against our server; our client against
 * aiosmtpd with an authenticator. smtp-tls is being written in parallel, so all of this runs WITHOUT
 * TLS: the server's policy explicitly offers the tested mechanism in clear, and our client explicitly
 * allows PLAIN/LOGIN in clear. Only the "AUTH before STARTTLS" case uses the real submission policy.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteropTest {

    static final Duration T = Duration.ofSeconds(20);
    static final String MESSAGE = "Subject: interop\r\n\r\nhello\r\n";

    @TempDir
    Path dir;

    final InMemoryDelivery local = new InMemoryDelivery("submit.exemple.com");
    final InMemoryDelivery relay = new InMemoryDelivery("submit.exemple.com");

    SmtpServer server(AuthPolicy policy) throws IOException {
        AuthExtension auth = new AuthExtension(Fixtures.USERS, policy, "submit.exemple.com", d -> { }, Instant::now);
        return SmtpServer.builder(ServerConfig.defaults("submit.exemple.com").withServerExtensions(List.of(auth)))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.SUBMISSION, Set.of("exemple.com"), local, Optional.of(relay), AuthExtension::relayAllowed))
                .idleTimeout(T)
                .shutdownGrace(Duration.ofSeconds(2))
                .start();
    }

    /** Only {@code m} is offered, in clear (explicit test configuration, see the class comment). */
    static AuthPolicy only(Mechanism m) {
        return Fixtures.everythingInClear().withMechanisms(EnumSet.of(m), EnumSet.of(m));
    }

    // ---- Python smtplib -------------------------------------------------------------------------------

    static final String PYTHON = """
            import base64, smtplib, sys
            port, user, password, scenario = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
            with smtplib.SMTP('127.0.0.1', port, local_hostname='client.example', timeout=20) as s:
                s.ehlo()
                print('ADVERTISED', s.esmtp_features.get('auth', '').strip())
                if scenario == 'beforetls':
                    code, msg = s.docmd('AUTH', 'PLAIN ' + base64.b64encode(b'\\0' + user.encode() + b'\\0' + password.encode()).decode())
                    print('AUTH', code, msg.decode())
                    sys.exit(0)
                if scenario == 'login':
                    try:
                        code, msg = s.login(user, password)
                        print('LOGIN', code, msg.decode())
                    except smtplib.SMTPAuthenticationError as e:
                        print('AUTHFAIL', e.smtp_code, e.smtp_error.decode())
                        sys.exit(0)
                try:
                    refused = s.sendmail('carol@exemple.com', ['dan@ailleurs.example'], b'Subject: interop\\r\\n\\r\\nhello\\r\\n')
                    print('SENT', sorted(refused))
                except smtplib.SMTPSenderRefused as e:
                    print('REFUSED', e.smtp_code, e.smtp_error.decode())
            """;

    String python(SmtpServer server, String user, String password, String scenario) throws Exception {
        Path script = dir.resolve("auth.py");
        Files.writeString(script, PYTHON);
        PeerProcess.Result r = PeerProcess.run(List.of("/usr/bin/python3", script.toString(), String.valueOf(server.address().getPort()),
                user, password, scenario), T);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }

    /** RFC 4954 §4 + RFC 2195 / RFC 4616 / LOGIN draft: smtplib's login() with the only mechanism offered succeeds, then relays. */
    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"CRAM_MD5", "PLAIN", "LOGIN"})
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib"}, install = "Debian package python3")
    void pythonLoginSucceedsAndRelays(Mechanism m) throws Exception {
        try (SmtpServer server = server(only(m))) {
            String out = python(server, "carol", "s3cret", "login");
            assertThat(out).contains("ADVERTISED " + m.wireName()).contains("LOGIN 235 2.7.0 Authentication successful").contains("SENT []");
        }
        assertThat(relay.messages()).hasSize(1);
        assertThat(relay.messages().getFirst().text()).contains("with ESMTPA");
    }

    /** RFC 4954 §6: a wrong password is 535 5.7.8 for smtplib too. */
    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"CRAM_MD5", "PLAIN", "LOGIN"})
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib"}, install = "Debian package python3")
    void pythonWrongPasswordIs535(Mechanism m) throws Exception {
        try (SmtpServer server = server(only(m))) {
            assertThat(python(server, "carol", "wrong", "login")).contains("AUTHFAIL 535 5.7.8 Authentication credentials invalid");
        }
    }

    /** RFC 6409 / RFC 4954 §6: relaying without AUTH is refused at MAIL with 530 5.7.0. */
    @Test
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib"}, install = "Debian package python3")
    void pythonRelayWithoutAuthIs530() throws Exception {
        try (SmtpServer server = server(Fixtures.everythingInClear())) {
            assertThat(python(server, "carol", "s3cret", "noauth")).contains("REFUSED 530 5.7.0 Authentication required");
        }
        assertThat(relay.messages()).isEmpty();
    }

    /** RFC 8314 / RFC 4954 §4: the real submission policy advertises no AUTH before TLS and refuses it with 538 5.7.11. */
    @Test
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib"}, install = "Debian package python3")
    void pythonAuthBeforeTlsIsRefused() throws Exception {
        try (SmtpServer server = server(AuthPolicy.submission().withFailures(3, Duration.ZERO, Duration.ZERO))) {
            assertThat(python(server, "carol", "s3cret", "beforetls"))
                    .contains("ADVERTISED \n").contains("AUTH 538 5.7.11 Encryption required for requested authentication mechanism");
        }
    }

    // ---- swaks ------------------------------------------------------------------------------------------

    PeerProcess.Result swaks(SmtpServer server, List<String> extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(server.address().getPort()),
                "--ehlo", "client.example", "--from", "carol@exemple.com", "--to", "dan@ailleurs.example", "--body", "hello",
                "--timeout", "20"));
        command.addAll(extra);
        return PeerProcess.run(command, T);
    }

    /** swaks --auth PLAIN|LOGIN|CRAM-MD5 (no --tls, see the class comment): 235, then the relayed message is accepted. */
    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"CRAM_MD5", "PLAIN", "LOGIN"})
    @RequiresTool(value = "swaks", probe = {"swaks", "--version"}, install = "Debian package swaks")
    void swaksAuthSucceedsAndRelays(Mechanism m) throws Exception {
        try (SmtpServer server = server(only(m))) {
            PeerProcess.Result r = swaks(server, List.of("--auth", m.wireName(), "--auth-user", "carol", "--auth-password", "s3cret"));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("<-  235 2.7.0 Authentication successful").contains("<-  250 2.0.0 Message accepted");
        }
        assertThat(relay.messages()).hasSize(1);
    }

    /** swaks with a wrong password: 535 5.7.8, and swaks exits with its authentication-failure status. */
    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"CRAM_MD5", "PLAIN", "LOGIN"})
    @RequiresTool(value = "swaks", probe = {"swaks", "--version"}, install = "Debian package swaks")
    void swaksWrongPasswordIs535(Mechanism m) throws Exception {
        try (SmtpServer server = server(only(m))) {
            PeerProcess.Result r = swaks(server, List.of("--auth", m.wireName(), "--auth-user", "carol", "--auth-password", "wrong"));
            assertThat(r.exitCode()).as(r.output()).isNotZero();
            assertThat(r.output()).contains("535 5.7.8 Authentication credentials invalid");
        }
        assertThat(relay.messages()).isEmpty();
    }

    /** swaks without --auth on the submission server: MAIL gets 530 5.7.0. */
    @Test
    @RequiresTool(value = "swaks", probe = {"swaks", "--version"}, install = "Debian package swaks")
    void swaksWithoutAuthIs530() throws Exception {
        try (SmtpServer server = server(Fixtures.everythingInClear())) {
            PeerProcess.Result r = swaks(server, List.of());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("530 5.7.0 Authentication required");
        }
    }

    // ---- aiosmtpd ---------------------------------------------------------------------------------------

    static final String AIOSMTPD = """
            import sys, time
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult, LoginPassword
            class H:
                async def handle_DATA(self, server, session, env):
                    print('MAIL', env.mail_from, env.rcpt_tos, flush=True); return '250 OK'
            def auth(server, session, env, mech, data):
                ok = isinstance(data, LoginPassword) and data.login == b'alice' and data.password == b's3cret'
                print('AUTH', mech, ok, flush=True)
                return AuthResult(success=ok, handled=False)
            c = Controller(H(), hostname='127.0.0.1', port=int(sys.argv[1]), authenticator=auth, auth_required=True,
                           auth_require_tls=False)
            c.start()
            try: time.sleep(float(sys.argv[2]))
            finally: c.stop()
            """;

    /** Our client (PLAIN, LOGIN; in clear, explicitly) against aiosmtpd's authenticator: success sends; a wrong password is 535. */
    @ParameterizedTest
    @EnumSource(value = Mechanism.class, names = {"PLAIN", "LOGIN"})
    @RequiresTool(value = "aiosmtpd", probe = {"/usr/bin/python3", "-c", "import aiosmtpd.controller"}, install = "Debian package python3-aiosmtpd")
    void ourClientAgainstAiosmtpd(Mechanism m) throws Exception {
        Path script = dir.resolve("aiosmtpd_auth.py");
        Files.writeString(script, AIOSMTPD);
        int port = PeerProcess.freePort();
        try (PeerProcess peer = PeerProcess.startListening(List.of("/usr/bin/python3", script.toString(), String.valueOf(port), "60"), port, T)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            PasswordAuthentication auth = PasswordAuthentication.of("alice", "s3cret").withMechanisms(Set.of(m)).withPasswordInClear(true);
            try (SmtpClient client = SmtpClient.connect(address, SmtpClient.Options.defaults("client.exemple.com").withTimeouts(T, T, T).withAuthentication(auth))) {
                assertThat(client.capabilities().authMechanisms()).contains(m.wireName());
                TransactionResult result = client.send(new Mailbox("alice", "exemple.com"), List.of(new Mailbox("dan", "ailleurs.example")),
                        MESSAGE.getBytes(StandardCharsets.US_ASCII));
                assertThat(result.delivered()).isTrue();
                client.quit();
            }
            PasswordAuthentication wrong = PasswordAuthentication.of("alice", "wrong").withMechanisms(Set.of(m)).withPasswordInClear(true);
            assertThatThrownBy(() -> SmtpClient.connect(address, SmtpClient.Options.defaults("client.exemple.com").withTimeouts(T, T, T).withAuthentication(wrong)))
                    .isInstanceOfSatisfying(SmtpReplyException.class, e -> assertThat(e.reply().code()).isEqualTo(535));
            assertThat(peer.output()).contains("AUTH " + m.wireName() + " True").contains("AUTH " + m.wireName() + " False")
                    .contains("MAIL alice@exemple.com ['dan@ailleurs.example']");
        }
    }
}
