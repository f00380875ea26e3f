package io.github.smtplab.core.net;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Servers on loopback for the socket tests: an MX for exemple.com delivering to a Maildir. */
final class SocketTestSupport {

    private SocketTestSupport() {}

    static final Duration TEST_TIMEOUT = Duration.ofSeconds(20);

    /** An MX on the threaded shell (the default). */
    static SmtpServer mx(Path maildir) throws IOException {
        return mx(IoModel.THREADS, maildir);
    }

    /** An MX on the shell {@code io}: the socket tests run against both. */
    static SmtpServer mx(IoModel io, Path maildir) throws IOException {
        return mx(io, maildir, ServerConfig.defaults("mx.exemple.com"), Duration.ofSeconds(20));
    }

    static SmtpServer mx(IoModel io, Path maildir, ServerConfig config, Duration idleTimeout) throws IOException {
        MaildirDelivery delivery = new MaildirDelivery(maildir, config.hostname());
        return SmtpServer.builder(config).io(io)
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false))
                .idleTimeout(idleTimeout)
                .shutdownGrace(Duration.ofSeconds(2))
                .start();
    }

    static SmtpClient.Options clientOptions() {
        return SmtpClient.Options.defaults("mail.monentreprise.fr")
                .withTimeouts(Duration.ofSeconds(5), TEST_TIMEOUT, TEST_TIMEOUT);
    }

    /** A raw TCP peer that writes exactly what it is told: for hostile-client tests. */
    static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        RawPeer(InetSocketAddress server) throws IOException {
            socket = new Socket();
            socket.connect(server, 5000);
            socket.setSoTimeout(Math.toIntExact(TEST_TIMEOUT.toMillis()));
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Reads one reply line (up to LF), or null at end of stream. */
        String line() throws IOException {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8).stripTrailing();
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }

        /** Reads one whole reply (its last line, after skipping "NNN-" lines). */
        String reply() throws IOException {
            for (String line; (line = line()) != null; ) {
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return line;
                }
            }
            return null;
        }

        /** Reads until the server closes; returns everything it sent. */
        String rest() throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
