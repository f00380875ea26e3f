package io.github.smtplab.core.net;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.SmugglingSequencesTest;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.net.SocketTestSupport.RawPeer;
import io.github.smtplab.testkit.RequiresSharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 12 published SMTP smuggling sequences, end to end over a socket to our MX: each is sent in the
 * SEC inbound framing (a message, the fake end of data, smuggled MAIL/RCPT/DATA and a second message,
 * then the real end). Whatever the server does, there is never a second message: either the connection
 * ends with 521 (bare CR/LF), or one message arrives holding the smuggled text as content.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RequiresSharedData("smtp/smuggling-sequences.txt")
class SmugglingOverSocketTest {

    @TempDir
    Path maildir;

    @ParameterizedTest
    @EnumSource(IoModel.class)
    void noSequenceSmugglesASecondMessage(IoModel io) throws Exception {
        List<SmugglingSequencesTest.Sequence> sequences = SmugglingSequencesTest.readSequences();
        assertThat(sequences).hasSize(12);
        Mailbox victim = new Mailbox("victim", "exemple.com");
        int accepted = 0;
        try (SmtpServer server = SocketTestSupport.mx(io, maildir)) {
            for (SmugglingSequencesTest.Sequence sequence : sequences) {
                try (RawPeer peer = new RawPeer(server.address())) {
                    peer.reply();
                    peer.send("EHLO attacker.example\r\nMAIL FROM:<sender@attacker.example>\r\nRCPT TO:<victim@exemple.com>\r\nDATA\r\n");
                    for (int i = 0; i < 4; i++) {
                        peer.reply();
                    }
                    byte[] payload = SmugglingSequencesTest.secInbound(sequence);
                    peer.send(new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .replace("victim@example.net", "victim@exemple.com").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    peer.send("QUIT\r\n");
                    String rest = peer.rest();
                    List<String> codes = rest.lines().map(l -> l.substring(0, 3)).toList();
                    assertThat(codes).as(sequence.id() + ": " + rest).isIn(List.of("521"), List.of("250", "221"));
                    accepted += codes.getFirst().equals("250") ? 1 : 0;
                }
            }
        }
        // at most one message per connection, and never one from the smuggled envelope
        MaildirDelivery maildirs = new MaildirDelivery(maildir, "x");
        for (Path message : maildirs.newMessages(victim)) {
            String text = java.nio.file.Files.readString(message, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("Return-Path: <sender@attacker.example>");
            assertThat(text).contains("smuggled");   // the smuggled commands stayed inside the first message
        }
        assertThat(maildirs.newMessages(victim)).hasSize(accepted);
        assertThat(accepted).as("only the NUL sequences carry no bare CR/LF").isEqualTo(2);
    }
}
