package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DnsDecodeResult;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.DnsMessage;
import io.github.smtplab.dns.MessageCodec;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.Rcode;
import io.github.smtplab.dns.ResolverConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks name servers over UDP, then TCP when the reply is truncated (RFC 1035 §4.2, RFC 7766 §5).
 *
 * <p>Against spoofing (RFC 5452 §4, §9.1): every query gets a random ID from {@link SecureRandom} and a new
 * socket, so a fresh source port chosen by the operating system; a reply is accepted only if it comes from
 * the server's address and port, is a response, carries the same ID, and repeats the same question.
 * Anything else is ignored and the wait goes on until the timeout.
 *
 * <h2>Deadlines, not per-read timeouts</h2>
 *
 * A slow server must not stretch a lookup: one that announces a 60,000-octet TCP reply and drips one
 * octet every few seconds would never trip a per-read timeout. So every wait here is a deadline, read
 * from an {@link InstantSource} (tests pass a clock they move themselves):
 * <ul>
 *   <li>each try, UDP or TCP, ends {@code timeout} after it started (resolv.conf(5) "timeout:n"),
 *       whatever arrives meanwhile;</li>
 *   <li>the whole query, every round over every server and the TCP retries included, ends at
 *       {@link ResolverConfig#queryDeadline()}: {@code timeout × attempts × servers}, the longest
 *       resolv.conf's settings promise.</li>
 * </ul>
 */
public final class NetworkExchanger implements Exchanger {

    /**
     * One 64 KiB receive buffer per thread, reused: a reply is decoded into fresh objects before the next
     * receive, and allocating (and zeroing) 64 KiB per query would cost more than the lookup's own work.
     */
    private static final ThreadLocal<byte[]> RECEIVE_BUFFER =
            ThreadLocal.withInitial(() -> new byte[MessageCodec.MAX_MESSAGE_SIZE]);

    private final ResolverConfig config;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();

    /** An exchanger using {@code config}'s servers, timeout and attempts, on the system clock. */
    public NetworkExchanger(ResolverConfig config) {
        this(config, InstantSource.system());
    }

    /** The same with the clock its deadlines read. */
    public NetworkExchanger(ResolverConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Tries each server in turn, for {@code attempts} rounds (resolv.conf(5)). SERVFAIL and REFUSED move on
     * to the next server; any other response is final.
     */
    @Override
    public ExchangeOutcome exchange(Question question) {
        List<String> problems = new ArrayList<>();
        ExchangeOutcome last = null;
        Instant queryDeadline = clock.instant().plus(config.queryDeadline());
        for (int round = 0; round < config.attempts(); round++) {
            for (InetSocketAddress server : config.servers()) {
                if (!clock.instant().isBefore(queryDeadline)) {
                    problems.add("the query's deadline of " + config.queryDeadline().toMillis() + " ms passed");
                    return new ExchangeOutcome.Failed(FailureKind.TIMEOUT, String.join("; ", problems));
                }
                ExchangeOutcome outcome = ask(server, question, queryDeadline);
                if (outcome instanceof ExchangeOutcome.Response(DnsMessage m)
                        && m.rcode() != Rcode.SERVFAIL && m.rcode() != Rcode.REFUSED) {
                    return outcome;
                }
                last = outcome;
                problems.add(server + ": " + describe(outcome));
            }
        }
        if (last instanceof ExchangeOutcome.Response) {
            return last; // every server said SERVFAIL or REFUSED: let the caller report that RCODE
        }
        FailureKind kind = last instanceof ExchangeOutcome.Failed(FailureKind k, String d) ? k : FailureKind.TIMEOUT;
        return new ExchangeOutcome.Failed(kind, String.join("; ", problems));
    }

    private static String describe(ExchangeOutcome outcome) {
        return switch (outcome) {
            case ExchangeOutcome.Response r -> Rcode.name(r.message().rcode());
            case ExchangeOutcome.Failed f -> f.kind() + " " + f.detail();
        };
    }

    /** One server: UDP first, TCP if TC is set (or TCP only if so configured); within one query's deadline. */
    public ExchangeOutcome ask(InetSocketAddress server, Question question) {
        return ask(server, question, clock.instant().plus(config.queryDeadline()));
    }

    private ExchangeOutcome ask(InetSocketAddress server, Question question, Instant queryDeadline) {
        int id = random.nextInt(0x10000);
        DnsMessage query = DnsMessage.query(id, question, true, config.ednsPayloadSize());
        byte[] wire = MessageCodec.encode(query);
        if (config.tcpOnly()) {
            return overTcp(server, wire, id, question, tryDeadline(queryDeadline));
        }
        ExchangeOutcome udp = overUdp(server, wire, id, question, tryDeadline(queryDeadline));
        if (udp instanceof ExchangeOutcome.Response(DnsMessage m) && m.header().truncated()) {
            // same ID and question, now over TCP (RFC 7766 §5), a try of its own within the query's deadline
            return overTcp(server, wire, id, question, tryDeadline(queryDeadline));
        }
        return udp;
    }

    /** A try ends {@code timeout} from now, or at the query's deadline if that comes first. */
    private Instant tryDeadline(Instant queryDeadline) {
        Instant end = clock.instant().plus(config.timeout());
        return end.isBefore(queryDeadline) ? end : queryDeadline;
    }

    /** Milliseconds left before {@code deadline}, at least 1 for {@code setSoTimeout}; 0 when it has passed. */
    private int millisLeft(Instant deadline) {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return left <= 0 ? 0 : (int) Math.min(left, Integer.MAX_VALUE);
    }

    private ExchangeOutcome overUdp(InetSocketAddress server, byte[] query, int id, Question question, Instant deadline) {
        String rejected = "";
        // A new socket per query: the OS picks a fresh random ephemeral port (RFC 5452 §9.2).
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = RECEIVE_BUFFER.get();
            while (true) {
                int left = millisLeft(deadline);
                if (left <= 0) {
                    return new ExchangeOutcome.Failed(FailureKind.TIMEOUT, "no reply over UDP" + rejected);
                }
                socket.setSoTimeout(left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return new ExchangeOutcome.Failed(rejected.isEmpty() ? FailureKind.TIMEOUT : FailureKind.BAD_RESPONSE,
                            "no acceptable reply over UDP" + rejected);
                }
                if (!packet.getSocketAddress().equals(server)) {
                    rejected = " (ignored a packet from " + packet.getSocketAddress() + ")";
                    continue;
                }
                DnsDecodeResult decoded = MessageCodec.decode(buffer, packet.getLength());
                String problem = mismatch(decoded, id, question);
                if (problem == null) {
                    return new ExchangeOutcome.Response(((DnsDecodeResult.Decoded) decoded).message());
                }
                rejected = " (ignored a reply: " + problem + ")";
            }
        } catch (IOException e) {
            return new ExchangeOutcome.Failed(FailureKind.NETWORK_ERROR, "UDP: " + e.getMessage());
        }
    }

    /** Why a decoded packet is not the reply to our query, or null if it is (RFC 5452 §4.3). */
    static String mismatch(DnsDecodeResult decoded, int id, Question question) {
        if (!(decoded instanceof DnsDecodeResult.Decoded(DnsMessage m))) {
            return "malformed: " + ((DnsDecodeResult.Malformed) decoded).reason();
        }
        if (!m.header().response()) {
            return "not a response";
        }
        if (m.header().id() != id) {
            return "wrong ID " + m.header().id();
        }
        if (m.questions().size() != 1 || !m.questions().get(0).matches(question)) {
            return "different question";
        }
        return null;
    }

    /**
     * TCP with the 2-octet length prefix (RFC 1035 §4.2.2, RFC 7766 §8). The connection, the query and the
     * whole reply must be done by {@code deadline}: each read waits only for what is left of it.
     */
    private ExchangeOutcome overTcp(InetSocketAddress server, byte[] query, int id, Question question, Instant deadline) {
        try (Socket socket = new Socket()) {
            int left = millisLeft(deadline);
            if (left <= 0) {
                return new ExchangeOutcome.Failed(FailureKind.TIMEOUT, "no time left for TCP");
            }
            socket.connect(server, left);
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);   // a few hundred octets: they fit in the socket buffer, the write does not block
            out.flush();
            byte[] prefix = readBeforeDeadline(socket, 2, deadline);
            int length = ((prefix[0] & 0xFF) << 8) | (prefix[1] & 0xFF);
            byte[] reply = readBeforeDeadline(socket, length, deadline);
            DnsDecodeResult decoded = MessageCodec.decode(reply);
            String problem = mismatch(decoded, id, question);
            if (problem != null) {
                return new ExchangeOutcome.Failed(FailureKind.BAD_RESPONSE, "TCP reply rejected: " + problem);
            }
            return new ExchangeOutcome.Response(((DnsDecodeResult.Decoded) decoded).message());
        } catch (SocketTimeoutException e) {
            return new ExchangeOutcome.Failed(FailureKind.TIMEOUT, "no complete reply over TCP within "
                    + config.timeout().toMillis() + " ms" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (java.io.EOFException e) {
            return new ExchangeOutcome.Failed(FailureKind.BAD_RESPONSE, "TCP reply cut short");
        } catch (IOException e) {
            return new ExchangeOutcome.Failed(FailureKind.NETWORK_ERROR, "TCP: " + e.getMessage());
        }
    }

    /** Exactly {@code length} octets, all of them before {@code deadline}, however they are spread in time. */
    private byte[] readBeforeDeadline(Socket socket, int length, Instant deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = new byte[length];
        for (int got = 0; got < length; ) {
            int left = millisLeft(deadline);
            if (left <= 0) {
                throw new SocketTimeoutException(got + " of " + length + " octets");
            }
            socket.setSoTimeout(left);
            int n = in.read(bytes, got, length - got);
            if (n < 0) {
                throw new java.io.EOFException();
            }
            got += n;
        }
        return bytes;
    }
}
