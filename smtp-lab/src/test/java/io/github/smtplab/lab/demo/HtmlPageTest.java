package io.github.smtplab.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Reply;
import io.github.smtplab.lab.explain.Language;
import io.github.smtplab.lab.explain.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page builder on its own: hostile text is escaped everywhere, lanes are data, RFC sections become links. */
class HtmlPageTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>\"'&</script>";

    @Test
    void everythingFromTheStoryIsEscaped() {
        Messages messages = Messages.of(Language.ENGLISH);
        Story story = new Story(List.of(new Story.Lane("a", HOSTILE, "h<1>"), new Story.Lane("b", "B", "h2")), item -> { });
        story.add(new Story.Step(1, HOSTILE));
        DialogueRecorder d = new DialogueRecorder(story, new Annotations(messages), "a", "b", "[" + HOSTILE + "] ", java.util.Set.of());
        d.event("connected to " + HOSTILE);
        d.serverReply(Reply.of(220, null, HOSTILE));
        d.clientLine("EHLO " + HOSTILE);
        story.add(new Story.Delivery("bob@exemple.com", ("Subject: " + HOSTILE + "\r\nX-Evil: " + HOSTILE + "\r\n\r\n" + HOSTILE + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String page = HtmlPage.render(story, messages);
        assertThat(page).doesNotContain("<img").doesNotContain("</script>\"").doesNotContain("onerror=alert(1)>")
                .contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&lt;/script&gt;");
        assertThat(page.split("<script>", -1)).hasSize(2);   // only the page's own script
        assertThat(page).contains("class=\"arrow s\"").contains("class=\"arrow c\"").contains("data-lane=\"b\"");
    }

    @Test
    void aLaneAddedLaterGetsItsColumn() {
        Messages messages = Messages.of(Language.FRENCH);
        Story story = new Story(List.of(new Story.Lane("maildir", "Maildirs", "m")), item -> { });
        story.addLane(new Story.Lane("reader", "Lecteur (POP3)", "bob"));
        DialogueRecorder d = new DialogueRecorder(story, new Annotations(messages), "reader", "maildir", "[bob] ", java.util.Set.of());
        d.clientLine("QUIT");
        String page = HtmlPage.render(story, messages);
        assertThat(page).contains("<html lang=\"fr\">").contains("data-lane=\"reader\"").contains(">Lecteur</text>").contains(">POP3</text>").contains("C: QUIT");
    }

    @Test
    void rfcSectionsBecomeLinks() {
        assertThat(HtmlPage.linked("see (RFC 5321 §4.2, §3.1) & RFC 2920"))
                .isEqualTo("see (<a href=\"https://www.rfc-editor.org/rfc/rfc5321#section-4.2\" target=\"_blank\" rel=\"noopener\">RFC 5321 §4.2</a>, "
                        + "<a href=\"https://www.rfc-editor.org/rfc/rfc5321#section-3.1\" target=\"_blank\" rel=\"noopener\">§3.1</a>) &amp; "
                        + "<a href=\"https://www.rfc-editor.org/rfc/rfc2920\" target=\"_blank\" rel=\"noopener\">RFC 2920</a>");
    }
}
