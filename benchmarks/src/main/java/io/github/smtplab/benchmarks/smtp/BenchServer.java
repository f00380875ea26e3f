package io.github.smtplab.benchmarks.smtp;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.IoModel;
import io.github.smtplab.core.net.SmtpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The server of {@code ./smtplab serve --role mx}, built the same way (same {@link ServerConfig},
 * {@link RoleHooks}, {@link MaildirDelivery}, idle timeout) but with the two connection limits that the
 * {@code serve} command does not expose yet ({@link SmtpServer#DEFAULT_MAX_CONNECTIONS} = 1000 and
 * {@link SmtpServer#DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} = 50) set from the command line, and without the
 * console line that {@code serve} prints for every message. Used by {@code benchmarks/smtp/*.sh} where
 * {@code serve} itself cannot be measured: 100 concurrent sessions from 127.0.0.1, 10,000 connections.
 *
 * <p>Usage: {@code benchmarks/run --main io.github.smtplab.benchmarks.smtp.BenchServer
 * PORT DOMAIN MAILDIR|discard MAX_CONNECTIONS MAX_PER_ADDRESS IDLE_TIMEOUT_SECONDS MAX_LIFETIME_SECONDS
 * [threads|nio]} — the last, optional, is the I/O model ({@link IoModel}, threads by default);
 * {@code discard} replaces the Maildir with a sink that forgets the message (to separate the cost of
 * the protocol from the cost of storing); {@code buffered:MAILDIR} puts a {@link BufferedSink} in front of
 * the Maildir (an experiment: fewer, larger file writes). It listens on 127.0.0.1 only, prints
 * {@code listening 127.0.0.1:PORT}, and stops on SIGTERM or after MAX_LIFETIME_SECONDS.
 */
public final class BenchServer {

    private BenchServer() {}

    /** Starts the server and waits for SIGTERM or the end of its lifetime. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 7 && args.length != 8) {
            System.err.println("usage: BenchServer PORT DOMAIN MAILDIR|discard MAX_CONNECTIONS MAX_PER_ADDRESS"
                    + " IDLE_TIMEOUT_SECONDS MAX_LIFETIME_SECONDS [threads|nio]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String domain = args[1];
        String host = "mx." + domain;   // what serve uses for --role mx without --hostname
        ServerHooks delivery;
        if (args[2].equals("discard")) {
            delivery = new ServerHooks() {};   // the default onData: MessageSink.discarding()
        } else if (args[2].startsWith("buffered:")) {
            MaildirDelivery maildir = new MaildirDelivery(Path.of(args[2].substring(9)).toAbsolutePath().normalize(), host);
            delivery = new ServerHooks() {
                @Override
                public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
                    return new BufferedSink(maildir.onData(envelope, session));
                }
            };
        } else {
            delivery = new MaildirDelivery(Path.of(args[2]).toAbsolutePath().normalize(), host);
        }
        RoleHooks hooks = new RoleHooks(Role.MX, Set.of(domain), delivery, Optional.empty(), RoleHooks::fromLoopback);
        CountDownLatch stop = new CountDownLatch(1);
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults(host))
                .listen(new InetSocketAddress("127.0.0.1", port))
                .hooks(hooks)
                .transcripts(client -> TranscriptListener.NONE)
                .idleTimeout(Duration.ofSeconds(Integer.parseInt(args[5])))
                .maxConnections(Integer.parseInt(args[3]))
                .maxConnectionsPerAddress(Integer.parseInt(args[4]))
                .shutdownGrace(Duration.ofSeconds(5))
                .io(args.length == 8 ? IoModel.valueOf(args[7].toUpperCase(Locale.ROOT)) : IoModel.THREADS)
                .start()) {
            Thread hook = new Thread(() -> {
                stop.countDown();
                server.close();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("listening " + server.address().getHostString() + ":" + server.address().getPort());
            System.out.flush();
            stop.await(Long.parseLong(args[6]), TimeUnit.SECONDS);
        }
    }
}
