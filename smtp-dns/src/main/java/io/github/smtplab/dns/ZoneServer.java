package io.github.smtplab.dns;

import io.github.smtplab.dns.internal.ZoneResponder;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A small authoritative DNS server for the given zones, over UDP and TCP on the same port (RFC 1035 §4.2,
 * RFC 7766). It answers from its zones, refuses other names (REFUSED) and never recurses. A UDP answer that
 * does not fit the client's buffer (512 octets, or the EDNS0 size it advertised, RFC 6891 §6.2.5) is sent
 * empty with TC set, so the client asks again over TCP (RFC 1035 §4.2.1, RFC 7766 §5).
 *
 * <pre>{@code
 * try (ZoneServer server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone))) {
 *     InetSocketAddress where = server.address();   // UDP and TCP both listen here
 * }
 * }</pre>
 */
public final class ZoneServer implements AutoCloseable {

    /** A UDP answer is never cut below this size (RFC 1035 §4.2.1, RFC 6891 §6.2.5). */
    public static final int MIN_UDP_PAYLOAD = 512;

    /** A TCP connection idle this long is closed (RFC 7766 §6.2.3 suggests seconds, not minutes). */
    public static final int TCP_IDLE_TIMEOUT_MILLIS = 10_000;

    /** Most TCP connections served at once; more wait in the accept queue (RFC 7766 §6.2.2: limit resources). */
    public static final int MAX_TCP_CONNECTIONS = 64;

    /** Tries to find a port free for both UDP and TCP when asked for port 0. */
    private static final int BIND_ATTEMPTS = 20;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ZoneResponder responder;
    private final Semaphore tcpSlots = new Semaphore(MAX_TCP_CONNECTIONS);
    private volatile boolean running = true;

    private ZoneServer(DatagramSocket udp, ServerSocket tcp, List<Zone> zones) {
        this.udp = udp;
        this.tcp = tcp;
        this.responder = new ZoneResponder(zones);
    }

    /** Starts a server on 127.0.0.1 with a free port. */
    public static ZoneServer start(List<Zone> zones) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), zones);
    }

    /**
     * Starts a server listening on {@code address} for UDP and TCP. With port 0 a port free for both is
     * chosen; {@link #address()} tells which.
     */
    public static ZoneServer start(InetSocketAddress address, List<Zone> zones) throws IOException {
        int attempts = address.getPort() == 0 ? BIND_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(address);
            ServerSocket tcp = new ServerSocket();
            try {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()), 50);
                ZoneServer server = new ZoneServer(udp, tcp, zones);
                server.startThreads();
                return server;
            } catch (IOException | RuntimeException e) {
                udp.close();
                tcp.close();
                // With port 0 the UDP port the OS chose may be taken for TCP: choose again.
                if (!(e instanceof BindException) || attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    private void startThreads() {
        Thread.ofPlatform().daemon().name("dns-udp-" + udp.getLocalPort()).start(this::serveUdp);
        Thread.ofPlatform().daemon().name("dns-tcp-" + udp.getLocalPort()).start(this::acceptTcp);
    }

    /** The address both UDP and TCP listen on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    private void serveUdp() {
        byte[] buffer = new byte[MessageCodec.MAX_MESSAGE_SIZE];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] reply = answer(buffer, packet.getLength(), true);
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                // A failed send to one client must not stop the server; go on with the next packet.
            } catch (RuntimeException bug) {
                // A bug triggered by one packet must not silence the server for everybody: drop that packet.
            }
        }
    }

    private void acceptTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                tcpSlots.acquire();
                Thread.ofVirtual().name("dns-tcp-conn").start(() -> {
                    try (socket) {
                        serveTcp(socket);
                    } catch (IOException e) {
                        // the peer went away or sent a bad frame: close this connection only
                    } finally {
                        tcpSlots.release();
                    }
                });
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Serves length-prefixed queries (RFC 1035 §4.2.2) until the client closes or goes idle (RFC 7766 §6.2.3). */
    private void serveTcp(Socket socket) throws IOException {
        socket.setSoTimeout(TCP_IDLE_TIMEOUT_MILLIS);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (running) {
            int length;
            try {
                length = in.readUnsignedShort();
            } catch (EOFException | SocketTimeoutException e) {
                return;
            }
            byte[] query = in.readNBytes(length);
            if (query.length != length) {
                return;
            }
            byte[] reply = answer(query, length, false);
            if (reply != null) {
                byte[] framed = new byte[reply.length + 2];
                framed[0] = (byte) (reply.length >>> 8);
                framed[1] = (byte) reply.length;
                System.arraycopy(reply, 0, framed, 2, reply.length);
                out.write(framed);
                out.flush();
            }
        }
    }

    /** The octets to send back for a query, or null to send nothing. */
    private byte[] answer(byte[] query, int length, boolean overUdp) {
        DecodeResult decoded = MessageCodec.decode(query, length);
        if (!(decoded instanceof DecodeResult.Decoded(Message request))) {
            if (length < MessageCodec.HEADER_SIZE || (query[2] & 0x80) != 0) {
                return null; // no ID to answer to, or a response: stay silent
            }
            int id = (query[0] & 0xFF) << 8 | query[1] & 0xFF;
            Header formErr = new Header(id, true, 0, false, false, false, false, 0, Rcode.FORMERR);
            return MessageCodec.encode(new Message(formErr, List.of(), List.of(), List.of(), List.of()));
        }
        Message response = responder.respond(request);
        if (response == null) {
            return null;
        }
        byte[] wire;
        try {
            wire = MessageCodec.encode(response);
        } catch (IllegalArgumentException tooBig) {
            Message fail = new Message(response.header().withRcode(Rcode.SERVFAIL), response.questions(), List.of(), List.of(), response.additionals());
            return MessageCodec.encode(fail);
        }
        if (overUdp && wire.length > udpLimit(request) && response.additionals().size() > response.opt().stream().count()) {
            // Additional records are a courtesy: drop them before declaring truncation (RFC 2181 §9).
            response = new Message(response.header(), response.questions(), response.answers(), response.authorities(),
                    response.opt().stream().toList());
            wire = MessageCodec.encode(response);
        }
        if (overUdp && wire.length > udpLimit(request)) {
            // RFC 1035 §4.2.1 / RFC 2181 §9: what does not fit is not sent; TC tells the client to use TCP.
            Message truncated = new Message(response.header().withTruncated(true), response.questions(),
                    List.of(), List.of(), response.additionals());
            return MessageCodec.encode(truncated);
        }
        return wire;
    }

    /** The client's buffer: 512, or its EDNS0 size capped by ours (RFC 6891 §6.2.5). */
    private static int udpLimit(Message request) {
        return request.opt()
                .map(opt -> Math.max(MIN_UDP_PAYLOAD, Math.min(opt.rclass(), ZoneResponder.SERVER_UDP_PAYLOAD)))
                .orElse(MIN_UDP_PAYLOAD);
    }

    /** Stops both listeners; connections in progress end at their next read. */
    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
