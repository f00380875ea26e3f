package io.github.smtplab.benchmarks.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for the memory of idle connections (issue 3): opens N TCP connections to an SMTP
 * server on loopback, reads each greeting (RFC 5321 §4.2: {@code 220} when the server takes the client,
 * {@code 421} when it refuses, §3.8), and then holds every greeted connection open and silent until a stop
 * file appears or the hold time ends; it then sends {@code QUIT} on each and closes them.
 *
 * <p>Each client socket is bound to a loopback source address {@code 127.1.x.y} with at most PER_ADDRESS
 * connections on each, so that a server's per-address limit ({@code SmtpServer} allows 50 by default) does
 * not refuse them; Linux answers for the whole of 127.0.0.0/8 on the loopback interface.
 *
 * <p>Usage: {@code benchmarks/run --main io.github.smtplab.benchmarks.smtp.IdleConnections
 * HOST PORT N PER_ADDRESS HOLD_SECONDS STOP_FILE}. Prints one line
 * {@code READY opened=.. greeted=.. refused=.. failed=.. seconds=..} once every connection has its
 * answer, then {@code DONE} after closing.
 */
public final class IdleConnections {

    /** Bounds every wait on a socket: nothing here may hang. */
    static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    /** Connections being opened at once (the server's listen backlog is 256). */
    static final int OPENING_AT_ONCE = 64;
    /** The longest greeting accepted; a greeting line is at most 512 octets (RFC 5321 §4.5.3.1.5). */
    static final int MAX_GREETING = 4096;

    private IdleConnections() {}

    /** What the server said first on one connection. */
    enum Outcome { GREETED, REFUSED, FAILED }

    /** Opens, holds and closes the connections; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: IdleConnections HOST PORT N PER_ADDRESS HOLD_SECONDS STOP_FILE");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        int perAddress = Integer.parseInt(args[3]);
        long holdMillis = Long.parseLong(args[4]) * 1000;
        Path stopFile = Path.of(args[5]);

        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger greeted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                InetAddress source = sourceAddress(i / perAddress);
                opening.acquire();
                threads.execute(() -> {
                    try {
                        Socket socket = new Socket();
                        Outcome outcome = open(socket, source, server);
                        switch (outcome) {
                            case GREETED -> {
                                greeted.incrementAndGet();
                                held.add(socket);
                            }
                            case REFUSED -> {
                                refused.incrementAndGet();
                                closeQuietly(socket);
                            }
                            case FAILED -> {
                                failed.incrementAndGet();
                                closeQuietly(socket);
                            }
                        }
                    } finally {
                        opening.release();
                    }
                });
            }
        }   // close() waits for every task
        System.out.printf("READY opened=%d greeted=%d refused=%d failed=%d seconds=%.1f%n", n, greeted.get(),
                refused.get(), failed.get(), (System.nanoTime() - start) / 1e9);
        System.out.flush();

        long deadline = System.currentTimeMillis() + holdMillis;
        while (System.currentTimeMillis() < deadline && !Files.exists(stopFile)) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        byte[] quit = "QUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        synchronized (held) {
            for (Socket socket : held) {
                try {
                    socket.getOutputStream().write(quit);
                } catch (IOException e) {
                    // the server may have timed the connection out already: closing is all that is left
                }
                closeQuietly(socket);
            }
        }
        System.out.println("DONE closed=" + held.size());
    }

    /** {@code 127.1.x.y}: the k-th loopback source address (y from 1 to 250). */
    static InetAddress sourceAddress(int k) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 1, (byte) (k / 250), (byte) (k % 250 + 1)});
    }

    /** Connects from {@code source} and reads the greeting's last line. */
    private static Outcome open(Socket socket, InetAddress source, InetSocketAddress server) {
        try {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(server, SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            String last = lastReplyLine(new java.io.BufferedInputStream(socket.getInputStream(), 512));
            if (last.startsWith("220")) {
                return Outcome.GREETED;
            }
            return last.startsWith("421") ? Outcome.REFUSED : Outcome.FAILED;
        } catch (IOException e) {
            return Outcome.FAILED;
        }
    }

    /** Reads reply lines until the last one ({@code code SP text}, RFC 5321 §4.2.1); bounded in size. */
    static String lastReplyLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int total = 0;
        int b;
        while ((b = in.read()) >= 0 && ++total <= MAX_GREETING) {
            if (b == '\n') {
                String text = line.toString().stripTrailing();
                if (text.length() < 4 || text.charAt(3) != '-') {
                    return text;
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        return "";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken: nothing to release
        }
    }
}
