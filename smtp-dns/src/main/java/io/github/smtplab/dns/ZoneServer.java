package io.github.smtplab.dns;

import io.github.smtplab.dns.internal.ZoneResponder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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

    /**
     * The deadline for each query on a TCP connection, 5 seconds: from the connection (or the previous
     * answer) to the last octet of the next query. A deadline, not a per-read timeout, so a client that
     * drips one octet every few seconds is cut off like a silent one. RFC 7766 §6.2.3 puts idle timeouts
     * "of the order of seconds"; §10 asks for a limit on how long a connection may stay idle. Writing each
     * answer has the same deadline: a client that stops reading is disconnected, not waited for.
     */
    public static final Duration TCP_QUERY_DEADLINE = Duration.ofSeconds(5);

    /**
     * Most TCP connections served at once, 64; more wait in the accept queue until a slot frees, which
     * {@link #TCP_QUERY_DEADLINE} makes happen within seconds (RFC 7766 §10: a limit on established
     * connections).
     */
    public static final int MAX_TCP_CONNECTIONS = 64;

    /**
     * Most TCP connections from one IP address at once, 8: a further one is closed at once, so one client
     * cannot take the slots of everybody else (RFC 7766 §10: a limit per source address). A well-behaved
     * client keeps a single connection per server (RFC 7766 §6.2.2), so 8 leaves room for several programs
     * behind one address.
     */
    public static final int MAX_TCP_CONNECTIONS_PER_ADDRESS = 8;

    /** Closes the TCP connections whose client stopped reading its answers; one daemon thread for every server. */
    private static final ScheduledExecutorService SLOW_READERS = Executors.newSingleThreadScheduledExecutor(task ->
            Thread.ofPlatform().daemon().name("dns-tcp-write-deadline").unstarted(task));

    /** Tries to find a port free for both UDP and TCP when asked for port 0. */
    private static final int BIND_ATTEMPTS = 20;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ZoneResponder responder;
    private final Semaphore tcpSlots = new Semaphore(MAX_TCP_CONNECTIONS);
    private final ConcurrentHashMap<InetAddress, Integer> tcpPerAddress = new ConcurrentHashMap<>();
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
                InetAddress peer = socket.getInetAddress();
                if (tcpPerAddress.merge(peer, 1, Integer::sum) > MAX_TCP_CONNECTIONS_PER_ADDRESS) {
                    leave(peer);
                    socket.close();   // over this address's share: RFC 7766 §10
                    continue;
                }
                try {
                    tcpSlots.acquire();
                } catch (InterruptedException e) {
                    leave(peer);
                    socket.close();
                    throw e;
                }
                Thread.ofVirtual().name("dns-tcp-conn").start(() -> {
                    try (socket) {
                        serveTcp(socket);
                    } catch (IOException e) {
                        // the peer went away or sent a bad frame: close this connection only
                    } finally {
                        tcpSlots.release();
                        leave(peer);
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // it is being closed because it is stuck; nothing more to do
        }
    }

    /** One connection fewer from {@code peer}. */
    private void leave(InetAddress peer) {
        tcpPerAddress.computeIfPresent(peer, (address, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * Serves length-prefixed queries (RFC 1035 §4.2.2) until the client closes, or a query does not arrive
     * whole within {@link #TCP_QUERY_DEADLINE} (RFC 7766 §6.2.3, §10).
     */
    private void serveTcp(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (running) {
            long deadline = System.nanoTime() + TCP_QUERY_DEADLINE.toNanos();
            byte[] prefix = readBefore(socket, in, 2, deadline);
            if (prefix == null) {
                return;
            }
            int length = (prefix[0] & 0xFF) << 8 | prefix[1] & 0xFF;
            byte[] query = readBefore(socket, in, length, deadline);
            if (query == null) {
                return;
            }
            byte[] reply = answer(query, length, false);
            if (reply != null) {
                byte[] framed = new byte[reply.length + 2];
                framed[0] = (byte) (reply.length >>> 8);
                framed[1] = (byte) reply.length;
                System.arraycopy(reply, 0, framed, 2, reply.length);
                // a client that sends queries and never reads the answers fills the socket buffers and would
                // block this write for ever: past the deadline the connection is closed under it (RFC 7766 §10)
                var alarm = SLOW_READERS.schedule(() -> closeQuietly(socket), TCP_QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    out.write(framed);
                    out.flush();
                } finally {
                    alarm.cancel(false);
                }
            }
        }
    }

    /** Exactly {@code length} octets before the {@code System.nanoTime()} deadline; null at end of stream or past it. */
    private static byte[] readBefore(Socket socket, InputStream in, int length, long deadline) throws IOException {
        byte[] bytes = new byte[length];
        for (int got = 0; got < length; ) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            int n;
            try {
                n = in.read(bytes, got, length - got);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                return null;
            }
            got += n;
        }
        return bytes;
    }

    /** The octets to send back for a query, or null to send nothing. */
    private byte[] answer(byte[] query, int length, boolean overUdp) {
        DnsDecodeResult decoded = MessageCodec.decode(query, length);
        if (!(decoded instanceof DnsDecodeResult.Decoded(DnsMessage request))) {
            if (length < MessageCodec.HEADER_SIZE || (query[2] & 0x80) != 0) {
                return null; // no ID to answer to, or a response: stay silent
            }
            int id = (query[0] & 0xFF) << 8 | query[1] & 0xFF;
            Header formErr = new Header(id, true, 0, false, false, false, false, 0, Rcode.FORMERR);
            return MessageCodec.encode(new DnsMessage(formErr, List.of(), List.of(), List.of(), List.of()));
        }
        DnsMessage response = responder.respond(request);
        if (response == null) {
            return null;
        }
        byte[] wire;
        try {
            wire = MessageCodec.encode(response);
        } catch (IllegalArgumentException tooBig) {
            DnsMessage fail = new DnsMessage(response.header().withRcode(Rcode.SERVFAIL), response.questions(), List.of(), List.of(), response.additionals());
            return MessageCodec.encode(fail);
        }
        if (overUdp && wire.length > udpLimit(request) && response.additionals().size() > response.opt().stream().count()) {
            // Additional records are a courtesy: drop them before declaring truncation (RFC 2181 §9).
            response = new DnsMessage(response.header(), response.questions(), response.answers(), response.authorities(),
                    response.opt().stream().toList());
            wire = MessageCodec.encode(response);
        }
        if (overUdp && wire.length > udpLimit(request)) {
            // RFC 1035 §4.2.1 / RFC 2181 §9: what does not fit is not sent; TC tells the client to use TCP.
            DnsMessage truncated = new DnsMessage(response.header().withTruncated(true), response.questions(),
                    List.of(), List.of(), response.additionals());
            return MessageCodec.encode(truncated);
        }
        return wire;
    }

    /** The client's buffer: 512, or its EDNS0 size capped by ours (RFC 6891 §6.2.5). */
    private static int udpLimit(DnsMessage request) {
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
