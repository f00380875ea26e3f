package io.github.smtplab.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.smtplab.core.Reply;
import io.github.smtplab.lab.explain.Language;
import io.github.smtplab.lab.explain.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * RFC 2920 §3.1 and RFC 5321 §4.1: the server replies to each command, in the order the commands were
 * sent, however many are pipelined. So for any pipelined group (MAIL, one to 30 RCPTs, DATA) with any
 * accept/refuse codes, the recorder pairs the i-th reply with the i-th command, and every line is
 * explained. And {@link HtmlPage#esc} leaves no markup character in any text.
 */
class DialogueRecorderProperties {

    /** Local parts from the RFC 5321 atext grammar, plus characters that are markup in HTML. */
    static Gen<String> localParts() {
        return strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(1, 20).map(s -> s.replaceAll("[<>@\\s]", "x"));
    }

    @Test
    void everyReplyAnswersTheCommandAtItsPosition() {
        Gen<List<String>> recipients = lists().of(localParts()).ofSizeBetween(1, 30);
        Gen<List<Integer>> codes = lists().of(integers().between(0, 2)).ofSize(31);
        qt().withExamples(300).forAll(recipients, codes).checkAssert((locals, choices) -> {
            List<Story.Line> lines = new ArrayList<>();
            Story story = new Story(List.of(), item -> {
                if (item instanceof Story.Line l) {
                    lines.add(l);
                }
            });
            DialogueRecorder d = new DialogueRecorder(story, new Annotations(Messages.of(Language.FRENCH)), "a", "b", "", Set.of());
            d.event("connected to /127.0.0.1:25");
            d.serverReply(Reply.of(220, null, "mx"));
            d.clientLine("EHLO client");
            d.serverReply(Reply.of(250, null, "mx", "PIPELINING"));
            List<String> sent = new ArrayList<>();
            sent.add("MAIL FROM:<a@b>");
            locals.forEach(l -> sent.add("RCPT TO:<" + l + "@exemple.com>"));
            sent.add("DATA");
            sent.forEach(d::clientLine);
            for (int i = 0; i < sent.size(); i++) {
                int code = i == sent.size() - 1 ? 354 : List.of(250, 450, 550).get(choices.get(i));
                d.serverReply(Reply.of(code, null, "reply " + i));
            }
            List<DialogueLine.ReplyLine> replies = lines.stream().map(Story.Line::line)
                    .filter(l -> l instanceof DialogueLine.ReplyLine r && r.text().contains("reply ")).map(l -> (DialogueLine.ReplyLine) l).toList();
            assertThat(replies).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(replies.get(i).answers().line()).isEqualTo(sent.get(i));
                assertThat(replies.get(i).answers().pipelined()).isTrue();
            }
            assertThat(lines).allSatisfy(l -> assertThat(l.note()).isNotBlank());
        });
    }

    @Test
    void escapedTextHoldsNoMarkup() {
        qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 60)).checkAssert(text -> {
            String escaped = HtmlPage.esc(text);
            assertThat(escaped).doesNotContain("<").doesNotContain(">").doesNotContain("\"").doesNotContain("'");
            String back = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            assertThat(back).isEqualTo(text);
        });
    }
}
