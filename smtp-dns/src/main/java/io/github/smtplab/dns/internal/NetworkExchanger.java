package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.DecodeResult;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.Message;
import io.github.smtplab.dns.MessageCodec;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.Rcode;
import io.github.smtplab.dns.ResolverConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks name servers over UDP, then TCP when the reply is truncated (RFC 1035 §4.2, RFC 7766 §5).
 *
 * <p>Against spoofing (RFC 5452 §4, §9.1): every query gets a random ID from {@link SecureRandom} and a new
 * socket, so a fresh source port chosen by the operating system; a reply is accepted only if it comes from
 * the server's address and port, is a response, carries the same ID, and repeats the same question.
 * Anything else is ignored and the wait goes on until the timeout.
 */
public final class NetworkExchanger implements Exchanger {

    /**
     * One 64 KiB receive buffer per thread, reused: a reply is decoded into fresh objects before the next
     * receive, and allocating (and zeroing) 64 KiB per query would cost more than the lookup's own work.
     */
    private static final ThreadLocal<byte[]> RECEIVE_BUFFER =
            ThreadLocal.withInitial(() -> new byte[MessageCodec.MAX_MESSAGE_SIZE]);

    private final ResolverConfig config;
    private final SecureRandom random = new SecureRandom();

    /** An exchanger using {@code config}'s servers, timeout and attempts. */
    public NetworkExchanger(ResolverConfig config) {
        this.config = config;
    }

    /**
     * Tries each server in turn, for {@code attempts} rounds (resolv.conf(5)). SERVFAIL and REFUSED move on
     * to the next server; any other response is final.
     */
    @Override
    public ExchangeOutcome exchange(Question question) {
        List<String> problems = new ArrayList<>();
        ExchangeOutcome last = null;
        for (int round = 0; round < config.attempts(); round++) {
            for (InetSocketAddress server : config.servers()) {
                ExchangeOutcome outcome = ask(server, question);
                if (outcome instanceof ExchangeOutcome.Response(Message m)
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

    /** One server: UDP first, TCP if TC is set (or TCP only if so configured). */
    public ExchangeOutcome ask(InetSocketAddress server, Question question) {
        int id = random.nextInt(0x10000);
        Message query = Message.query(id, question, true, config.ednsPayloadSize());
        byte[] wire = MessageCodec.encode(query);
        if (config.tcpOnly()) {
            return overTcp(server, wire, id, question);
        }
        ExchangeOutcome udp = overUdp(server, wire, id, question);
        if (udp instanceof ExchangeOutcome.Response(Message m) && m.header().truncated()) {
            return overTcp(server, wire, id, question); // same ID and question, now over TCP (RFC 7766 §5)
        }
        return udp;
    }

    private ExchangeOutcome overUdp(InetSocketAddress server, byte[] query, int id, Question question) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        String rejected = "";
        // A new socket per query: the OS picks a fresh random ephemeral port (RFC 5452 §9.2).
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = RECEIVE_BUFFER.get();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return new ExchangeOutcome.Failed(FailureKind.TIMEOUT, "no reply over UDP" + rejected);
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
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
                DecodeResult decoded = MessageCodec.decode(buffer, packet.getLength());
                String problem = mismatch(decoded, id, question);
                if (problem == null) {
                    return new ExchangeOutcome.Response(((DecodeResult.Decoded) decoded).message());
                }
                rejected = " (ignored a reply: " + problem + ")";
            }
        } catch (IOException e) {
            return new ExchangeOutcome.Failed(FailureKind.NETWORK_ERROR, "UDP: " + e.getMessage());
        }
    }

    /** Why a decoded packet is not the reply to our query, or null if it is (RFC 5452 §4.3). */
    static String mismatch(DecodeResult decoded, int id, Question question) {
        if (!(decoded instanceof DecodeResult.Decoded(Message m))) {
            return "malformed: " + ((DecodeResult.Malformed) decoded).reason();
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

    /** TCP with the 2-octet length prefix (RFC 1035 §4.2.2, RFC 7766 §8). */
    private ExchangeOutcome overTcp(InetSocketAddress server, byte[] query, int id, Question question) {
        int timeoutMillis = (int) Math.min(config.timeout().toMillis(), Integer.MAX_VALUE);
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            byte[] reply = in.readNBytes(length);
            if (reply.length != length) {
                return new ExchangeOutcome.Failed(FailureKind.BAD_RESPONSE, "TCP reply cut short");
            }
            DecodeResult decoded = MessageCodec.decode(reply);
            String problem = mismatch(decoded, id, question);
            if (problem != null) {
                return new ExchangeOutcome.Failed(FailureKind.BAD_RESPONSE, "TCP reply rejected: " + problem);
            }
            return new ExchangeOutcome.Response(((DecodeResult.Decoded) decoded).message());
        } catch (SocketTimeoutException e) {
            return new ExchangeOutcome.Failed(FailureKind.TIMEOUT, "no reply over TCP");
        } catch (IOException e) {
            return new ExchangeOutcome.Failed(FailureKind.NETWORK_ERROR, "TCP: " + e.getMessage());
        }
    }
}
