package io.github.smtplab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 1: the background queue ({@link QueueWorker}, thread {@code smtp-queue}) goes on
 * delivering after any failure of one attempt: a mail host that sends an endless multi-line greeting,
 * a run that throws a RuntimeException or an Error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueWorkerSurvivesTest {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final Mailbox CAROL = new Mailbox("carol", "hostile.exemple.com");
    static final byte[] MESSAGE = "From: alice@monentreprise.fr\r\nSubject: test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** exemple.com's MX is our server on 127.0.0.1; hostile.exemple.com's is the hostile one on 127.0.0.2. */
    static InMemoryResolver dns() {
        return InMemoryResolver.fromMasterFile("""
                $ORIGIN exemple.com.
                $TTL 300
                @   IN SOA ns hostmaster 1 3600 600 86400 60
                @   IN MX 10 mx
                mx  IN A 127.0.0.1
                hostile IN MX 10 mx.hostile
                mx.hostile IN A 127.0.0.2
                """, DomainName.of("exemple.com"));
    }

    static QueueRunner runner(Spool spool, DnsResolver dns, int port) {
        QueueRunner.Settings settings = new QueueRunner.Settings("smtp.monentreprise.fr", port, Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofHours(1), SmtpClient.Options.defaults("smtp.monentreprise.fr")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10)));
        return new QueueRunner(spool, dns, settings, Clock.systemUTC(), new Random(7));
    }

    static SmtpServer goodMx(InMemoryDelivery delivery) throws IOException {
        return SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false)).start();
    }

    /** The hostile mail host sends {@code 220-} lines forever; the good one gets its mail, before and after. */
    @Test
    void aHostileMailHostDoesNotStopTheQueue() throws Exception {
        InMemoryDelivery delivery = new InMemoryDelivery("mx.exemple.com");
        AtomicInteger hostileConnections = new AtomicInteger();
        try (SmtpServer good = goodMx(delivery);
             ServerSocket hostile = new ServerSocket()) {
            int port = good.address().getPort();
            hostile.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port));
            Thread.ofVirtual().start(() -> endlessGreetings(hostile, hostileConnections));
            Spool spool = new Spool(dir);
            spool.enqueue(ALICE, List.of(CAROL), MESSAGE, Instant.now());
            try (QueueWorker worker = QueueWorker.start(runner(spool, dns(), port), Duration.ofMillis(100))) {
                worker.wakeUp();
                waitFor(() -> hostileConnections.get() >= 2, "the worker tried the hostile host at least twice");
                spool.enqueue(ALICE, List.of(BOB), MESSAGE, Instant.now());
                worker.wakeUp();
                waitFor(() -> delivery.messages().size() == 1, "the good host got its message");
                assertThat(worker.isAlive()).isTrue();
                assertThat(spool.entries()).singleElement().satisfies(left -> {
                    assertThat(left.recipients()).containsExactly(CAROL);
                    assertThat(left.lastErrors().values()).singleElement().asString()
                            .contains("more than " + io.github.smtplab.core.ReplyParser.MAX_REPLY_OCTETS + " octets");
                });
            }
        }
    }

    /** A run that throws (a RuntimeException, then an AssertionError) is logged; the next run delivers. */
    @Test
    void aRunThatThrowsIsFollowedByTheNext() throws Exception {
        InMemoryDelivery delivery = new InMemoryDelivery("mx.exemple.com");
        AtomicInteger queries = new AtomicInteger();
        InMemoryResolver zone = dns();
        DnsResolver failingTwice = (name, type) -> switch (queries.incrementAndGet()) {
            case 1 -> throw new IllegalStateException("a defect in the resolver");
            case 2 -> throw new AssertionError("a broken invariant");
            default -> zone.query(name, type);
        };
        try (SmtpServer good = goodMx(delivery)) {
            Spool spool = new Spool(dir);
            spool.enqueue(ALICE, List.of(BOB), MESSAGE, Instant.now());
            try (QueueWorker worker = QueueWorker.start(runner(spool, failingTwice, good.address().getPort()), Duration.ofMillis(100))) {
                waitFor(() -> delivery.messages().size() == 1, "delivered after two failed runs");
                assertThat(queries.get()).isGreaterThan(2);
                assertThat(worker.isAlive()).isTrue();
                assertThat(worker.failure()).isEmpty();
            }
        }
    }

    /** Every connection gets 220- lines of 400 octets until it goes away. */
    private static void endlessGreetings(ServerSocket listener, AtomicInteger connections) {
        byte[] line = ("220-" + "x".repeat(400) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> {
                    try (socket; OutputStream out = socket.getOutputStream()) {
                        while (true) {
                            out.write(line);
                        }
                    } catch (IOException e) {
                        // the client gave up on this reply, as it should
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what + " (within 20 s)").isTrue();
    }
}
