package io.github.smtplab.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An active attacker on loopback (the STARTTLS stripping attack of RFC 3207 §6): relays one connection
 * to the real server, forwarding the client's bytes untouched and rewriting the server's EHLO line
 * {@code 250-STARTTLS} / {@code 250 STARTTLS} into {@code 250 XXXXXXXA}, so the client never sees the offer.
 */
final class StripStartTlsRelay implements AutoCloseable {

    private static final Pattern STARTTLS_LINE = Pattern.compile("^(250[- ])STARTTLS$", Pattern.CASE_INSENSITIVE);

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Thread acceptor;

    StripStartTlsRelay(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 5000);
                int timeout = Math.toIntExact(TlsTestSupport.TEST_TIMEOUT.toMillis());
                client.setSoTimeout(timeout);
                server.setSoTimeout(timeout);
                Thread.ofVirtual().start(() -> copy(client, server));
                Thread.ofVirtual().start(() -> rewrite(server, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Client to server: byte for byte. */
    private static void copy(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // one side closed: the relay closes both
        }
    }

    /** Server to client, line by line (replies are lines), with the STARTTLS offer removed. */
    private static void rewrite(Socket from, Socket to) {
        try (from; to) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = to.getOutputStream();
            for (String line; (line = lines.readLine()) != null; ) {
                String rewritten = STARTTLS_LINE.matcher(line).replaceAll("$1XXXXXXXA");
                out.write((rewritten + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed: the relay closes both
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
