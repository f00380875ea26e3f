package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./smtplab demo} without a terminal, as CI runs it: exit code, transcripts and Maildirs. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoTest {

    @TempDir
    Path keep;

    @Test
    void theDemoDeliversTheSeedMessage() throws Exception {
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("demo", "--keep", keep.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[alice → smtp.monentreprise.fr] C: RCPT TO:<audit@monentreprise.fr>")
                .contains("[smtp.monentreprise.fr → mx.exemple.com] C: RCPT TO:<bob@exemple.com>")
                .contains("334 VXNlcm5hbWU6").contains("\"alice\"").doesNotContain("demain-10h-")   // AUTH LOGIN, password masked
                .doesNotContain("\u001b[");   // no colour when not on a terminal
        for (String who : List.of("bob@exemple.com", "charlie@exemple.com")) {
            // Bob's copy was read over POP3 in step 7: at QUIT it moved to cur/ (seen); Charlie's is still new
            List<Path> files = list(keep.resolve("maildir-exemple.com").resolve(who).resolve(who.startsWith("bob") ? "cur" : "new"));
            assertThat(files).hasSize(1);
            byte[] bytes = Files.readAllBytes(files.getFirst());
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("\r\nBcc:").doesNotContain("audit@");
            assertThat(text.split("\r\nReceived: ", -1)).hasSize(3);   // two Received fields
            assertThat(text).contains("with ESMTPSA").contains("with ESMTPS id")            // RFC 3848: TLS+AUTH, then TLS
                    .contains("spf=pass").contains("dkim=pass header.d=monentreprise.fr").contains("dmarc=pass")
                    .contains("DKIM-Signature: ");
            ParsedMessage parsed = Message.parse(bytes);
            assertThat(parsed.attachments()).singleElement().satisfies(a -> assertThat(new String(a.body(), StandardCharsets.ISO_8859_1))
                    .startsWith("%PDF-1.4").endsWith("%%EOF\n"));
        }
        assertThat(list(keep.resolve("maildir-monentreprise.fr").resolve("audit@monentreprise.fr").resolve("new"))).hasSize(1);
    }

    @Test
    void theDemoSpeaksFrench() {
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("demo", "--lang", "fr");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Le client d'Alice soumet le message").contains("toutes les étapes ont réussi");
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
