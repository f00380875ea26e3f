package io.github.smtplab.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw-socket "server" on loopback that follows a script instead of the protocol: for tests of what
 * the client does against a hostile peer. Each connection runs the script on a virtual thread; closing
 * the server closes the listening socket and the last connection.
 */
final class HostileServer implements AutoCloseable {

    /** What the server does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(Connection connection) throws IOException, InterruptedException;
    }

    /** One accepted connection, with helpers to write and read lines. */
    static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final AtomicLong written;

        Connection(Socket socket, AtomicLong written) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.written = written;
        }

        void send(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.flush();
            written.addAndGet(bytes.length);
        }

        /** Reads up to LF; the line without CRLF, or null at end of stream. */
        String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    return line.toString().stripTrailing();
                }
                line.append((char) b);
            }
            return null;
        }
    }

    private final ServerSocket listener;
    private final AtomicLong written = new AtomicLong();
    private volatile Socket last;

    private HostileServer(ServerSocket listener, Script script) {
        this.listener = listener;
        Thread.ofVirtual().name("hostile-server").start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    last = socket;
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            script.run(new Connection(socket, written));
                        } catch (IOException | InterruptedException e) {
                            // the client went away, or the test ended: the script stops
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Listens on 127.0.0.1, an ephemeral port. */
    static HostileServer start(Script script) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), script);
    }

    static HostileServer start(InetSocketAddress address, Script script) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(address);
        return new HostileServer(listener, script);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** How many octets the scripts have written so far. */
    long written() {
        return written.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket socket = last;
        if (socket != null) {
            socket.close();
        }
    }
}
