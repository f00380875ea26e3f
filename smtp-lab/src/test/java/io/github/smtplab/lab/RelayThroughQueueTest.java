package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The seed's path in miniature: a submission server ({@code serve --role submission}) takes Alice's
 * message, queues it, finds exemple.com's MX through our DNS server, and relays it to the MX.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayThroughQueueTest {

    @TempDir
    Path dir;

    @Test
    void submissionRelaysThroughTheQueueToTheMx() throws Exception {
        InMemoryDelivery bobsMailbox = new InMemoryDelivery("mx.exemple.com");
        ZoneParseResult zone = MasterFileParser.parse("""
                $ORIGIN exemple.com.
                $TTL 60
                @  IN SOA ns hostmaster 1 3600 600 86400 60
                @  IN MX 10 mx
                mx IN A 127.0.0.1
                """, DomainName.of("exemple.com"));
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(((ZoneParseResult.Parsed) zone).zone()));
             SmtpServer mx = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).listen(new InetSocketAddress("127.0.0.1", 0))
                     .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), bobsMailbox, Optional.empty(), s -> false)).start()) {
            ServeCommand serve = new ServeCommand();
            CommandLine cli = new CommandLine(serve);
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            Thread submission = Thread.ofVirtual().start(() -> cli.execute("--catch-all", "--listen", "127.0.0.1:0", "--role", "submission",
                    "--domain", "monentreprise.fr", "--maildir", dir.toString(), "--dns", "127.0.0.1:" + dns.address().getPort(),
                    "--mx-port", String.valueOf(mx.address().getPort())));
            while (serve.boundAddress == null) {
                Thread.sleep(20);
            }
            ServeAndSendTest.Run sent = ServeAndSendTest.smtplab("send", "--server", "127.0.0.1:" + serve.boundAddress.getPort(),
                    "--from", "Alice <alice@monentreprise.fr>", "--to", "Bob <bob@exemple.com>", "--subject", "Réunion demain",
                    "--text", "À demain.", "--hostname", "laptop.monentreprise.fr");
            assertThat(sent.exitCode()).as(sent.out() + sent.err()).isZero();
            assertThat(sent.out()).contains("Queued for relay");
            for (int i = 0; i < 200 && bobsMailbox.messages().isEmpty(); i++) {
                Thread.sleep(50);
            }
            serve.stop.countDown();
            submission.join(10_000);
        }
        assertThat(bobsMailbox.messages()).singleElement().satisfies(m -> {
            String text = m.text();
            // read bottom-up: the submission server's Received, then the MX's (RFC 5321 §4.4)
            assertThat(text).startsWith("Return-Path: <alice@monentreprise.fr>\r\nReceived: from smtp.monentreprise.fr ([127.0.0.1])");
            assertThat(text).contains("Received: from laptop.monentreprise.fr ([127.0.0.1])\r\n\tby smtp.monentreprise.fr (smtplab)");
            assertThat(text).contains("Subject: =?UTF-8?Q?R=C3=A9union?= demain");
        });
    }

    /** {@code send --via-mx}: no submission server, the client itself finds exemple.com's MX and delivers. */
    @Test
    void sendViaMx() throws Exception {
        InMemoryDelivery bobsMailbox = new InMemoryDelivery("mx.exemple.com");
        ZoneParseResult zone = MasterFileParser.parse("""
                $ORIGIN exemple.com.
                $TTL 60
                @  IN SOA ns hostmaster 1 3600 600 86400 60
                @  IN MX 10 mx
                mx IN A 127.0.0.1
                """, DomainName.of("exemple.com"));
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(((ZoneParseResult.Parsed) zone).zone()));
             SmtpServer mx = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).listen(new InetSocketAddress("127.0.0.1", 0))
                     .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), bobsMailbox, Optional.empty(), s -> false)).start()) {
            ServeAndSendTest.Run sent = ServeAndSendTest.smtplab("send", "--via-mx", "--dns", "127.0.0.1:" + dns.address().getPort(),
                    "--mx-port", String.valueOf(mx.address().getPort()), "--from", "alice@monentreprise.fr", "--to", "bob@exemple.com",
                    "--subject", "direct", "--text", "x", "--helo", "laptop.monentreprise.fr");
            assertThat(sent.exitCode()).as(sent.out() + sent.err()).isZero();
            assertThat(sent.out()).contains("via MX: delivered 1, deferred 0, bounced 0");
        }
        assertThat(bobsMailbox.messages()).singleElement().satisfies(m -> assertThat(m.text()).contains("Subject: direct"));
    }
}
