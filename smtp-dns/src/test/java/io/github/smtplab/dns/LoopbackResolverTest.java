package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StubResolver} against {@link ZoneServer} and hand-made misbehaving servers, over 127.0.0.1 only. */
@Timeout(30)
class LoopbackResolverTest {

    private static ZoneServer server;

    @BeforeAll
    static void start() throws IOException {
        server = ZoneServer.start(TestZones.all());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** 1.5 s per server: long enough for a loaded CI machine, short enough for the timeout tests. */
    private static ResolverConfig config(InetSocketAddress... servers) {
        return new ResolverConfig(List.of(servers), Duration.ofMillis(1500), 1, ResolverConfig.DEFAULT_EDNS_PAYLOAD, 0);
    }

    private static StubResolver resolver() {
        return new StubResolver(config(server.address()));
    }

    @Test
    void answersOverUdp() {
        LookupResult r = resolver().query("mx1.lab.example", RecordType.A);
        assertThat(((LookupResult.Found) r).addresses()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.1");
        assertThat(((LookupResult.Found) resolver().query("lab.example", RecordType.MX)).data()).hasSize(3);
    }

    /** RFC 1035 §4.2.1 + RFC 7766 §5: a UDP answer too big comes back empty with TC; the resolver asks over TCP. */
    @Test
    void truncatedAnswerIsFetchedOverTcp() throws IOException {
        Question q = new Question(DomainName.of("big.lab.example"), RecordType.TXT);
        byte[] query = MessageCodec.encode(DnsMessage.query(4242, q, false, 1232));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(query, query.length, server.address()));
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            socket.receive(reply);
            DnsMessage m = ((DnsDecodeResult.Decoded) MessageCodec.decode(reply.getData(), reply.getLength())).message();
            assertThat(m.header().truncated()).isTrue();
            assertThat(m.answers()).isEmpty();
            assertThat(reply.getLength()).isLessThanOrEqualTo(1232);
        }
        LookupResult r = resolver().query("big.lab.example", RecordType.TXT);
        assertThat(((LookupResult.Found) r).records()).hasSize(40);
    }

    /** The same over IPv6 loopback, when the machine has it (RFC 3596 is about data; transport is independent). */
    @Test
    void ipv6Loopback() throws IOException {
        InetSocketAddress any6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        ZoneServer server6;
        try {
            server6 = ZoneServer.start(any6, TestZones.all());
        } catch (IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6.getMessage());
            return;
        }
        try (server6) {
            String where = "[::1]:" + server6.address().getPort();
            StubResolver r6 = new StubResolver(ResolverConfig.of(where).withCacheCapacity(0).withTimeout(Duration.ofSeconds(2)));
            assertThat(((LookupResult.Found) r6.query("mx2.lab.example", RecordType.AAAA)).shortLines()).containsExactly("2001:db8::2");
            assertThat(((LookupResult.Found) r6.query("big.lab.example", RecordType.TXT)).records()).hasSize(40);
        }
    }

    /** RFC 7766 §5: a client may use TCP from the start; a big answer then needs no retry. */
    @Test
    void tcpOnly() {
        StubResolver tcp = new StubResolver(config(server.address()).withTcpOnly(true));
        assertThat(((LookupResult.Found) tcp.query("big.lab.example", RecordType.TXT)).records()).hasSize(40);
        assertThat(tcp.query("nosuch.lab.example", RecordType.A).status()).isEqualTo("NXDOMAIN");
    }

    /** Hostile datagrams never stop the server: after 300 random ones it still answers. */
    @Test
    void serverSurvivesRandomDatagrams() throws IOException {
        java.util.Random random = new java.util.Random(42);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < 300; i++) {
                byte[] junk = new byte[random.nextInt(80)];
                random.nextBytes(junk);
                if (junk.length > 2) {
                    junk[2] &= 0x7F; // a "query", so the server tries to answer it
                }
                socket.send(new DatagramPacket(junk, junk.length, server.address()));
            }
        }
        // 300 datagrams can fill the server's socket buffer (about 160 small datagrams by default on Linux), so
        // our query may be dropped like any UDP datagram: the resolver's retry is what gets it through.
        StubResolver retrying = new StubResolver(config(server.address()).withAttempts(3));
        assertThat(retrying.query("mx1.lab.example", RecordType.A)).isInstanceOf(LookupResult.Found.class);
    }

    /** RFC 2308 §2: NXDOMAIN and NODATA stay apart over the wire too. */
    @Test
    void nxDomainAndNoDataStayApart() {
        assertThat(resolver().query("nosuch.lab.example", RecordType.A)).isInstanceOf(LookupResult.NxDomain.class);
        assertThat(resolver().query("mx1.lab.example", RecordType.MX)).isInstanceOf(LookupResult.NoData.class);
        assertThat(((LookupResult.Failure) resolver().query("example.net", RecordType.A)).kind()).isEqualTo(FailureKind.REFUSED);
    }

    /** RFC 1034 §3.6.2: a chain inside a zone and one leaving it for another zone. */
    @Test
    void cnameChains() {
        LookupResult r = resolver().query("alias.lab.example", RecordType.A);
        assertThat(((LookupResult.Found) r).canonicalName()).isEqualTo(DomainName.of("mx1.lab.example"));
        LookupResult across = resolver().query("outside.lab.example", RecordType.A);
        assertThat(((LookupResult.Found) across).canonicalName()).isEqualTo(DomainName.of("www.other.example"));
    }

    /** A server that never answers: after its timeout the next server is asked. */
    @Test
    void silentServerTimesOutAndTheNextOneAnswers() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress silentAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());
            LookupResult alone = new StubResolver(config(silentAddress)).query("mx1.lab.example", RecordType.A);
            assertThat(((LookupResult.Failure) alone).kind()).isEqualTo(FailureKind.TIMEOUT);
            LookupResult r = new StubResolver(config(silentAddress, server.address())).query("mx1.lab.example", RecordType.A);
            assertThat(r).isInstanceOf(LookupResult.Found.class);
        }
    }

    /**
     * RFC 5452 §4: replies with the wrong ID, from the wrong port, or for another question are ignored;
     * the genuine reply that follows them is used. A server that sends only forgeries gives a failure.
     */
    @Test
    void spoofedRepliesAreIgnored() throws Exception {
        try (SpoofingServer spoofer = new SpoofingServer(true)) {
            LookupResult r = new StubResolver(config(spoofer.address())).query("mx1.lab.example", RecordType.A);
            assertThat(((LookupResult.Found) r).addresses()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.1");
        }
        try (SpoofingServer spoofer = new SpoofingServer(false)) {
            LookupResult r = new StubResolver(config(spoofer.address())).query("mx1.lab.example", RecordType.A);
            assertThat(r).isInstanceOf(LookupResult.Failure.class);
        }
    }

    /** The cache answers a repeated query without the server (here: after the server is gone). */
    @Test
    void cacheAnswersWithoutTheNetwork() throws IOException {
        try (ZoneServer temporary = ZoneServer.start(TestZones.all())) {
            StubResolver cached = new StubResolver(config(temporary.address()).withCacheCapacity(100));
            assertThat(cached.query("mx1.lab.example", RecordType.A)).isInstanceOf(LookupResult.Found.class);
            assertThat(cached.query("nosuch.lab.example", RecordType.A)).isInstanceOf(LookupResult.NxDomain.class);
            temporary.close();
            assertThat(cached.query("mx1.lab.example", RecordType.A)).isInstanceOf(LookupResult.Found.class);
            assertThat(cached.query("nosuch.lab.example", RecordType.A)).isInstanceOf(LookupResult.NxDomain.class);
            assertThat(cached.query("mx2.lab.example", RecordType.A)).isInstanceOf(LookupResult.Failure.class);
        }
    }

    /** The server survives garbage and answers FORMERR when it can read an ID. */
    @Test
    void serverAnswersGarbageWithFormErr() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            byte[] junk = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 0x0C, 0, 1, 0, 1};
            socket.send(new DatagramPacket(junk, junk.length, server.address()));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            DnsMessage m = ((DnsDecodeResult.Decoded) MessageCodec.decode(reply.getData(), reply.getLength())).message();
            assertThat(m.header().id()).isEqualTo(0x1234);
            assertThat(m.rcode()).isEqualTo(Rcode.FORMERR);
        }
        assertThat(resolver().query("mx1.lab.example", RecordType.A)).isInstanceOf(LookupResult.Found.class);
    }

    /**
     * Answers each query first with forgeries (wrong ID, other question, other source port), then, if
     * {@code genuine}, with the true answer from {@link ZoneServer}'s zones.
     */
    private static final class SpoofingServer implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        private final DatagramSocket otherPort = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        private final Thread thread;

        SpoofingServer(boolean genuine) throws IOException {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    byte[] buf = new byte[65535];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    DnsMessage query = ((DnsDecodeResult.Decoded) MessageCodec.decode(buf, p.getLength())).message();
                    DnsMessage truth = new io.github.smtplab.dns.internal.ZoneResponder(TestZones.all()).respond(query);
                    ResourceRecord forged = ResourceRecord.in(query.questions().get(0).name(), 60,
                            new RecordData.A((java.net.Inet4Address) InetAddress.getByName("203.0.113.66")));
                    DnsMessage lie = new DnsMessage(truth.header(), truth.questions(), List.of(forged), List.of(), List.of());
                    Header wrongId = new Header((query.header().id() + 1) & 0xFFFF, true, 0, true, false, true, false, 0, 0);
                    send(socket, lie.withHeader(wrongId), p);
                    DnsMessage otherQuestion = new DnsMessage(truth.header(), List.of(new Question(DomainName.of("x.lab.example"), RecordType.A)),
                            List.of(forged), List.of(), List.of());
                    send(socket, otherQuestion, p);
                    send(otherPort, lie, p);
                    send(socket, lie.withHeader(new Header(query.header().id(), false, 0, false, false, true, false, 0, 0)), p);
                    if (genuine) {
                        Thread.sleep(50);
                        send(socket, truth, p);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
        }

        private static void send(DatagramSocket from, DnsMessage m, DatagramPacket to) throws IOException {
            byte[] wire = MessageCodec.encode(m);
            from.send(new DatagramPacket(wire, wire.length, to.getSocketAddress()));
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            otherPort.close();
            thread.join(2000);
        }
    }
}
