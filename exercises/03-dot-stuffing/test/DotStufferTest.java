import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 03: each assertion names the rule of RFC 5321 and shows the message, with CR and LF made visible. */
class DotStufferTest {

    /** CR and LF as \r and \n, so that a missing one shows in the message. */
    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void sends(String message, String expected, String rule) {
        assertThat(visible(DotStuffer.stuff(message))).as("%s; input \"%s\"", rule, visible(message)).isEqualTo(visible(expected));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: a message without dots gets CRLF . CRLF at its end")
    void plainMessage() {
        sends("Subject: hello\r\n\r\nHi Bob\r\n", "Subject: hello\r\n\r\nHi Bob\r\n.\r\n",
                "RFC 5321 4.1.1.4: the data end with <CRLF>.<CRLF>");
    }

    @Test
    @DisplayName("RFC 5321 4.5.2: a line that starts with a period gets one more")
    void lineStartingWithDot() {
        sends("Hi\r\n.\r\nBye\r\n", "Hi\r\n..\r\nBye\r\n.\r\n", "RFC 5321 4.5.2: a lone period line is stuffed");
        sends("a\r\n.hidden\r\n", "a\r\n..hidden\r\n.\r\n", "RFC 5321 4.5.2: a period that starts a line is doubled");
        sends("a\r\n...\r\n", "a\r\n....\r\n.\r\n", "RFC 5321 4.5.2: only one period is inserted, however many there are");
    }

    @Test
    @DisplayName("RFC 5321 4.5.2: the first line is a line too")
    void firstLine() {
        sends(".hidden\r\nText\r\n", "..hidden\r\nText\r\n.\r\n", "RFC 5321 4.5.2: the first line starts with a period");
        sends(".\r\n", "..\r\n.\r\n", "RFC 5321 4.5.2: a message that is only a period line");
    }

    @Test
    @DisplayName("RFC 5321 4.5.2: a period inside a line is not touched")
    void dotsInsideLines() {
        sends("see www.exemple.com.\r\n", "see www.exemple.com.\r\n.\r\n", "RFC 5321 4.5.2: only the first character of a line is checked");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: the last line gets its CRLF before the final period")
    void lastLineWithoutCrlf() {
        sends("Hi\r\n.\r\nMore", "Hi\r\n..\r\nMore\r\n.\r\n",
                "RFC 5321 4.1.1.4: the first <CRLF> of <CRLF>.<CRLF> is the terminator of the previous line");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: an empty message is the terminator alone")
    void emptyMessage() {
        sends("", ".\r\n", "RFC 5321 4.1.1.4: with no mail data, the CRLF of the DATA command is the first <CRLF>");
    }
}
