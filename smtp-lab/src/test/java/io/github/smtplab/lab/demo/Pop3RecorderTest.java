package io.github.smtplab.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.lab.explain.Language;
import io.github.smtplab.lab.explain.Messages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bob's POP3 dialogue, replayed into {@link Pop3Recorder} as {@code Pop3Client} reports it: each status
 * line explained as the answer to the command before it (RFC 1939 §3), listing lines by the listing they
 * belong to, every line an explained story line in both languages.
 */
class Pop3RecorderTest {

    static List<Story.Line> replay(Language language) {
        List<Story.Line> lines = new ArrayList<>();
        Story story = new Story(List.of(), item -> {
            if (item instanceof Story.Line l) {
                lines.add(l);
            }
        });
        Pop3Recorder bob = new Pop3Recorder(story, new Annotations(Messages.of(language)), "reader", "pop3", "[bob → pop.exemple.com] ");
        bob.event("TLS TLSv1.3 TLS_AES_256_GCM_SHA384, server certificate CN=pop.exemple.com");
        bob.serverLine("+OK pop.exemple.com POP3 server ready");
        bob.clientLine("CAPA");
        bob.serverLine("+OK capability list follows");
        bob.serverLine("UIDL");
        bob.serverLine("SASL SCRAM-SHA-256 PLAIN");
        bob.serverLine("X-UNKNOWN");
        bob.serverLine(".");
        bob.clientLine("USER bob");
        bob.serverLine("+OK send PASS");
        bob.clientLine("PASS ****");
        bob.serverLine("-ERR [AUTH] invalid credentials");
        bob.clientLine("UIDL");
        bob.serverLine("+OK");
        bob.serverLine("1 1796537044.M1P2.mx.exemple.com");
        bob.serverLine(".");
        bob.clientLine("RETR 1");
        bob.serverLine("+OK 2978 octets");
        bob.messageContent(2978);
        bob.clientLine("QUIT");
        bob.serverLine("+OK bye");
        bob.event("connection closed");
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLineIsInTheStoryWithItsContextAndAnExplanation(Language language) {
        List<Story.Line> lines = replay(language);
        assertThat(lines).hasSize(22).allSatisfy(l -> assertThat(l.note()).matches(".{10,}RFC \\d{4}.*"));
        assertThat(lines.getFirst().line()).isInstanceOf(DialogueLine.Pop3Tls.class);
        assertThat(lines.getFirst().text()).contains("CN=pop.exemple.com");
        assertThat(lines.stream().filter(l -> l.line().isArrow())).hasSize(20);   // the TLS line and the close are events
        assertThat(lines.get(1).line()).isEqualTo(new DialogueLine.Pop3Status("+OK pop.exemple.com POP3 server ready", "GREETING"));
        assertThat(lines.get(4).line()).isEqualTo(new DialogueLine.Pop3ListingLine("UIDL", "CAPA"));   // a capability, not the command
        assertThat(lines.get(4).note()).contains("RFC 2449 §6.8");
        assertThat(lines.get(5).note()).startsWith("SASL SCRAM-SHA-256 PLAIN").contains("RFC 2449 §6.3");
        assertThat(lines.get(6).note()).contains("X-UNKNOWN").contains("RFC 2449 §6");
        assertThat(lines.get(7).line()).isEqualTo(new DialogueLine.Pop3ListingLine(".", "CAPA"));
        assertThat(lines.get(10).text()).isEqualTo("C: PASS ****");
        assertThat(lines.get(11).note()).contains("[AUTH]").contains("RFC 3206");   // -ERR explained as a refusal, not as a login
        assertThat(lines.get(14).note()).contains("1796537044.M1P2.mx.exemple.com").contains("RFC 1939 §7");
        assertThat(lines.get(18).text()).startsWith("S: ").contains("2978");
        assertThat(lines.get(19).line()).isEqualTo(new DialogueLine.Pop3Command("QUIT", "QUIT"));
        assertThat(lines.getLast().line()).isInstanceOf(DialogueLine.Pop3Closed.class);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.tls()).isTrue());   // implicit TLS: all of it
        assertThat(lines).allSatisfy(l -> assertThat(l.label()).isEqualTo("[bob → pop.exemple.com] "));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void statusLinesGoFromTheServerToTheReader(Language language) {
        for (Story.Line l : replay(language)) {
            boolean fromServer = l.line() instanceof DialogueLine.Pop3Status || l.line() instanceof DialogueLine.Pop3ListingLine
                    || l.line() instanceof DialogueLine.Pop3Message;
            assertThat(l.from()).as(l.text()).isEqualTo(fromServer ? "pop3" : "reader");
        }
    }

    @Test
    void theFrenchExplanationsAreFrench() {
        for (Story.Line l : replay(Language.FRENCH)) {
            String ours = l.line() instanceof DialogueLine.Pop3Tls || l.line() instanceof DialogueLine.Pop3Closed ? l.text() + l.note() : l.note();
            for (String english : DemoAnnotationsTest.ENGLISH_PHRASES) {
                assertThat(ours).as(l.text()).doesNotContainIgnoringCase(english);
            }
        }
    }
}
