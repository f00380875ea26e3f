package io.github.smtplab.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery into Maildirs: the message lands whole in every recipient's {@code new/} (linked, then
 * renamed from {@code tmp/}), once per Maildir however the address is spelt, with the trace fields
 * before it; {@code tmp/} is left empty; an abandoned message leaves nothing.
 */
class MaildirDeliveryTest {

    @TempDir
    Path root;

    private static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    private static final Mailbox BOB_UPPER = new Mailbox("bob", "EXEMPLE.COM");
    private static final Mailbox CAROL = new Mailbox("carol", "exemple.com");

    private static Envelope envelope(Mailbox... recipients) {
        List<Envelope.Recipient> to = new ArrayList<>();
        for (Mailbox m : recipients) {
            to.add(new Envelope.Recipient(m, EsmtpParameters.NONE));
        }
        return new Envelope(new Mailbox("alice", "exemple.org"), EsmtpParameters.NONE, to);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyMaildirGetsTheWholeMessageOnceAndTmpIsEmpty() throws Exception {
        MaildirDelivery maildir = new MaildirDelivery(root, "mx.exemple.com");
        for (int round = 0; round < 3; round++) {   // the second and third reuse the remembered directories
            MessageSink sink = maildir.onData(envelope(BOB, CAROL, BOB_UPPER), new ServerSession(ServerConfig.defaults("mx.exemple.com")));
            sink.write(ascii("Subject: one\r\n"));
            sink.write(ascii("\r\nbody " + round + "\r\n"));
            assertThat(sink.complete().code()).isEqualTo(250);
        }
        for (Mailbox m : List.of(BOB, CAROL)) {
            List<Path> messages = maildir.newMessages(m);
            assertThat(messages).hasSize(3);
            String first = Files.readString(messages.getFirst(), StandardCharsets.US_ASCII);
            assertThat(first).startsWith("Return-Path: <alice@exemple.org>\r\nReceived: from unknown\r\n\tby mx.exemple.com (smtplab) with SMTP id ")
                    .doesNotContain("\tfor ")   // three recipients: no for clause (RFC 5321 section 4.4)
                    .containsPattern(" \\+0000\r\nSubject: one\r\n\r\nbody [012]\r\n$");
        }
        assertThat(maildir.hasTmpFiles()).isFalse();
    }

    @Test
    void anEmptyMessageStillHasItsTraceFields() throws Exception {
        MaildirDelivery maildir = new MaildirDelivery(root, "mx.exemple.com");
        MessageSink sink = maildir.onData(envelope(BOB), new ServerSession(ServerConfig.defaults("mx.exemple.com")));
        assertThat(sink.complete().code()).isEqualTo(250);
        String stored = Files.readString(maildir.newMessages(BOB).getFirst(), StandardCharsets.US_ASCII);
        assertThat(stored).startsWith("Return-Path: <alice@exemple.org>\r\nReceived: ").contains("\tfor <bob@exemple.com>;").endsWith(" +0000\r\n");
    }

    /** A body spooled to a file goes in file to file (transferFrom), still after the trace fields. */
    @Test
    void aTransferredBodyFollowsTheTraceFields() throws Exception {
        MaildirDelivery maildir = new MaildirDelivery(root, "mx.exemple.com");
        Path spooled = Files.writeString(root.resolve("spooled"), "xxSubject: spooled\r\n\r\nbody\r\nyy", StandardCharsets.US_ASCII);
        MessageSink sink = maildir.onData(envelope(BOB), new ServerSession(ServerConfig.defaults("mx.exemple.com")));
        try (FileChannel source = FileChannel.open(spooled)) {
            sink.transferFrom(source, 2, source.size() - 4);
        }
        assertThat(sink.complete().code()).isEqualTo(250);
        String stored = Files.readString(maildir.newMessages(BOB).getFirst(), StandardCharsets.US_ASCII);
        assertThat(stored).startsWith("Return-Path: <alice@exemple.org>\r\nReceived: ").endsWith(" +0000\r\nSubject: spooled\r\n\r\nbody\r\n");
    }

    @Test
    void anAbandonedMessageLeavesNothing() throws Exception {
        MaildirDelivery maildir = new MaildirDelivery(root, "mx.exemple.com");
        MessageSink sink = maildir.onData(envelope(BOB, CAROL), new ServerSession(ServerConfig.defaults("mx.exemple.com")));
        sink.write(ascii("Subject: lost\r\n"));
        sink.abort();
        assertThat(maildir.newMessages(BOB)).isEmpty();
        assertThat(maildir.newMessages(CAROL)).isEmpty();
        assertThat(maildir.hasTmpFiles()).isFalse();
    }
}
