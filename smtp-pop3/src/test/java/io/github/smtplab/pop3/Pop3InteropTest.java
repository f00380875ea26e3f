package io.github.smtplab.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.SaslClients;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.JsseClientTls;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent peers. Our server read by Python's poplib (STLS and POP3_SSL), fetchmail (STLS and
 * implicit TLS) and {@code openssl s_client -starttls pop3}; and the other way round, Dovecot's POP3 server
 * serving a Maildir that our SMTP server wrote, read by our client — so our Maildir is a standard one.
 */
class Pop3InteropTest {

    static final String PASSWORD = Fixtures.BOB_PASSWORD;

    @TempDir
    Path dir;

    IssuedCertificates certificates;
    Pop3Server plain;
    Pop3Server implicit;
    List<Path> delivered;

    @BeforeEach
    void start() throws Exception {
        certificates = DevCertificates.ensure(dir.resolve("certs"), List.of("localhost"), KeyAlgorithm.EC_P256);
        delivered = SmtpDelivery.deliverToBob(dir.resolve("maildir"),
                "Subject: one\r\n\r\n.a dot line\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII),
                "Subject: two\r\n\r\nsecond\r\n".getBytes(StandardCharsets.US_ASCII));
        MaildirStore store = new MaildirStore(dir.resolve("maildir"), Optional.empty());
        ServerTls tls = ServerTls.of(certificates.server());
        Pop3Config config = Pop3Config.defaults("localhost");
        plain = Pop3Server.builder(config, Fixtures.USERS, store).listen(Pop3SocketTest.ANY_PORT).tls(tls).start();
        implicit = Pop3Server.builder(config.withStls(false), Fixtures.USERS, store).listen(Pop3SocketTest.ANY_PORT)
                .tls(tls).implicitTls(true).start();
    }

    @AfterEach
    void stop() {
        plain.close();
        implicit.close();
    }

    private Path caPem() {
        return certificates.caPem().orElseThrow();
    }

    @Test
    @RequiresTool(value = "Python poplib", probe = {"/usr/bin/python3", "-c", "import poplib, ssl"}, install = "Debian package python3")
    void pythonPoplibWithStlsAndPop3Ssl() throws Exception {
        long firstSize = Files.size(delivered.get(0));
        long bothSizes = firstSize + Files.size(delivered.get(1));
        Path script = Files.writeString(dir.resolve("pop.py"), """
                import poplib, ssl, sys
                port, tls_port, ca, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
                ctx = ssl.create_default_context(cafile=ca)
                p = poplib.POP3('localhost', port, timeout=20)
                print('before TLS', sorted(p.capa()))
                try:
                    p.user('bob')
                except poplib.error_proto as e:
                    print('USER in clear:', e)
                p.stls(context=ctx)
                print('after TLS', sorted(p.capa()))
                p.user('bob'); p.pass_(password)
                print('stat', p.stat())
                print('uidl', [u.decode() for u in p.uidl()[1]])
                print('retr', b'\\r\\n'.join(p.retr(1)[1]).decode())
                p.dele(2)
                p.quit()
                s = poplib.POP3_SSL('localhost', tls_port, context=ctx, timeout=20)
                s.user('bob'); s.pass_(password)
                print('after quit', s.stat())
                s.quit()
                """);
        PeerProcess.Result result = PeerProcess.run(List.of("/usr/bin/python3", script.toString(),
                String.valueOf(plain.address().getPort()), String.valueOf(implicit.address().getPort()), caPem().toString(), PASSWORD),
                Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("before TLS ['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'STLS', 'TOP', 'UIDL']")
                .contains("USER in clear: b'-ERR USER is refused without TLS")
                .contains("after TLS ['AUTH-RESP-CODE', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'SASL', 'TOP', 'UIDL', 'USER']")
                .contains("stat (2, " + bothSizes + ")")
                .contains("uidl ['1 " + delivered.get(0).getFileName() + "', '2 " + delivered.get(1).getFileName() + "']")
                .contains("\r\n\r\n.a dot line\r\nhello")   // poplib removed the stuffing dot
                .contains("after quit (1, " + firstSize + ")");
    }

    @Test
    @RequiresTool(value = "openssl s_client", probe = {"openssl", "version"}, install = "Debian package openssl")
    void opensslStartTlsPop3() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "CAPA\nUSER bob\nPASS " + PASSWORD + "\nUIDL\nQUIT\n");
        PeerProcess.Result result = PeerProcess.run(List.of("/bin/sh", "-c",
                "(cat '" + input + "'; sleep 3) | openssl s_client -quiet -crlf -starttls pop3 -connect 127.0.0.1:"
                        + plain.address().getPort() + " -CAfile '" + caPem() + "' -verify_return_error"), Duration.ofSeconds(30));
        assertThat(result.output()).contains("verify return:1", "SASL SCRAM-SHA-256 PLAIN LOGIN", "+OK bob's maildrop has 2 messages",
                "1 " + delivered.get(0).getFileName(), "+OK localhost signing off (0 messages deleted)");
    }

    @Test
    @RequiresTool(value = "fetchmail", probe = {"fetchmail", "--version"}, install = "Debian package fetchmail")
    void fetchmailOverStlsThenImplicitTls() throws Exception {
        for (String mode : List.of("stls", "implicit")) {
            Path home = Files.createDirectories(dir.resolve("fetchmail-" + mode));
            Path got = home.resolve("got.txt");
            int port = mode.equals("stls") ? plain.address().getPort() : implicit.address().getPort();
            Path rc = Files.writeString(home.resolve("rc"), """
                    set no syslog
                    poll localhost with proto POP3 port %d uidl timeout 20
                      user "bob" there with password "%s" is "%s" here
                      %s sslproto 'tls1.2+' sslcertck sslcertfile "%s"
                      keep
                      mda "/usr/bin/tee -a %s"
                    """.formatted(port, PASSWORD, System.getProperty("user.name"), mode.equals("implicit") ? "ssl" : "", caPem(), got));
            Files.setPosixFilePermissions(rc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            PeerProcess.Result result = PeerProcess.run(List.of("/usr/bin/env", "FETCHMAILHOME=" + home, "fetchmail", "--nodetach",
                    "-f", rc.toString(), "-v"), Duration.ofSeconds(60));
            assertThat(result.exitCode()).as(result.output()).isZero();   // 0: mail was retrieved
            assertThat(result.output()).contains(mode.equals("stls") ? "POP3> STLS" : "POP3< +OK localhost POP3 server ready")
                    .contains("2 messages for bob at localhost");
            assertThat(Files.readString(got)).contains("Subject: one", "\n.a dot line", "Subject: two");
        }
    }

    /**
     * Dovecot serves the Maildir our SMTP server wrote (its own UIDL set to the Maildir file name, %f, as
     * ours is), and our client reads it over STLS with SCRAM-SHA-256: the bytes are the delivered file's.
     */
    @Test
    @RequiresTool(value = "Dovecot POP3", probe = {"/bin/sh", "-c", "test -x /usr/lib/dovecot/pop3 && dovecot --version"},
            install = "Debian package dovecot-pop3d")
    void dovecotServesOurMaildirToOurClient() throws Exception {
        plain.close();
        implicit.close();
        Path maildir = dir.resolve("maildir");
        byte[] firstMessage = Files.readAllBytes(delivered.get(0));   // Dovecot moves new/ files to cur/ when it opens the mailbox
        Path passwd = Files.writeString(dir.resolve("passwd"), "bob:{PLAIN}" + PASSWORD + "\n");
        int port;
        int tlsPort;
        try (ServerSocket free = new ServerSocket(0); ServerSocket freeToo = new ServerSocket(0)) {
            port = free.getLocalPort();
            tlsPort = freeToo.getLocalPort();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        // pop3-login must not run as root, nor may a mail user be uid 0: as root, Dovecot's own user serves
        String loginUser = root ? "dovenull" : System.getProperty("user.name");
        String internalUser = root ? "dovecot" : System.getProperty("user.name");
        String ids = PeerProcess.run(List.of("/bin/sh", "-c", "id -u " + internalUser + "; id -g " + internalUser), Duration.ofSeconds(10)).output();
        String[] uidGid = ids.strip().split("\\s+");
        if (root) {
            chownTree(dir, internalUser);
        }
        Path run = Files.createDirectories(dir.resolve("dovecot-run"));
        Path config = Files.writeString(dir.resolve("dovecot.conf"), """
                base_dir = %1$s
                state_dir = %1$s/state
                log_path = /dev/stderr
                instance_name = smtplab-pop3-test-%2$d
                protocols = pop3
                listen = 127.0.0.1
                ssl = required
                ssl_cert = <%3$s
                ssl_key = <%4$s
                auth_mechanisms = plain login scram-sha-256
                first_valid_uid = 1
                default_internal_user = %5$s
                default_internal_group = %5$s
                default_login_user = %6$s
                mail_location = maildir:%7$s/%%u@exemple.com
                pop3_uidl_format = %%f
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %8$s
                }
                userdb {
                  driver = static
                  args = uid=%9$s gid=%10$s home=%11$s
                }
                service pop3-login {
                  chroot =
                  inet_listener pop3 {
                    port = %2$d
                  }
                  inet_listener pop3s {
                    port = %12$d
                    ssl = yes
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(run, port, dir.resolve("certs/server.pem"), dir.resolve("certs/server-key.pem"), internalUser, loginUser,
                maildir, passwd, uidGid[0], uidGid[1], dir, tlsPort));
        try (PeerProcess dovecot = PeerProcess.startListening(List.of("dovecot", "-F", "-c", config.toString()), port, Duration.ofSeconds(20))) {
            List<String> transcript = new ArrayList<>();
            try (Pop3Client client = Pop3Client.connect(new java.net.InetSocketAddress("127.0.0.1", port), "localhost",
                    Pop3Client.Options.stls(JsseClientTls.trusting(caPem())).withTranscript(Pop3SocketTest.recording(transcript)))) {
                try {
                    client.authenticate(SaslClients.of(Mechanism.SCRAM_SHA_256, "bob", PASSWORD), false);
                } catch (Pop3RefusedException e) {
                    throw new AssertionError(e.getMessage() + "\nDovecot said:\n" + dovecot.output(), e);
                }
                assertThat(client.uidl()).extracting(Pop3Client.UniqueId::uniqueId)
                        .containsExactly(delivered.get(0).getFileName().toString(), delivered.get(1).getFileName().toString());
                ByteArrayOutputStream first = new ByteArrayOutputStream();
                client.retrieve(1, first);
                assertThat(first.toByteArray()).as(dovecot.output()).isEqualTo(firstMessage);
                client.delete(2);
                client.quit();
            }
            assertThat(transcript).contains("C: STLS").anyMatch(l -> l.startsWith("C: AUTH SCRAM-SHA-256 "));
            // and on Dovecot's port 995-style listener, implicit TLS and USER/PASS: one message is left
            try (Pop3Client client = Pop3Client.connect(new java.net.InetSocketAddress("127.0.0.1", tlsPort), "localhost",
                    Pop3Client.Options.implicitTls(JsseClientTls.trusting(caPem())))) {
                client.userPass("bob", PASSWORD);
                assertThat(client.uidl()).extracting(Pop3Client.UniqueId::uniqueId).containsExactly(delivered.get(0).getFileName().toString());
                client.quit();
            }
        }
        // Dovecot followed the same Maildir rules: the retrieved message is in cur/ with :2,S, the deleted one gone
        try (Stream<Path> cur = Files.list(maildir.resolve("bob@exemple.com/cur"))) {
            assertThat(cur.map(p -> p.getFileName().toString()).toList()).containsExactly(delivered.get(0).getFileName() + ":2,S");
        }
        assertThat(Files.list(maildir.resolve("bob@exemple.com/new")).toList()).isEmpty();
    }

    private static void chownTree(Path top, String user) throws Exception {
        UserPrincipalLookupService lookup = top.getFileSystem().getUserPrincipalLookupService();
        var owner = lookup.lookupPrincipalByName(user);
        var group = lookup.lookupPrincipalByGroupName(user);
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, owner);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }
}
