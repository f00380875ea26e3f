package io.github.smtplab.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Reply;
import io.github.smtplab.lab.explain.Language;
import io.github.smtplab.lab.explain.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The explanations of a submission dialogue, replayed line by line into {@link DialogueRecorder} as the
 * client reports it: each reply is explained as the answer to the command it answers, in both languages.
 */
class DemoAnnotationsTest {

    /** English phrases that must never appear in the French story (they did before bundles). */
    static final List<String> ENGLISH_PHRASES = List.of("connected to", "greeting", "answers ", " verified", "started", "the server",
            "the client", "recipient", "Enter to continue", "Summary", "octets of message", "server certificate", "final dot",
            "(no record)", "Start the", "explained", "one copy", " which ", "authentication succeeded", "Enhanced code");

    private static final Set<String> KEYWORDS_RFC = Set.of("PIPELINING:RFC 2920", "SIZE:RFC 1870", "8BITMIME:RFC 6152",
            "SMTPUTF8:RFC 6531", "ENHANCEDSTATUSCODES:RFC 2034", "CHUNKING:RFC 3030", "DSN:RFC 3461", "STARTTLS:RFC 3207", "AUTH:RFC 4954");

    /** A submission dialogue as SmtpClient reports it: STARTTLS, EHLO again, AUTH LOGIN, a pipelined group. */
    static List<Story.Line> replay(Language language) {
        List<Story.Line> lines = new ArrayList<>();
        Story story = new Story(List.of(), item -> {
            if (item instanceof Story.Line l) {
                lines.add(l);
            }
        });
        DialogueRecorder d = new DialogueRecorder(story, new Annotations(Messages.of(language)), "mua", "submission", "[t] ",
                Set.of("audit@monentreprise.fr"));
        d.event("connected to localhost/127.0.0.1:587");
        d.serverReply(Reply.of(220, null, "smtp.monentreprise.fr ESMTP"));
        d.clientLine("EHLO laptop.monentreprise.fr");
        d.serverReply(Reply.of(250, null, "smtp.monentreprise.fr greets laptop", "PIPELINING", "SIZE 26214400", "8BITMIME", "SMTPUTF8",
                "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "STARTTLS"));
        d.clientLine("STARTTLS");
        d.serverReply(Reply.of(220, "2.0.0", "Ready to start TLS"));
        d.event("TLS TLSv1.3 TLS_AES_256_GCM_SHA384, peer CN=smtp.monentreprise.fr, verified");
        d.event("TLS started");
        d.clientLine("EHLO laptop.monentreprise.fr");
        d.serverReply(Reply.of(250, null, "smtp.monentreprise.fr greets laptop", "PIPELINING", "AUTH SCRAM-SHA-256 PLAIN LOGIN"));
        d.clientLine("AUTH LOGIN");
        d.serverReply(Reply.of(334, null, "VXNlcm5hbWU6"));
        d.clientLine("YWxpY2U=");
        d.serverReply(Reply.of(334, null, "UGFzc3dvcmQ6"));
        d.clientLine("c2VjcmV0LXBhc3N3b3Jk");
        d.serverReply(Reply.of(235, "2.7.0", "Authentication successful"));
        d.clientLine("MAIL FROM:<alice@monentreprise.fr> SIZE=1643");
        d.clientLine("RCPT TO:<bob@exemple.com>");
        d.clientLine("RCPT TO:<audit@monentreprise.fr>");
        d.clientLine("DATA");
        d.serverReply(Reply.of(250, "2.1.0", "Sender OK"));
        d.serverReply(Reply.of(250, "2.1.5", "Recipient OK"));
        d.serverReply(Reply.of(250, "2.1.5", "Recipient OK"));
        d.serverReply(Reply.of(354, null, "Start mail input"));
        d.messageContent(1646);
        d.serverReply(Reply.of(250, "2.0.0", "Message accepted"));
        d.clientLine("QUIT");
        d.serverReply(Reply.of(221, "2.0.0", "Bye"));
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLineIsExplainedWithAnRfc(Language language) {
        List<Story.Line> lines = replay(language);
        assertThat(lines).hasSize(39);
        assertThat(lines).allSatisfy(l -> assertThat(l.note()).as(l.text()).isNotBlank());
        assertThat(lines).filteredOn(l -> !(l.line() instanceof DialogueLine.Event)).allSatisfy(l -> assertThat(l.note()).as(l.text()).contains("RFC "));
    }

    @Test
    void the220AfterStartTlsAnswersStartTlsAndIsNoGreeting() {
        for (Language language : Language.values()) {
            List<Story.Line> lines = replay(language);
            Story.Line greeting = line(lines, "S: 220 smtp.monentreprise.fr");
            Story.Line afterStartTls = line(lines, "S: 220 2.0.0 Ready");
            assertThat(afterStartTls.note()).contains("STARTTLS").contains("RFC 3207 §4")
                    .doesNotStartWith(greeting.note().substring(0, 12));
            assertThat(greeting.note()).doesNotContain("STARTTLS");
            assertThat(((DialogueLine.ReplyLine) afterStartTls.line()).answers().verb()).isEqualTo("STARTTLS");
        }
        assertThat(line(replay(Language.ENGLISH), "S: 220 2.0.0 Ready").note()).startsWith("answers STARTTLS, it is not a greeting");
    }

    @Test
    void eachEhloKeywordIsExplainedWithItsRfc() {
        List<Story.Line> lines = replay(Language.ENGLISH);
        for (String pair : KEYWORDS_RFC) {
            String keyword = pair.split(":")[0];
            String rfc = pair.split(":")[1];
            Story.Line l = lines.stream().filter(x -> x.text().matches("S: 250[- ]" + keyword + "( .*)?")).findFirst().orElseThrow();
            assertThat(l.note()).as(keyword).startsWith(keyword).contains(rfc);
        }
        assertThat(line(lines, "S: 250-smtp.monentreprise.fr").note()).contains("\"250-\"").contains("RFC 5321 §4.2.1");
        assertThat(line(lines, "S: 250 STARTTLS").note()).contains("last line");
    }

    @Test
    void repliesAnswerTheirCommandInPipelinedOrder() {
        List<Story.Line> lines = replay(Language.ENGLISH);
        assertThat(line(lines, "C: MAIL").note()).contains("RFC 2920");
        List<Story.Line> replies = lines.stream().filter(l -> l.line() instanceof DialogueLine.ReplyLine r && r.answers().pipelined()).toList();
        assertThat(replies).extracting(l -> ((DialogueLine.ReplyLine) l.line()).answers().line())
                .containsExactly("MAIL FROM:<alice@monentreprise.fr> SIZE=1643", "RCPT TO:<bob@exemple.com>", "RCPT TO:<audit@monentreprise.fr>", "DATA");
        assertThat(replies.get(1).note()).contains("RCPT TO:<bob@exemple.com>").contains("2.1.5").contains("RFC 3463");
        assertThat(line(lines, "S: 250 2.0.0 Message").note()).contains("responsib").contains("RFC 5321 §6.1");
        assertThat(line(lines, "C: EHLO").note()).doesNotContain("RFC 3207");
        assertThat(lines.stream().filter(l -> l.text().startsWith("C: EHLO")).skip(1).findFirst().orElseThrow().note()).contains("RFC 3207 §4.2");
    }

    @Test
    void theBccRemarkIsOnlyOnTheBccRecipient() {
        for (Language language : Language.values()) {
            String bcc = Messages.of(language).text("command.RCPT.bcc");
            List<Story.Line> lines = replay(language);
            assertThat(lines).filteredOn(l -> l.note().contains(bcc)).extracting(Story.Line::text)
                    .containsExactly("C: RCPT TO:<audit@monentreprise.fr>");
        }
    }

    @Test
    void thePasswordIsMaskedAndTheOctetCountExplained() {
        List<Story.Line> lines = replay(Language.ENGLISH);
        assertThat(lines).noneMatch(l -> l.text().contains("c2VjcmV0"));
        assertThat(line(lines, "C: YWxpY2U=").note()).contains("\"alice\"");
        assertThat(line(lines, "C: … 1646").note()).contains("1643").contains("SIZE=").contains("3");
        assertThat(line(lines, "C: AUTH LOGIN").note()).contains("SCRAM-SHA-256").contains("--auth-mechanism");
        assertThat(line(lines, "C: AUTH LOGIN").auth()).isTrue();
        assertThat(line(lines, "C: MAIL").auth()).isFalse();
        assertThat(line(lines, "C: MAIL").tls()).isTrue();
    }

    @Test
    void noEnglishLeaksIntoFrench() {
        for (Story.Line l : replay(Language.FRENCH)) {
            // what the peers sent stays as sent; everything the demo writes is French
            boolean wire = l.line() instanceof DialogueLine.Command || l.line() instanceof DialogueLine.ReplyLine
                    || l.line() instanceof DialogueLine.AuthResponse;
            String ours = wire ? l.note() : l.text() + "  " + l.note();
            for (String english : ENGLISH_PHRASES) {
                assertThat(ours).as(l.text()).doesNotContainIgnoringCase(english);
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameSentencesAndTheFrenchOnesAreFrench() {
        Messages english = Messages.of(Language.ENGLISH);
        Messages french = Messages.of(Language.FRENCH);
        assertThat(french.keys()).isEqualTo(english.keys()).hasSizeGreaterThan(150);
        for (String key : french.keys()) {
            assertThat(french.text(key)).as(key).isNotNull();
            for (String phrase : ENGLISH_PHRASES) {
                assertThat(french.text(key)).as(key).doesNotContainIgnoringCase(phrase);
            }
        }
        assertThat(french.text("step.servers")).contains("rôle du port 25").contains("d'exemple.com");
        assertThat(french.text("step.submit")).contains("d'Alice");
        assertThat(french.text("step.check")).contains("champ Bcc (Cci)");
    }

    @Test
    void frenchNumbersUseADecimalComma() {
        assertThat(Messages.of(Language.FRENCH).seconds(1.6)).isEqualTo("1,6 s");
        assertThat(Messages.of(Language.ENGLISH).seconds(1.6)).isEqualTo("1.6 s");
    }

    private static Story.Line line(List<Story.Line> lines, String start) {
        return lines.stream().filter(l -> l.text().startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start));
    }
}
