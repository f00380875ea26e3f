package io.github.smtplab.benchmarks.smtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reference, not a server: the "bare Java virtual-thread responder" of issue 3. One virtual thread per
 * connection answers every command with a canned reply and discards the message, with no parsing, no
 * limits and no storage. It shows what the JVM, virtual threads and java.net cost on this machine, so the
 * gap between it and {@link BenchServer} in {@code discard} mode is what our protocol engine costs.
 *
 * <p>It only recognises what Postfix's smtp-source sends: EHLO/HELO, MAIL, RCPT, DATA (content until the
 * line ".", RFC 5321 §4.1.1.4), RSET, NOOP, QUIT. Replies to pipelined commands are sent together when
 * the client has nothing more waiting (RFC 2920 §3.2). Do not use it for anything but measurements.
 *
 * <p>Usage: {@code benchmarks/run --main io.github.smtplab.benchmarks.smtp.BareResponder
 * PORT MAX_LIFETIME_SECONDS}; listens on 127.0.0.1 only and prints {@code listening 127.0.0.1:PORT}.
 */
public final class BareResponder {

    /** How long a connection may stay silent (bounded: nothing here may hang for ever). */
    static final int IDLE_MILLIS = 60_000;

    private static final byte[] GREETING = ascii("220 bare.test ESMTP\r\n");
    private static final byte[] EHLO = ascii("250-bare.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n");
    private static final byte[] OK = ascii("250 2.0.0 OK\r\n");
    private static final byte[] GO_AHEAD = ascii("354 End data with <CR><LF>.<CR><LF>\r\n");
    private static final byte[] BYE = ascii("221 2.0.0 Bye\r\n");

    private BareResponder() {}

    /** Accepts connections until the lifetime ends. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long lifetimeMillis = Long.parseLong(args[1]) * 1000;
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", port), 256);
        System.out.println("listening 127.0.0.1:" + port);
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(lifetimeMillis);
                listener.close();
            } catch (InterruptedException | IOException e) {
                // ending anyway
            }
        });
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!listener.isClosed()) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException closed) {
                    break;
                }
                threads.execute(() -> serve(socket));
            }
            threads.shutdownNow();
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_MILLIS);
            socket.setTcpNoDelay(true);
            Lines in = new Lines(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            out.write(GREETING);
            out.flush();
            byte[] line = new byte[1024];
            int n;
            while ((n = in.readLine(line)) >= 0) {
                String verb = new String(line, 0, Math.min(4, n), StandardCharsets.US_ASCII).toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> out.write(EHLO);
                    case "DATA" -> {
                        out.write(GO_AHEAD);
                        out.flush();
                        while ((n = in.readLine(line)) >= 0 && !(n == 1 && line[0] == '.')) {
                            // discard the content
                        }
                        out.write(OK);
                    }
                    case "QUIT" -> {
                        out.write(BYE);
                        out.flush();
                        return;
                    }
                    default -> out.write(OK);
                }
                if (in.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to clean up
        }
    }

    /** A line reader over a 64 KB buffer, scanning for LF in bulk (no per-byte method call). */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        Lines(InputStream in) {
            this.in = in;
        }

        boolean isEmpty() {
            return position == limit;
        }

        /** Reads one line without its CRLF into {@code line} (cut at its length); -1 at end of stream. */
        int readLine(byte[] line) throws IOException {
            int n = 0;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        return -1;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int copy = Math.min(position - start, line.length - Math.min(n, line.length));
                System.arraycopy(buffer, start, line, Math.min(n, line.length), copy);
                n += position - start;
                if (position < limit) {
                    position++;   // the LF
                    return (n > 0 && n <= line.length && line[n - 1] == '\r') ? n - 1 : n;
                }
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
