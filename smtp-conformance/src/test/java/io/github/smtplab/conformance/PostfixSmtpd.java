package io.github.smtplab.conformance;

import io.github.smtplab.testkit.PeerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real Postfix smtpd on loopback with a private configuration: mail for exemple.com goes to one Maildir
 * (Postfix's virtual delivery agent), everything else is refused (reject_unauth_destination). Postfix logs
 * only through syslog, so a small /dev/log listener is started when none exists. The default
 * /etc/postfix/main.cf must name the private directory (alternate_config_directories): it is written for
 * the test and put back afterwards.
 */
final class PostfixSmtpd implements AutoCloseable {

    private static final Path DEFAULT_MAIN_CF = Path.of("/etc/postfix/main.cf");

    private final Path config;
    private final int port;
    private final Path maildir;
    private final Optional<String> savedMainCf;
    private final PeerProcess syslog;

    private PostfixSmtpd(Path config, int port, Path maildir, Optional<String> savedMainCf, PeerProcess syslog) {
        this.config = config;
        this.port = port;
        this.maildir = maildir;
        this.savedMainCf = savedMainCf;
        this.syslog = syslog;
    }

    static PostfixSmtpd start(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));   // Postfix's own users pass through
        Path config = Files.createDirectories(dir.resolve("pf-conf"));
        Path queue = Files.createDirectories(dir.resolve("pf-queue"));
        Path mail = Files.createDirectories(dir.resolve("pf-mail"));
        Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = PeerProcess.freePort();
        String master = Files.readString(Path.of("/etc/postfix/master.cf"), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^smtp      inet", port + "      inet");
        Files.writeString(config.resolve("master.cf"), master);
        Files.writeString(config.resolve("main.cf"), """
                compatibility_level = 3.6
                queue_directory = %s
                data_directory = %s/data
                myhostname = mx.exemple.com
                mydestination =
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                smtpd_relay_restrictions = reject_unauth_destination
                virtual_mailbox_domains = exemple.com
                virtual_mailbox_base = %s
                virtual_mailbox_maps = static:bob/
                virtual_uid_maps = static:65534
                virtual_gid_maps = static:65534
                default_transport = discard
                """.formatted(queue, queue, mail));
        Optional<String> saved = Files.exists(DEFAULT_MAIN_CF) ? Optional.of(Files.readString(DEFAULT_MAIN_CF)) : Optional.empty();
        Files.writeString(DEFAULT_MAIN_CF, saved.map(s -> s.replaceAll("(?m)^alternate_config_directories.*$", "")).orElse("")
                + "\nalternate_config_directories = " + config + "\ncompatibility_level = 3.6\n");
        PeerProcess syslog = null;
        if (!syslogListening()) {
            Files.deleteIfExists(Path.of("/dev/log"));   // a socket left by a listener that is gone: Postfix would fail silently
            Path script = dir.resolve("syslog.py");
            Files.writeString(script, """
                    import socket, os, sys
                    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind("/dev/log"); os.chmod("/dev/log", 0o666)
                    f = open(sys.argv[1], "ab", buffering=0)
                    while True: f.write(s.recv(65536) + b"\\n")
                    """);
            syslog = PeerProcess.start(List.of("/usr/bin/python3", script.toString(), dir.resolve("syslog.txt").toString()));
            for (int i = 0; i < 100 && !Files.exists(Path.of("/dev/log")); i++) {
                Thread.sleep(20);
            }
        }
        PostfixSmtpd postfix = new PostfixSmtpd(config, port, mail.resolve("bob"), saved, syslog);
        PeerProcess.Result started = PeerProcess.run(List.of("postfix", "-c", config.toString(), "start"), Duration.ofSeconds(60));
        if (started.exitCode() != 0) {
            postfix.close();
            throw new IOException("postfix start failed: " + started.output());
        }
        postfix.awaitListening();
        return postfix;
    }

    /** Whether something receives datagrams on /dev/log (a stale socket file refuses them). */
    private static boolean syslogListening() throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/dev/log"))) {
            return false;
        }
        PeerProcess.Result probe = PeerProcess.run(List.of("/usr/bin/python3", "-c",
                "import socket; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.connect('/dev/log')"), Duration.ofSeconds(20));
        return probe.exitCode() == 0;
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("postfix smtpd does not listen on " + port);
    }

    int port() {
        return port;
    }

    /** Where bob@exemple.com's mail lands. */
    Path maildir() {
        return maildir;
    }

    @Override
    public void close() throws Exception {
        try {
            PeerProcess.run(List.of("postfix", "-c", config.toString(), "stop"), Duration.ofSeconds(60));
        } finally {
            if (savedMainCf.isPresent()) {
                Files.writeString(DEFAULT_MAIN_CF, savedMainCf.get());
            } else {
                Files.deleteIfExists(DEFAULT_MAIN_CF);
            }
            if (syslog != null) {
                syslog.close();
                Files.deleteIfExists(Path.of("/dev/log"));
            }
        }
    }
}
