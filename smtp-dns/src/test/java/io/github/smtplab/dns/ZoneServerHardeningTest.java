package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.internal.ZoneResponder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18 items 4 and 8: {@code dns serve} against hostile queries and connections. EDNS rules (RFC 6891
 * §6.1.1, §6.1.3), the minimal answer to ANY (RFC 8482 §4.1), no zone transfer (RFC 5936 §4.2), and the TCP
 * listener's limits (RFC 7766 §10). Loopback only, bounded by {@code @Timeout}.
 */
@Timeout(60)
class ZoneServerHardeningTest {

    static final Question LAB_A = new Question(DomainName.of("mx1.lab.example"), RecordType.A);

    @AutoClose
    static final ZoneServer server = ZoneServerHardeningTest.startLabServer();

    /** The lab zones on 127.0.0.1, a free port. */
    static ZoneServer startLabServer() {
        try {
            return ZoneServer.start(TestZones.all());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code count} connections from 127.0.0.2, each sending one octet every {@code everyMillis}; the caller closes them. */
    static List<Socket> drippingConnections(InetSocketAddress target, int count, long everyMillis) throws IOException {
        List<Socket> attackers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            attackers.add(socket);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(target, 5000);
            Thread.ofVirtual().start(() -> drip(socket, everyMillis));
        }
        return attackers;
    }

    static DnsMessage query(Question question, List<ResourceRecord> additionals) {
        return new DnsMessage(Header.query(4711, false), List.of(question), List.of(), List.of(), additionals);
    }

    /** Asks over UDP, decodes the answer. */
    static DnsMessage overUdp(DnsMessage query) throws IOException {
        byte[] wire = MessageCodec.encode(query);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(wire, wire.length, server.address()));
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            socket.receive(reply);
            return ((DnsDecodeResult.Decoded) MessageCodec.decode(reply.getData(), reply.getLength())).message();
        }
    }

    /** RFC 6891 §6.1.1: "more than one OPT RR ... a FORMERR (RCODE=1) MUST be returned". */
    @Test
    void twoOptRecordsAreAFormatError() throws IOException {
        DnsMessage reply = overUdp(query(LAB_A, List.of(ResourceRecord.opt(1232), ResourceRecord.opt(1232))));
        assertThat(reply.rcode()).isEqualTo(Rcode.FORMERR);
        assertThat(reply.answers()).isEmpty();
        DnsMessage one = overUdp(query(LAB_A, List.of(ResourceRecord.opt(1232))));
        assertThat(one.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(one.answers()).hasSize(1);
    }

    /** RFC 6891 §6.1.3: EDNS version 1 gets BADVERS (16: 0 in the header, 1 in the OPT's high octet), our version 0. */
    @Test
    void ednsVersionOneIsBadvers() throws IOException {
        ResourceRecord versionOne = new ResourceRecord(DomainName.ROOT, 1232, 1L << 16, new RecordData.Opt());
        assertThat(versionOne.ednsVersion()).isEqualTo(1);
        DnsMessage reply = overUdp(query(LAB_A, List.of(versionOne)));
        assertThat(reply.rcode()).isZero();
        assertThat(reply.opt()).hasValueSatisfying(opt -> {
            assertThat(opt.ttl() >>> 24).as("extended RCODE high bits").isEqualTo(Rcode.BADVERS >>> 4);
            assertThat(opt.ednsVersion()).isZero();
        });
        assertThat(reply.answers()).isEmpty();
    }

    /** RFC 8482 §4.1: ANY at a name with NS, SOA, MX and TXT sets gets one RRset (NS, the lowest TYPE). */
    @Test
    void anyGetsOneRrset() throws IOException {
        DnsMessage reply = overUdp(query(new Question(TestZones.LAB, new RecordType(255)), List.of(ResourceRecord.opt(1232))));
        assertThat(reply.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.answers()).isNotEmpty().allSatisfy(r -> assertThat(r.type()).isEqualTo(RecordType.NS));
        DnsMessage big = overUdp(query(new Question(DomainName.of("big.lab.example"), new RecordType(255)), List.of(ResourceRecord.opt(1232))));
        assertThat(big.answers()).allSatisfy(r -> assertThat(r.type()).isEqualTo(RecordType.TXT));
    }

    /** RFC 5936 §4.2: AXFR over UDP is not defined; this server transfers no zone: REFUSED, over UDP and TCP. */
    @Test
    void zoneTransfersAreRefused() throws IOException {
        Question axfr = new Question(TestZones.LAB, new RecordType(252));
        assertThat(overUdp(query(axfr, List.of())).rcode()).isEqualTo(Rcode.REFUSED);
        Question ixfr = new Question(TestZones.LAB, new RecordType(251));
        assertThat(overUdp(query(ixfr, List.of())).rcode()).isEqualTo(Rcode.REFUSED);
        ResolverConfig tcp = new ResolverConfig(List.of(server.address()), Duration.ofSeconds(3), 1, 1232, 0).withTcpOnly(true);
        assertThat(new StubResolver(tcp).query(TestZones.LAB, new RecordType(252)))
                .isInstanceOfSatisfying(LookupResult.Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.REFUSED));
    }

    /** The pure responder agrees (it also answers {@link InMemoryResolver}). */
    @Test
    void responderRulesWithoutSockets() {
        ZoneResponder responder = new ZoneResponder(TestZones.all());
        assertThat(responder.respond(query(LAB_A, List.of(ResourceRecord.opt(512), ResourceRecord.opt(4096)))).rcode())
                .isEqualTo(Rcode.FORMERR);
        assertThat(responder.respond(query(LAB_A, List.of(new ResourceRecord(DomainName.ROOT, 1232, 255L << 16, new RecordData.Opt()))))
                .opt().orElseThrow().ttl() >>> 24).isEqualTo(1);
        assertThat(responder.respond(query(LAB_A, List.of())).answers()).hasSize(1);
    }

    /**
     * Issue 18 item 4: 70 connections from one address (127.0.0.2) dripping one octet every 2 s do not
     * starve another client: past 8 per address they are closed at once, and a query over TCP from
     * 127.0.0.1 is answered.
     */
    @Test
    void drippingConnectionsFromOneAddressDoNotStarveTcp() throws IOException {
        List<Socket> attackers = drippingConnections(server.address(), 70, 2000);
        try {
            ResolverConfig tcp = new ResolverConfig(List.of(server.address()), Duration.ofSeconds(3), 1, 1232, 0).withTcpOnly(true);
            assertThat(new StubResolver(tcp).query(LAB_A.name(), RecordType.A)).isInstanceOf(LookupResult.Found.class);
            int closedByServer = 0;
            for (Socket socket : attackers) {
                socket.setSoTimeout(100);
                try {
                    closedByServer += socket.getInputStream().read() < 0 ? 1 : 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // one of the 8 this address may hold
                } catch (IOException reset) {
                    closedByServer++;
                }
            }
            assertThat(closedByServer).isGreaterThanOrEqualTo(70 - ZoneServer.MAX_TCP_CONNECTIONS_PER_ADDRESS);
        } finally {
            for (Socket socket : attackers) {
                socket.close();
            }
        }
    }

    /** RFC 7766 §6.2.3, §10: a query dripped one octet a second is cut at the 5 s deadline; the server closes. */
    @Test
    void aDrippedQueryMeetsTheDeadline() throws IOException {
        byte[] framed = framed(MessageCodec.encode(query(LAB_A, List.of())));
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 5000);
            Thread dripper = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (byte b : framed) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection, as it should
                }
            });
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (IOException reset) {
                first = -1;
            }
            assertThat(first).as("the server closed instead of answering the dripped query").isEqualTo(-1);
            assertThat(framed.length).as("the whole query would take longer than the deadline")
                    .isGreaterThan((int) ZoneServer.TCP_QUERY_DEADLINE.toSeconds() + 1);
            dripper.interrupt();
        }
    }

    /** A client that sends queries for a 4 KB answer and never reads: the server's write deadline closes it. */
    @Test
    void aClientThatNeverReadsIsDisconnected() throws Exception {
        byte[] bigQuery = framed(MessageCodec.encode(query(new Question(DomainName.of("big.lab.example"), RecordType.TXT), List.of())));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(server.address(), 5000);
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < 20_000; i++) {
                        out.write(bigQuery);
                    }
                } catch (IOException e) {
                    // the server closed the connection
                }
            });
            Thread.sleep(ZoneServer.TCP_QUERY_DEADLINE.toMillis() + 2000);
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();
            boolean ended;
            long answered = 0;
            byte[] buffer = new byte[65536];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answered += n;   // answers written before the server gave up
                }
                ended = true;
            } catch (java.net.SocketTimeoutException stillOpen) {
                ended = false;
            } catch (IOException reset) {
                ended = true;
            }
            assertThat(ended).as("the server closed the connection of a client that does not read").isTrue();
            // had the server waited instead, every one of the 20,000 queries (4 KB answers each) would have been answered
            assertThat(answered).isLessThan(20_000L * 4000 / 2);
            sender.interrupt();
        }
    }

    private static void drip(Socket socket, long everyMillis) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 100; i++) {
                out.write(i == 0 ? 0 : 'x');
                out.flush();
                Thread.sleep(everyMillis);
            }
        } catch (IOException | InterruptedException e) {
            // closed by the server or by the test
        }
    }

    static byte[] framed(byte[] query) {
        byte[] framed = new byte[query.length + 2];
        framed[0] = (byte) (query.length >>> 8);
        framed[1] = (byte) query.length;
        System.arraycopy(query, 0, framed, 2, query.length);
        return framed;
    }
}
