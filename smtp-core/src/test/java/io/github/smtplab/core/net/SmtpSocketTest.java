package io.github.smtplab.core.net;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerExtension;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.SmtpExtension;
import io.github.smtplab.core.SmtpReplyException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.net.SocketTestSupport.RawPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our client and our server over loopback sockets, with a Maildir on disk. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpSocketTest {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final Mailbox CHARLIE = new Mailbox("charlie", "exemple.com");

    @TempDir
    Path maildir;

    @ParameterizedTest
    @EnumSource(IoModel.class)
    void theSeedMessageArrivesInBothMaildirsWithTraceFields(IoModel io) throws Exception {
        byte[] message = ("From: Alice <alice@monentreprise.fr>\r\nTo: Bob <bob@exemple.com>\r\n"
                + "Subject: =?UTF-8?Q?R=C3=A9union_demain?=\r\n\r\n.Une ligne qui commence par un point\r\n"
                + "Caf\u00e9 \u00e0 10h\r\n").getBytes(StandardCharsets.UTF_8);
        List<String> transcript = new ArrayList<>();
        try (SmtpServer server = SocketTestSupport.mx(io, maildir);
             SmtpClient client = SmtpClient.connect(server.address(), SocketTestSupport.clientOptions().withTranscript(lines(transcript)))) {
            TransactionResult result = client.send(ALICE, List.of(BOB, CHARLIE), message);
            assertThat(result.allAccepted()).isTrue();
        }
        // pipelined: MAIL, both RCPTs and DATA in one group; BODY=8BITMIME because of "Café"
        assertThat(transcript).containsSubsequence("C: MAIL FROM:<alice@monentreprise.fr> SIZE=" + message.length + " BODY=8BITMIME",
                "C: RCPT TO:<bob@exemple.com>", "C: RCPT TO:<charlie@exemple.com>", "C: DATA", "S: 354 Start mail input; end with <CRLF>.<CRLF>");
        MaildirDelivery maildirs = new MaildirDelivery(maildir, "mx.exemple.com");
        for (Mailbox rcpt : List.of(BOB, CHARLIE)) {
            List<Path> files = maildirs.newMessages(rcpt);
            assertThat(files).hasSize(1);
            String stored = Files.readString(files.getFirst(), StandardCharsets.UTF_8);
            assertThat(stored).startsWith("Return-Path: <alice@monentreprise.fr>\r\nReceived: from mail.monentreprise.fr ([127.0.0.1])\r\n"
                    + "\tby mx.exemple.com (smtplab) with ESMTP id ");
            assertThat(stored).doesNotContain("\tfor <");   // two recipients: no "for" clause (RFC 5321 §4.4)
            assertThat(stored).endsWith(new String(message, StandardCharsets.UTF_8));
        }
        assertThat(maildirs.hasTmpFiles()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(IoModel.class)
    void oneRecipientGetsAForClauseAndRelayingIsRefused(IoModel io) throws Exception {
        try (SmtpServer server = SocketTestSupport.mx(io, maildir);
             SmtpClient client = SmtpClient.connect(server.address(), SocketTestSupport.clientOptions())) {
            TransactionResult result = client.send(ALICE, List.of(BOB, new Mailbox("carol", "elsewhere.example")), "Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(result.acceptedRecipients()).containsExactly(BOB);
            assertThat(result.recipients().get(1).reply().format()).isEqualTo("550 5.7.1 Relay access denied\r\n");
        }
        String stored = Files.readString(new MaildirDelivery(maildir, "x").newMessages(BOB).getFirst());
        assertThat(stored).contains("\tfor <bob@exemple.com>;");
        assertThat(Files.exists(maildir.resolve("carol@elsewhere.example"))).isFalse();
    }

    /** Without PIPELINING the client sends one command at a time; the result is the same. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void withoutPipeliningAndWithHundredRecipients(IoModel io) throws Exception {
        List<Mailbox> recipients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            recipients.add(new Mailbox("user" + i, "exemple.com"));
        }
        ServerConfig noPipelining = ServerConfig.defaults("mx.exemple.com").withExtensions(Set.of(SmtpExtension.SIZE, SmtpExtension.ENHANCED_STATUS_CODES, SmtpExtension.EIGHT_BIT_MIME));
        try (SmtpServer server = SocketTestSupport.mx(io, maildir, noPipelining, Duration.ofSeconds(20));
             SmtpClient client = SmtpClient.connect(server.address(), SocketTestSupport.clientOptions())) {
            assertThat(client.capabilities().offers(SmtpExtension.PIPELINING)).isFalse();
            TransactionResult result = client.send(ALICE, recipients, "Subject: many\r\n\r\n..\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(result.acceptedRecipients()).hasSize(100);
            // a second transaction on the same connection
            assertThat(client.send(ALICE, List.of(BOB), "Subject: again\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)).allAccepted()).isTrue();
        }
        assertThat(Files.readString(new MaildirDelivery(maildir, "x").newMessages(recipients.get(99)).getFirst())).endsWith("Subject: many\r\n\r\n..\r\n.\r\n");
    }

    /** A 20 MB message is streamed: both sides move it in bounded chunks, and it arrives whole. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aTwentyMegabyteMessageIsStreamed(IoModel io) throws Exception {
        long size = 20L * 1024 * 1024;
        SmtpClient.Content generated = () -> new GeneratedMessage(size);
        try (SmtpServer server = SocketTestSupport.mx(io, maildir);
             SmtpClient client = SmtpClient.connect(server.address(), SocketTestSupport.clientOptions())) {
            assertThat(client.send(ALICE, List.of(BOB), generated).allAccepted()).isTrue();
        }
        Path stored = new MaildirDelivery(maildir, "x").newMessages(BOB).getFirst();
        String head = new String(Files.newInputStream(stored).readNBytes(400), StandardCharsets.US_ASCII);
        long prefix = head.indexOf("Subject: big");
        assertThat(Files.size(stored) - prefix).isEqualTo(size);
    }

    /** RFC 5321 §4.5.3.2: a client that goes quiet is told 421 4.4.2 and disconnected. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aSilentClientTimesOut(IoModel io) throws Exception {
        try (SmtpServer server = SocketTestSupport.mx(io, maildir, ServerConfig.defaults("mx.exemple.com"), Duration.ofMillis(500));
             RawPeer peer = new RawPeer(server.address())) {
            assertThat(peer.reply()).startsWith("220 ");
            peer.send("EHLO slow.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\nSubject: never ends");
            assertThat(peer.reply()).startsWith("250 ");
            assertThat(peer.rest()).endsWith("421 4.4.2 Timeout, closing transmission channel\r\n");
        }
        assertThat(new MaildirDelivery(maildir, "x").newMessages(BOB)).isEmpty();
        assertThat(new MaildirDelivery(maildir, "x").hasTmpFiles()).isFalse();
    }

    /** A client that disconnects mid-DATA leaves nothing in new/ and nothing in tmp/. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aDroppedConnectionMidDataDeliversNothing(IoModel io) throws Exception {
        try (SmtpServer server = SocketTestSupport.mx(io, maildir)) {
            try (RawPeer peer = new RawPeer(server.address())) {
                peer.reply();
                peer.send("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\n");
                for (int i = 0; i < 4; i++) {
                    peer.reply();
                }
                peer.send("Subject: half\r\n\r\n" + "x".repeat(100_000));
            }
            waitUntil(() -> server.connectionCount() == 0);
        }
        assertThat(new MaildirDelivery(maildir, "x").newMessages(BOB)).isEmpty();
        assertThat(new MaildirDelivery(maildir, "x").hasTmpFiles()).isFalse();
    }

    /** Hostile input over a real socket: an endless line, NUL bytes, 10,000 RCPTs — bounded, answered, alive. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void hostileClients(IoModel io) throws Exception {
        try (SmtpServer server = SocketTestSupport.mx(io, maildir, ServerConfig.defaults("mx.exemple.com").withMaxErrors(20_000), Duration.ofSeconds(20));
             RawPeer peer = new RawPeer(server.address())) {
            peer.reply();
            byte[] huge = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(huge, (byte) 'A');
            peer.send(huge);
            peer.send("\r\n");
            assertThat(peer.reply()).isEqualTo("500 Syntax error, line too long (RFC 5321 section 4.5.3.1.4)");
            peer.send("NOOP \0\0\0\r\nEHLO c.example\r\n");
            assertThat(peer.reply()).startsWith("250");
            assertThat(peer.reply()).startsWith("250 DSN");
            StringBuilder rcpts = new StringBuilder("MAIL FROM:<a@b.example>\r\n");
            for (int i = 0; i < 10_000; i++) {
                rcpts.append("RCPT TO:<u").append(i).append("@exemple.com>\r\n");
            }
            peer.send(rcpts.toString());
            assertThat(peer.reply()).startsWith("250 2.1.0");
            int accepted = 0;
            int tooMany = 0;
            for (int i = 0; i < 10_000; i++) {
                String r = peer.reply();
                if (r.startsWith("250")) {
                    accepted++;
                } else if (r.startsWith("452 4.5.3")) {
                    tooMany++;
                }
            }
            assertThat(accepted).isEqualTo(100);
            assertThat(tooMany).isEqualTo(9_900);
            peer.send("QUIT\r\n");
            assertThat(peer.reply()).startsWith("221");
        }
    }

    /** SMTP smuggling end to end: a bare-LF "end of data" is refused and the smuggled transaction never runs. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void smugglingOverASocketIsRefused(IoModel io) throws Exception {
        try (SmtpServer server = SocketTestSupport.mx(io, maildir); RawPeer peer = new RawPeer(server.address())) {
            peer.reply();
            peer.send("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                peer.reply();
            }
            peer.send("Subject: one\r\n\r\nbody\r\n\n.\r\nMAIL FROM:<admin@exemple.com>\r\nRCPT TO:<charlie@exemple.com>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n.\r\n");
            assertThat(peer.rest()).isEqualTo("521 5.5.2 Bare CR or LF in message data refused (RFC 5321 section 2.3.8); closing connection\r\n");
        }
        assertThat(new MaildirDelivery(maildir, "x").newMessages(BOB)).isEmpty();
        assertThat(new MaildirDelivery(maildir, "x").newMessages(CHARLIE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IoModel.class)
    void connectionLimitsSay421(IoModel io) throws Exception {
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).io(io).listen(new InetSocketAddress("127.0.0.1", 0))
                .maxConnectionsPerAddress(2).start();
             RawPeer a = new RawPeer(server.address()); RawPeer b = new RawPeer(server.address()); RawPeer c = new RawPeer(server.address())) {
            assertThat(a.reply()).startsWith("220");
            assertThat(b.reply()).startsWith("220");
            assertThat(c.rest()).isEqualTo("421 mx.exemple.com Too many connections, try again later\r\n");
        }
    }

    /** Shutdown: an idle client hears 421 at once; a client inside a transaction finishes it first. */
    @ParameterizedTest
    @EnumSource(IoModel.class)
    void gracefulShutdown(IoModel io) throws Exception {
        SmtpServer server = SocketTestSupport.mx(io, maildir);
        try (RawPeer idle = new RawPeer(server.address()); RawPeer busy = new RawPeer(server.address())) {
            idle.reply();
            busy.reply();
            busy.send("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                busy.reply();
            }
            busy.send("Subject: almost there\r\n\r\n");
            Thread closer = Thread.ofVirtual().start(server::close);
            assertThat(idle.rest()).isEqualTo("421 mx.exemple.com Service shutting down, closing transmission channel\r\n");
            busy.send("last line\r\n.\r\n");
            assertThat(busy.reply()).startsWith("250 2.0.0");
            assertThat(busy.rest()).isEqualTo("421 4.3.2 mx.exemple.com Service shutting down, closing transmission channel\r\n");
            closer.join(10_000);
        }
        assertThat(new MaildirDelivery(maildir, "x").newMessages(BOB)).hasSize(1);
    }

    /** The event-loop shell has no TLS yet: it refuses to start with TLS rather than speak plain text. */
    @Test
    void theEventLoopShellRefusesTls() {
        TlsUpgrade never = plain -> {
            throw new IOException("not reached");
        };
        assertThatThrownBy(() -> SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).io(IoModel.NIO)
                .listen(new InetSocketAddress("127.0.0.1", 0)).tls(new ListenerTls.StartTls(new ServerExtension() {}, never)).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("threads");
    }

    @ParameterizedTest
    @EnumSource(IoModel.class)
    void aRefusingServerIsATypedException(IoModel io) throws Exception {
        ServerHooks refuse = new ServerHooks() {
            @Override
            public java.util.Optional<Reply> onConnect(SessionView session) {
                return java.util.Optional.of(Reply.of(554, "5.7.1", "mx.exemple.com no service for you"));
            }
        };
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com")).io(io).listen(new InetSocketAddress("127.0.0.1", 0)).hooks(refuse).start()) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), SocketTestSupport.clientOptions()))
                    .isInstanceOfSatisfying(SmtpReplyException.class, e -> assertThat(e.reply().code()).isEqualTo(554));
        }
    }

    static TranscriptListener lines(List<String> into) {
        return new TranscriptListener() {
            @Override
            public void clientLine(String line) {
                into.add("C: " + line);
            }

            @Override
            public void serverReply(Reply reply) {
                into.addAll(reply.format().lines().map(l -> "S: " + l).toList());
            }
        };
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
    }

    /** A message of exactly {@code size} octets, generated as it is read: "Subject: big", then 70-octet lines. */
    static final class GeneratedMessage extends InputStream {
        private final byte[] head = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private final byte[] line = (".".repeat(1) + "0123456789".repeat(6) + "abcdefg\r\n").getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private long position;

        GeneratedMessage(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            long p = position++;
            if (p < head.length) {
                return head[(int) p];
            }
            if (p >= size - 2) {
                return p == size - 2 ? '\r' : '\n';
            }
            return line[(int) ((p - head.length) % line.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
