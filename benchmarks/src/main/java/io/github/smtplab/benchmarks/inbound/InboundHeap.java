package io.github.smtplab.benchmarks.inbound;

import io.github.smtplab.auth.inbound.InboundCheckDelivery;
import io.github.smtplab.auth.inbound.InboundChecker;
import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardingSink;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much live heap one large message costs {@code serve --check-auth} (issue 15 §1). The server is built
 * as {@code serve --role mx --check-auth} builds it ({@link RoleHooks} → {@link InboundCheckDelivery} →
 * {@link MaildirDelivery}, DNS from memory so that nothing but the message is measured); a client on loopback
 * sends one message of SIZE MiB (base64-like lines, DKIM-signed header, so the body hash runs). While it
 * flows, a sampler forces a full GC every 50 ms and records the live heap; the figure is the largest live
 * heap minus the live heap before the message.
 *
 * <p>The reference, in the same run: the same server with the delivery the checks used before (the whole
 * message gathered in memory, then handed on), so the ratio shows what streaming saves.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.smtplab.benchmarks.inbound.InboundHeap [SIZE_MIB]}
 */
public final class InboundHeap {

    private InboundHeap() {}

    /** Runs the reference then the streaming server, prints both figures and their ratio. */
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Files.createTempDirectory("inbound-heap");
        Path message = work.resolve("big.eml");
        writeMessage(message, mib);
        long buffered = measure(work.resolve("buffered"), message, true);
        long streamed = measure(work.resolve("streamed"), message, false);
        System.out.printf(Locale.ROOT, "message %d MiB: live heap raised by %.2f MiB buffered (reference), %.2f MiB streamed;"
                + " streamed/buffered = %.3f%n", mib, buffered / 1048576.0, streamed / 1048576.0, streamed / (double) buffered);
    }

    private static long measure(Path maildir, Path message, boolean buffering) throws Exception {
        InMemoryResolver dns = switch (MasterFileParser.parse("""
                test. 60 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60
                other.test. 60 IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                """, DomainName.of("test."))) {
            case ZoneParseResult.Parsed p -> new InMemoryResolver(List.of(p.zone()));
            case ZoneParseResult.Failed f -> throw new IllegalStateException(f.message());
        };
        ServerHooks store = new MaildirDelivery(maildir, "mx.exemple.com");
        InboundCheckDelivery checks = new InboundCheckDelivery(new InboundChecker("mx.exemple.com", dns), maildir.resolve(".inbound"), store);
        ServerHooks local = buffering ? gatheringFirst(checks) : checks;
        RoleHooks hooks = new RoleHooks(Role.MX, Set.of("exemple.com"), local, Optional.empty(), RoleHooks::fromLoopback);
        ServerConfig config = ServerConfig.defaults("mx.exemple.com").withMaxMessageSize(Files.size(message) * 2);
        try (SmtpServer server = SmtpServer.builder(config).listen(new InetSocketAddress("127.0.0.1", 0)).hooks(hooks).start()) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = liveHeap(memory);
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(liveHeap(memory), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            TransactionResult result;
            try (SmtpClient client = SmtpClient.connect(server.address(), SmtpClient.Options.defaults("client.other.test"))) {
                result = client.send(Mailbox.parse("x@other.test"), List.of(Mailbox.parse("bob@exemple.com")),
                        SmtpClient.Content.of(message));
            }
            running.set(false);
            sampler.join();
            if (!result.delivered()) {
                throw new IllegalStateException("not delivered: " + result);
            }
            return peak.get() - before;
        }
    }

    /** The heap still in use after a full collection. */
    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The reference: the whole message gathered in memory, then given to {@code next} (the old TransformingDelivery). */
    private static ServerHooks gatheringFirst(ServerHooks next) {
        return new ServerHooks() {
            @Override
            public MessageSink onData(Envelope envelope, SessionView session) {
                return MessageSink.gathering(whole -> ForwardingSink.passOn(next.onData(envelope, session),
                        sink -> sink.write(ByteBuffer.wrap(whole))));
            }
        };
    }

    /** A message of {@code mib} MiB: a header with a DKIM-Signature field, then 76-character lines. */
    private static void writeMessage(Path file, int mib) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("From: Alice <x@other.test>\r\nTo: bob@exemple.com\r\nSubject: big\r\n"
                    + "DKIM-Signature: v=1; a=rsa-sha256; d=other.test; s=s1; c=relaxed/relaxed; h=from:to:subject;"
                    + " bh=AAAA; b=AAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ABCDEFGHIJKL\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            long total = (long) mib << 20;
            for (long written = 0; written < total; written += line.length) {
                out.write(line);
            }
        }
    }
}
