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
                .doesNotContain("\u001b[")   // no colour when not on a terminal
                .contains("S: 220 2.0.0 Ready to start TLS").contains("# answers STARTTLS, it is not a greeting")
                .contains("server certificate CN=mx.exemple.com, not verified").contains("RFC 7435")   // the MX's own certificate
                .contains("application/pdf  base64").contains("ordre-du-jour.pdf").contains("> Bonjour Bob, bonjour Charlie,")   // the body
                .contains("RFC 6376 §8.15").contains("spf=none smtp.helo=smtp.monentreprise.fr:")
                .contains("DNS: MX exemple.com? → 10 mx.exemple.com.");
        everyDialogueLineIsExplained(run.out());
        assertThat(run.out().lines().filter(l -> l.contains("Bcc recipient"))).singleElement().asString()
                .startsWith("[alice → smtp.monentreprise.fr] C: RCPT TO:<audit@monentreprise.fr>");
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
        assertThat(run.out()).contains("Le client d'Alice soumet le message").contains("toutes les étapes ont réussi")
                .contains("] ** connecté à 127.0.0.1:").contains("] [TLS] en place").contains(", vérifié").contains(", non vérifié")
                .contains("rôle du port 25").contains("# répond à STARTTLS, ce n'est pas un accueil")
                .containsPattern("\\(\\d+,\\d s\\)");   // a decimal comma
        everyDialogueLineIsExplained(run.out());
        String withoutWireText = run.out().lines()
                .map(l -> l.replaceFirst("\\] (C|S): .*?  # ", "] # "))   // what the peers said stays as said
                .filter(l -> !l.startsWith("   | ") && !l.startsWith("       > "))   // the header and the body as received
                .collect(java.util.stream.Collectors.joining("\n"));
        for (String english : io.github.smtplab.lab.demo.DemoAnnotationsTestAccess.englishPhrases()) {
            assertThat(withoutWireText).as(english).doesNotContainIgnoringCase(english);
        }
    }

    @Test
    void anUnknownLanguageIsAUsageError() {
        ServeAndSendTest.Run run = ServeAndSendTest.smtplab("demo", "--lang", "de");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--lang de").contains("en, fr");
        assertThat(run.out()).doesNotContain("==");   // nothing started
    }

    /** Each line of both dialogues, each DNS lookup and delivery: followed by its explanation. */
    private static void everyDialogueLineIsExplained(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("[")).toList();
        assertThat(lines).hasSizeGreaterThan(80);
        assertThat(lines).allSatisfy(l -> assertThat(l).containsPattern("  # \\S.{10,}"));
        assertThat(lines.stream().filter(l -> l.startsWith("[alice → smtp.monentreprise.fr] S: ") || l.startsWith("[alice → smtp.monentreprise.fr] C: ")))
                .hasSizeGreaterThan(35);
        assertThat(lines.stream().filter(l -> l.startsWith("[smtp.monentreprise.fr → mx.exemple.com] S: ")
                || l.startsWith("[smtp.monentreprise.fr → mx.exemple.com] C: "))).hasSizeGreaterThan(30);
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
