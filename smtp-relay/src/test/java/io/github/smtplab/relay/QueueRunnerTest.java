package io.github.smtplab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.mime.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The outbound queue against real SMTP servers on loopback, with DNS answered from an in-memory zone. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueRunnerTest {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final byte[] MESSAGE = "From: alice@monentreprise.fr\r\nTo: bob@exemple.com\r\nSubject: Réunion demain\r\n\r\nà demain\r\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** exemple.com: MX 10 mx1 (127.0.0.2, where nothing listens) and MX 20 mx2 (127.0.0.1, our server). */
    static InMemoryResolver dns() {
        return InMemoryResolver.fromMasterFile("""
                $ORIGIN exemple.com.
                $TTL 300
                @   IN SOA ns hostmaster 1 3600 600 86400 60
                @   IN MX 10 mx1
                @   IN MX 20 mx2
                mx1 IN A 127.0.0.2
                mx2 IN A 127.0.0.1
                """, DomainName.of("exemple.com"));
    }

    QueueRunner runner(Spool spool, int port, ManualClock clock) {
        QueueRunner.Settings settings = new QueueRunner.Settings("smtp.monentreprise.fr", port, Duration.ofMinutes(1), Duration.ofMinutes(8),
                Duration.ofHours(1), SmtpClient.Options.defaults("smtp.monentreprise.fr")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10)));
        return new QueueRunner(spool, dns(), settings, clock, new Random(7));
    }

    static SmtpServer mx(ServerHooks hooks) throws IOException {
        return SmtpServer.builder(ServerConfig.defaults("mx2.exemple.com")).listen(new InetSocketAddress("127.0.0.1", 0)).hooks(hooks).start();
    }

    /** RFC 5321 §5.1: the first MX refuses connections, the second one gets the message. */
    @Test
    void fallsBackToTheNextMx() throws Exception {
        InMemoryDelivery delivery = new InMemoryDelivery("mx2.exemple.com");
        ManualClock clock = new ManualClock();
        try (SmtpServer server = mx(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false))) {
            Spool spool = new Spool(dir);
            spool.enqueue(ALICE, List.of(BOB), MESSAGE, clock.instant());
            assertThat(runner(spool, server.address().getPort(), clock).runOnce()).isEqualTo(new QueueRunner.Report(1, 0, 0));
            assertThat(spool.entries()).isEmpty();
        }
        assertThat(delivery.messages()).singleElement().satisfies(m -> assertThat(m.text()).endsWith(new String(MESSAGE, StandardCharsets.UTF_8)));
    }

    /** RFC 5321 §4.5.4.1: 451 twice, then accepted — delivered on the third try, with growing waits. */
    @Test
    void retriesTemporaryFailures() throws Exception {
        InMemoryDelivery delivery = new InMemoryDelivery("mx2.exemple.com");
        AtomicInteger tries = new AtomicInteger();
        RoleHooks accept = new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false);
        ServerHooks flaky = new ServerHooks() {
            @Override
            public Reply onMail(ReversePath sender, EsmtpParameters parameters, SessionView session) {
                return tries.incrementAndGet() <= 2 ? Reply.of(451, "4.3.0", "try again later") : accept.onMail(sender, parameters, session);
            }

            @Override
            public Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
                return accept.onRcpt(recipient, parameters, session);
            }

            @Override
            public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
                return accept.onData(envelope, session);
            }
        };
        ManualClock clock = new ManualClock();
        try (SmtpServer server = mx(flaky)) {
            Spool spool = new Spool(dir);
            spool.enqueue(ALICE, List.of(BOB), MESSAGE, clock.instant());
            QueueRunner queue = runner(spool, server.address().getPort(), clock);
            assertThat(queue.runOnce()).isEqualTo(new QueueRunner.Report(0, 1, 0));
            QueueEntry waiting = spool.entries().getFirst();
            assertThat(waiting.nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(waiting.lastErrors()).containsValue("451 4.3.0 try again later");
            assertThat(queue.runOnce()).as("not due yet").isEqualTo(new QueueRunner.Report(0, 0, 0));
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            assertThat(queue.runOnce()).isEqualTo(new QueueRunner.Report(0, 1, 0));
            assertThat(spool.entries().getFirst().nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertThat(queue.runOnce()).isEqualTo(new QueueRunner.Report(1, 0, 0));
            assertThat(spool.entries()).isEmpty();
        }
        assertThat(delivery.messages()).hasSize(1);
    }

    /** A 550 is final: the sender gets a bounce (RFC 3464) from <>, with the original header in it. */
    @Test
    void permanentFailuresBounce() throws Exception {
        ServerHooks refuse = new ServerHooks() {
            @Override
            public Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
                return Reply.of(550, "5.1.1", "<bob@exemple.com>: no such user");
            }
        };
        ManualClock clock = new ManualClock();
        try (SmtpServer server = mx(refuse)) {
            Spool spool = new Spool(dir);
            spool.enqueue(ALICE, List.of(BOB), MESSAGE, clock.instant());
            assertThat(runner(spool, server.address().getPort(), clock).runOnce()).isEqualTo(new QueueRunner.Report(0, 0, 1));
            QueueEntry bounce = spool.entries().getFirst();
            assertThat(bounce.sender()).isEqualTo(ReversePath.NULL);
            assertThat(bounce.recipients()).containsExactly(ALICE);
            String report = new String(spool.message(bounce), StandardCharsets.UTF_8);
            assertThat(report).contains("Content-Type: multipart/report; report-type=delivery-status;")
                    .contains("Final-Recipient: rfc822; bob@exemple.com\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                    .contains("Diagnostic-Code: smtp; 550 5.1.1 <bob@exemple.com>: no such user")
                    .contains("To: bob@exemple.com");   // the original header, returned
            assertThat(Message.parse(spool.message(bounce)).warnings()).isEmpty();
        }
    }

    /** A bounce that cannot be delivered is dropped: bounces never bounce (RFC 5321 §4.5.5). */
    @Test
    void bouncesNeverBounce() throws Exception {
        ServerHooks refuse = new ServerHooks() {
            @Override
            public Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
                return Reply.of(550, "5.1.1", "no");
            }
        };
        ManualClock clock = new ManualClock();
        try (SmtpServer server = mx(refuse)) {
            Spool spool = new Spool(dir);
            spool.enqueue(ReversePath.NULL, List.of(BOB), MESSAGE, clock.instant());
            assertThat(runner(spool, server.address().getPort(), clock).runOnce()).isEqualTo(new QueueRunner.Report(0, 0, 1));
            assertThat(spool.entries()).isEmpty();
        }
    }

    /** A spool reopened after a crash (a new process) still holds the message, and delivers it. */
    @Test
    void theSpoolSurvivesARestart() throws Exception {
        ManualClock clock = new ManualClock();
        new Spool(dir).enqueue(ALICE, List.of(BOB), MESSAGE, clock.instant());
        java.nio.file.Files.writeString(dir.resolve("msg").resolve("orphan.eml"), "half written");   // crash before its envelope
        InMemoryDelivery delivery = new InMemoryDelivery("mx2.exemple.com");
        try (SmtpServer server = mx(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false))) {
            Spool reopened = new Spool(dir);
            assertThat(reopened.entries()).hasSize(1);
            assertThat(dir.resolve("msg").resolve("orphan.eml")).doesNotExist();
            assertThat(runner(reopened, server.address().getPort(), clock).runOnce().delivered()).isEqualTo(1);
        }
        assertThat(delivery.messages()).hasSize(1);
    }

    /** Past the maximum age, a message still failing temporarily is bounced (RFC 3463 X.4.7). */
    @Test
    void expiredMessagesBounce() throws Exception {
        ManualClock clock = new ManualClock();
        Spool spool = new Spool(dir);
        spool.enqueue(ALICE, List.of(BOB), MESSAGE, clock.instant());
        int closedPort = io.github.smtplab.testkit.PeerProcess.freePort();   // nobody listens: a connection failure
        QueueRunner queue = runner(spool, closedPort, clock);
        assertThat(queue.runOnce()).isEqualTo(new QueueRunner.Report(0, 1, 0));
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(queue.runOnce()).isEqualTo(new QueueRunner.Report(0, 0, 1));
        String report = new String(spool.message(spool.entries().getFirst()), StandardCharsets.UTF_8);
        assertThat(report).contains("Status: 4.4.7");
    }
}
