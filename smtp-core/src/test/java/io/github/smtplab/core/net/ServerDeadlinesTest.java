package io.github.smtplab.core.net;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SocketTestSupport.RawPeer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's deadlines ({@link ServerTimeouts}) against hostile clients over loopback, with deadlines
 * of about a second. RFC 5321 §4.5.3.2.7 gives the command deadline's basis, §4.5.3.2.6 the message's.
 * Nothing here measures time: each test only needs the server to give up before the client does (the
 * clients drip far longer than the deadlines) and within the generous {@link Timeout}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerDeadlinesTest {

    static final Duration SHORT = Duration.ofMillis(800);

    @TempDir
    Path maildir;

    private SmtpServer server(IoModel io, ServerTimeouts timeouts) throws IOException {
        MaildirDelivery delivery = new MaildirDelivery(maildir, "mx.exemple.com");
        return SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).io(io)
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false))
                .timeouts(timeouts)
                .shutdownGrace(Duration.ofSeconds(2))
                .start();
    }

    /** Sends {@code text} one octet at a time, {@code gap} apart; stops quietly when the server has closed. */
    private static void drip(RawPeer peer, String text, Duration gap) throws InterruptedException {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            try {
                peer.send(new byte[] {b});
            } catch (IOException closedByServer) {
                return;
            }
            Thread.sleep(gap);
        }
    }

    /** A command line dripped one octet per 300 ms (each read well within the deadline) still meets the line's deadline. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aDrippedCommandLineMeetsItsDeadline(IoModel io) throws Exception {
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS.withCommandLine(SHORT);
        try (SmtpServer server = server(io, timeouts); RawPeer peer = new RawPeer(server.address())) {
            assertThat(peer.reply()).startsWith("220 ");
            // 40 octets at 300 ms: 12 s of dripping, far beyond the 0.8 s deadline of the line
            CompletableFuture<Void> dripping = CompletableFuture.runAsync(() -> {
                try {
                    drip(peer, "NOOP this line never ends in time.....\r\n", Duration.ofMillis(300));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(peer.reply()).isEqualTo("421 Timeout, closing transmission channel");   // no EHLO: no 4.4.2
            assertThat(peer.line()).isNull();   // and the connection is closed
            assertThat(dripping).isNotDone();   // the server gave up while the client was still dripping
            dripping.cancel(true);
        }
    }

    /** Complete commands, each within the deadline, keep the session alive: the deadline is per line. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void eachAnsweredCommandStartsANewDeadline(IoModel io) throws Exception {
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS.withCommandLine(Duration.ofSeconds(3));
        try (SmtpServer server = server(io, timeouts); RawPeer peer = new RawPeer(server.address())) {
            assertThat(peer.reply()).startsWith("220 ");
            for (int i = 0; i < 4; i++) {
                Thread.sleep(1000);   // 4 s in all: more than one deadline, less than one per command
                peer.send("NOOP\r\n");
                assertThat(peer.reply()).isEqualTo("250 OK");
            }
        }
    }

    /** DATA dripped line by line (each read within the command deadline) meets the message deadline; nothing is stored. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aDrippedMessageMeetsItsDeadlineAndIsNotDelivered(IoModel io) throws Exception {
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS.withCommandLine(Duration.ofSeconds(5)).withMessage(SHORT);
        try (SmtpServer server = server(io, timeouts); RawPeer peer = new RawPeer(server.address())) {
            assertThat(peer.reply()).startsWith("220 ");
            peer.send("EHLO client.example\r\n");
            assertThat(peer.reply()).startsWith("250 ");
            peer.send("MAIL FROM:<alice@monentreprise.fr>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\n");
            assertThat(peer.reply()).startsWith("250 ");
            assertThat(peer.reply()).startsWith("250 ");
            assertThat(peer.reply()).startsWith("354 ");
            CompletableFuture<Void> dripping = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        drip(peer, "x\r\n", Duration.ofMillis(100));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(peer.reply()).isEqualTo("421 4.4.2 Timeout, closing transmission channel");
            assertThat(peer.line()).isNull();
            assertThat(dripping).isNotDone();
            dripping.cancel(true);
        }
        MaildirDelivery maildirs = new MaildirDelivery(maildir, "x");
        assertThat(maildirs.newMessages(new Mailbox("bob", "exemple.com"))).isEmpty();
        assertThat(maildirs.hasTmpFiles()).isFalse();
    }

    /**
     * A client that pipelines commands and never reads the replies: once the server's writes block past
     * the write deadline, the connection is closed (the client's writes then fail) and the slot is free.
     */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aClientThatNeverReadsIsDroppedAtTheWriteDeadline(IoModel io) throws Exception {
        ServerTimeouts timeouts = ServerTimeouts.DEFAULTS.withCommandLine(Duration.ofSeconds(10)).withWrite(SHORT);
        try (SmtpServer server = server(io, timeouts); Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);   // before connect: a small window, so the server's writes block soon
            socket.connect(server.address(), 5000);
            byte[] noops = "NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            AtomicLong sent = new AtomicLong();
            CompletableFuture<IOException> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    while (sent.get() < 1_000_000_000L) {   // ~2.3 GB of replies: no buffer holds that
                        out.write(noops);
                        sent.addAndGet(noops.length);
                    }
                    return null;
                } catch (IOException closedByServer) {
                    return closedByServer;
                }
            });
            assertThat(writer.get(45, TimeUnit.SECONDS)).as("the server closed the connection").isNotNull();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.connectionCount()).isZero();
        }
    }
}
