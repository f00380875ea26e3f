package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18 item 3: a lookup ends at its deadline ({@link ResolverConfig#queryDeadline()}, every try and
 * the TCP fallback included), even against a server that announces a 60,000-octet TCP reply and drips
 * it one octet at a time, which no per-read timeout would ever stop. Bounded by {@code @Timeout}; no
 * timing is measured.
 */
@Timeout(30)
class ResolverDeadlineTest {

    static final Question QUESTION = new Question(DomainName.of("mx1.lab.example"), RecordType.A);

    /** A TCP name server that reads a query, announces 60,000 octets, and sends one every {@code dripMillis}. */
    static final class DrippingTcpServer implements AutoCloseable {
        final ServerSocket listener;
        final AtomicLong written = new AtomicLong();

        DrippingTcpServer(long dripMillis) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket socket = listener.accept();
                        Thread.ofVirtual().start(() -> drip(socket, dripMillis));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void drip(Socket socket, long dripMillis) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                int length = in.read() << 8 | in.read();
                in.readNBytes(length);
                out.write(new byte[] {(byte) 0xEA, (byte) 0x60});   // 60,000 octets to come
                out.flush();
                for (int i = 0; i < 60_000; i++) {
                    out.write('x');
                    out.flush();
                    written.incrementAndGet();
                    Thread.sleep(dripMillis);
                }
            } catch (IOException | InterruptedException e) {
                // the resolver gave up, as it should
            }
        }

        InetSocketAddress address() {
            return (InetSocketAddress) listener.getLocalSocketAddress();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** Real time: UDP answers with TC set, the TCP retry drips; the 1 s × 2 attempts deadline ends it. */
    @Test
    void truncatedThenDrippingTcpMeetsTheDeadline() throws IOException {
        try (DrippingTcpServer tcp = new DrippingTcpServer(300);
             DatagramSocket udp = new DatagramSocket(tcp.address())) {
            Thread.ofVirtual().start(() -> answerTruncated(udp));
            ResolverConfig config = new ResolverConfig(List.of(tcp.address()), Duration.ofSeconds(1), 2, 1232, 0);
            LookupResult result = new StubResolver(config).query(QUESTION.name(), QUESTION.type());
            assertThat(result).isInstanceOfSatisfying(LookupResult.Failure.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.detail()).contains("no complete reply over TCP");
            });
            assertThat(tcp.written.get()).isLessThan(60_000);
        }
    }

    /**
     * The resolv.conf defaults (5 s, 2 attempts) with a clock the test controls: it moves one second each
     * time it is read, so the dripping server meets each try's deadline after a few octets.
     */
    @Test
    void deadlinesReadTheInjectedClock() throws IOException {
        try (DrippingTcpServer tcp = new DrippingTcpServer(20)) {
            ResolverConfig config = new ResolverConfig(List.of(tcp.address()), ResolverConfig.DEFAULT_TIMEOUT,
                    ResolverConfig.DEFAULT_ATTEMPTS, 1232, 0).withTcpOnly(true);
            assertThat(config.queryDeadline()).isEqualTo(Duration.ofSeconds(10));
            LookupResult result = new StubResolver(config, new SecondStepClock()).query(QUESTION.name(), QUESTION.type());
            assertThat(result).isInstanceOfSatisfying(LookupResult.Failure.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(f.detail()).contains("within 5000 ms");
            });
            assertThat(tcp.written.get()).as("octets dripped before both deadlines passed").isLessThan(30);
        }
    }

    /** queryDeadline = timeout × attempts × servers: the most resolv.conf's settings promise. */
    @Test
    void queryDeadlineCoversEveryTry() {
        ResolverConfig three = ResolverConfig.of("127.0.0.1:53", "127.0.0.2:53", "127.0.0.3:53")
                .withTimeout(Duration.ofSeconds(2)).withAttempts(3);
        assertThat(three.queryDeadline()).isEqualTo(Duration.ofSeconds(18));
    }

    private static void answerTruncated(DatagramSocket udp) {
        byte[] buffer = new byte[2048];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                DnsMessage query = ((DnsDecodeResult.Decoded) MessageCodec.decode(buffer, packet.getLength())).message();
                DnsMessage truncated = query.withHeader(new Header(query.header().id(), true, 0, true, true, true, false, 0, Rcode.NOERROR));
                byte[] reply = MessageCodec.encode(truncated);
                udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A clock that moves one second forward each time it is read. */
    static final class SecondStepClock implements InstantSource {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}
