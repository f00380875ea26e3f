package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.relay.Spool;
import io.github.smtplab.testkit.PeerProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission server in its own JVM accepts a message for relay while the MX is unreachable, and is
 * killed with SIGKILL (no shutdown hook runs). The spool it leaves is delivered by the next process.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void mailQueuedBeforeKillNineIsDeliveredAfterRestart() throws Exception {
        ZoneParseResult zone = MasterFileParser.parse("""
                $ORIGIN exemple.com.
                $TTL 60
                @  IN SOA ns hostmaster 1 3600 600 86400 60
                @  IN MX 10 mx
                mx IN A 127.0.0.1
                """, DomainName.of("exemple.com"));
        InMemoryDelivery bob = new InMemoryDelivery("mx.exemple.com");
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(((ZoneParseResult.Parsed) zone).zone()))) {
            int submissionPort = PeerProcess.freePort();
            int deadPort = PeerProcess.freePort();   // the MX is down while the first process runs
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), "io.github.smtplab.lab.Main", "serve", "--catch-all",
                    "--listen", "127.0.0.1:" + submissionPort, "--role", "submission", "--domain", "monentreprise.fr",
                    "--maildir", dir.toString(), "--dns", "127.0.0.1:" + dns.address().getPort(), "--relay-port", String.valueOf(deadPort));
            try (PeerProcess server = PeerProcess.startListening(command, submissionPort, Duration.ofSeconds(30));
                 SmtpClient client = SmtpClient.connect(new InetSocketAddress("127.0.0.1", submissionPort),
                         SmtpClient.Options.defaults("laptop.monentreprise.fr"))) {
                assertThat(client.send(new Mailbox("alice", "monentreprise.fr"), List.of(new Mailbox("bob", "exemple.com")),
                        "Subject: survives\r\n\r\nkill -9\r\n".getBytes(StandardCharsets.US_ASCII)).allAccepted()).as(server.output()).isTrue();
                server.kill();   // SIGKILL: no shutdown hook, no graceful close
            }
            Path spool = dir.resolve(".queue");
            assertThat(new Spool(spool).entries()).hasSize(1);
            try (SmtpServer mx = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).listen(new InetSocketAddress("127.0.0.1", 0))
                    .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), bob, Optional.empty(), s -> false)).start()) {
                ServeAndSendTest.Run flush = ServeAndSendTest.smtplab("queue", "flush",
                        "--spool", spool.toString(), "--dns", "127.0.0.1:" + dns.address().getPort(), "--port", String.valueOf(mx.address().getPort()));
                assertThat(flush.out()).as(flush.err()).contains("delivered 1, deferred 0, bounced 0");
            }
        }
        assertThat(bob.messages()).singleElement().satisfies(m -> assertThat(m.text()).contains("Subject: survives"));
    }
}
