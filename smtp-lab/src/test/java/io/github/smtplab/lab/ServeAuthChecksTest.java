package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two {@code serve} processes in one: a submission server that DKIM-signs what it relays
 * ({@code --dkim-key}), and an MX that checks SPF, DKIM and DMARC ({@code --check-auth}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeAuthChecksTest {

    @TempDir
    Path dir;

    @Test
    void signedAtSubmissionCheckedAtTheMx() throws Exception {
        SigningKey key = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        Path keyFile = Files.writeString(dir.resolve("s1.pem"), key.privateKeyPem());
        String zones = """
                $ORIGIN monentreprise.fr.
                $TTL 60
                @  IN SOA ns hostmaster 1 3600 600 86400 60
                @  IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                _dmarc IN TXT "v=DMARC1; p=reject"
                s1._domainkey IN TXT "%s"
                """.formatted(key.keyRecord());
        String exemple = """
                $ORIGIN exemple.com.
                $TTL 60
                @  IN SOA ns hostmaster 1 3600 600 86400 60
                @  IN MX 10 mx
                mx IN A 127.0.0.1
                """;
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone(zones, "monentreprise.fr"),
                zone(exemple, "exemple.com"), zone(tld("fr"), "fr"), zone(tld("com"), "com")))) {
            String dnsAt = "127.0.0.1:" + dns.address().getPort();
            ServeCommand mx = new ServeCommand();
            Thread mxThread = start(mx, "--catch-all", "--listen", "127.0.0.1:0", "--role", "mx", "--domain", "exemple.com", "--maildir",
                    dir.resolve("mx").toString(), "--check-auth", "--dmarc-reject", "--dns", dnsAt);
            ServeCommand submission = new ServeCommand();
            Thread subThread = start(submission, "--catch-all", "--listen", "127.0.0.1:0", "--role", "submission", "--domain", "monentreprise.fr",
                    "--maildir", dir.resolve("sub").toString(), "--dns", "127.0.0.1:" + dns.address().getPort(),
                    "--relay-port", String.valueOf(mx.boundAddress.getPort()), "--dkim-key", keyFile.toString(), "--dkim-selector", "s1");
            try {
                ServeAndSendTest.Run sent = ServeAndSendTest.smtplab("send", "--server", "127.0.0.1:" + submission.boundAddress.getPort(),
                        "--from", "Alice <alice@monentreprise.fr>", "--to", "bob@exemple.com", "--subject", "signé", "--text", "x");
                assertThat(sent.exitCode()).as(sent.out() + sent.err()).isZero();
                Path bob = dir.resolve("mx").resolve("bob@exemple.com").resolve("new");
                for (int i = 0; i < 200 && (!Files.isDirectory(bob) || list(bob).isEmpty()); i++) {
                    Thread.sleep(50);
                }
                String stored = Files.readString(list(bob).getFirst());
                assertThat(stored).startsWith("Return-Path: <alice@monentreprise.fr>").contains("Authentication-Results: mx.exemple.com;")
                        .contains("spf=pass").contains("dkim=pass header.d=monentreprise.fr").contains("dmarc=pass")
                        .contains("Received-SPF: pass").contains("DKIM-Signature: v=1;")
                        .contains("smtp.helo=smtp.monentreprise.fr");   // RFC 7208 §2.3: the HELO identity, checked on its own
            } finally {
                submission.stop.countDown();
                mx.stop.countDown();
                subThread.join(10_000);
                mxThread.join(10_000);
            }
        }
    }

    private static Thread start(ServeCommand serve, String... args) throws InterruptedException {
        CommandLine cli = new CommandLine(serve);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        Thread t = Thread.ofVirtual().start(() -> cli.execute(args));
        for (int i = 0; i < 400 && serve.boundAddress == null; i++) {
            Thread.sleep(25);
        }
        assertThat(serve.boundAddress).as(err.toString()).isNotNull();
        return t;
    }

    private static String tld(String name) {
        return "$ORIGIN " + name + ".\n$TTL 60\n@ IN SOA ns.nic hostmaster.nic 1 3600 600 86400 60\n";
    }

    private static io.github.smtplab.dns.Zone zone(String text, String origin) {
        return ((ZoneParseResult.Parsed) MasterFileParser.parse(text, DomainName.of(origin))).zone();
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
