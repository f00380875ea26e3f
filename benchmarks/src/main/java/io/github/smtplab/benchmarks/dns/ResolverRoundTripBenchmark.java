package io.github.smtplab.benchmarks.dns;

import io.github.smtplab.dns.DnsDecodeResult;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.DnsMessage;
import io.github.smtplab.dns.MessageCodec;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What our resolver costs on top of the network: an MX lookup through {@link StubResolver} (cache off)
 * against an in-process {@link ZoneServer} on 127.0.0.1, next to the reference {@link #rawUdpRoundTrip}:
 * the same query octets sent and the reply received on a fresh {@link DatagramSocket}, with no encoding,
 * decoding or checking. The ratio {@code resolverLookup / rawUdpRoundTrip} (in µs/op) is the figure;
 * {@code codecOnly} shows the in-memory share (encode the query, decode the reply).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResolverRoundTripBenchmark {

    private static final String ZONE = """
            $TTL 300
            @ SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 300
            @ NS ns
            ns A 127.0.0.1
            @ MX 10 mx
            mx A 192.0.2.10
            mx AAAA 2001:db8::10
            """;

    private ZoneServer server;
    private StubResolver resolver;
    private byte[] queryOctets;
    private byte[] replyOctets;
    private final byte[] buffer = new byte[65535];
    private final DomainName domain = DomainName.of("example.com.");

    /** Starts the server and prepares the octets. */
    @Setup
    public void setUp() throws IOException {
        Zone zone = ((ZoneParseResult.Parsed) MasterFileParser.parse(ZONE, domain)).zone();
        server = ZoneServer.start(List.of(zone));
        resolver = new StubResolver(ResolverConfig.of("127.0.0.1:" + server.address().getPort())
                .withCacheCapacity(0).withTimeout(Duration.ofSeconds(2)));
        queryOctets = MessageCodec.encode(DnsMessage.query(0x1234, new Question(domain, RecordType.MX), true, 1232));
        replyOctets = rawUdpRoundTripOctets();
    }

    /** Stops the server. */
    @TearDown
    public void tearDown() {
        server.close();
    }

    private byte[] rawUdpRoundTripOctets() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            socket.send(new DatagramPacket(queryOctets, queryOctets.length, server.address()));
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return java.util.Arrays.copyOf(buffer, reply.getLength());
        }
    }

    /** Reference: fixed query octets out, reply octets in, fresh socket, nothing else. */
    @Benchmark
    public int rawUdpRoundTrip() throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            socket.send(new DatagramPacket(queryOctets, queryOctets.length, server.address()));
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return reply.getLength();
        }
    }

    /** The full lookup: random ID, encode, send, receive, check ID/source/question, decode, interpret. */
    @Benchmark
    public LookupResult resolverLookup() {
        return resolver.query(domain, RecordType.MX);
    }

    /** In memory only: encode the query and decode the reply. */
    @Benchmark
    public DnsDecodeResult codecOnly() {
        MessageCodec.encode(DnsMessage.query(0x1234, new Question(domain, RecordType.MX), true, 1232));
        return MessageCodec.decode(replyOctets);
    }
}
