import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 01: each assertion names the rule of RFC 5321 it checks and shows the lines read. */
class ReplyParserTest {

    private static ReplyParser.Reply read(String... lines) {
        return ReplyParser.read(List.of(lines).iterator());
    }

    @Test
    @DisplayName("RFC 5321 4.2: a reply is a three-digit code, a space and text")
    void oneLineReply() {
        ReplyParser.Reply reply = read("250 OK");
        assertThat(reply.code()).as("RFC 5321 4.2: the reply code of [250 OK]").isEqualTo(250);
        assertThat(reply.lines()).as("RFC 5321 4.2: the text of [250 OK]").containsExactly("OK");
    }

    @Test
    @DisplayName("RFC 5321 4.2.1: every line but the last has the code and a hyphen")
    void multilineReplyFromTheRfc() {
        ReplyParser.Reply reply = read("250-First line", "250-Second line", "250-234 Text beginning with numbers", "250 The last line");
        assertThat(reply.lines())
                .as("RFC 5321 4.2.1: every line except the last begins with the code and a hyphen; input [250-First line, 250-Second line, 250-234 Text beginning with numbers, 250 The last line]")
                .containsExactly("First line", "Second line", "234 Text beginning with numbers", "The last line");
        assertThat(reply.code()).as("RFC 5321 4.2.1: the code of the multiline reply").isEqualTo(250);
    }

    @Test
    @DisplayName("RFC 5321 4.2.1: clients MUST be prepared for a code alone, without space or text")
    void codeAloneIsAWholeReply() {
        ReplyParser.Reply reply = read("354");
        assertThat(reply.code()).as("RFC 5321 4.2.1: clients MUST be prepared for the space and text to be omitted; input [354]").isEqualTo(354);
        assertThat(reply.lines()).as("RFC 5321 4.2.1: a code alone has empty text; input [354]").containsExactly("");
    }

    @Test
    @DisplayName("RFC 5321 4.2.1: the line with code and space ends the reply; the next line starts the next reply")
    void readsExactlyOneReply() {
        Iterator<String> lines = List.of("250-mx.exemple.com", "250 8BITMIME", "354 Go ahead").iterator();
        ReplyParser.Reply first = ReplyParser.read(lines);
        assertThat(first.lines()).as("RFC 5321 4.2.1: the space after the code ends the reply; input [250-mx.exemple.com, 250 8BITMIME, 354 Go ahead]")
                .containsExactly("mx.exemple.com", "8BITMIME");
        ReplyParser.Reply second = ReplyParser.read(lines);
        assertThat(second.code()).as("RFC 5321 4.2: every command generates exactly one reply, so the next reply starts after the last line; input [354 Go ahead]").isEqualTo(354);
    }

    @Test
    @DisplayName("RFC 5321 4.2.1: the reply code on each of the lines MUST be the same")
    void allLinesCarryTheSameCode() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 5321 4.2.1: the reply code on each of the lines MUST be the same; input [250-first, 251 second]")
                .isThrownBy(() -> read("250-first", "251 second"));
    }

    @Test
    @DisplayName("RFC 5321 4.2.1: a reply is not complete before its last line")
    void replyMustEndWithItsLastLine() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .as("RFC 5321 4.2.1: the last line begins with the code and <SP>; input [250-first, 250-second] has no last line")
                .isThrownBy(() -> read("250-first", "250-second"));
    }

    @Test
    @DisplayName("RFC 5321 4.2: a reply begins with a three digit number")
    void codeIsThreeDigits() {
        for (String line : List.of("25O OK", "OK", "25", "+25 OK")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 5321 4.2: a reply begins with a three digit number; input [%s]", line)
                    .isThrownBy(() -> read(line));
        }
    }

    @Test
    @DisplayName("RFC 5321 4.2.1: the code is followed by a hyphen or a space, nothing else")
    void separatorIsHyphenOrSpace() {
        for (String line : List.of("2500 OK", "250:OK", "250\tOK")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 5321 4.2.1: the code is followed immediately by a hyphen or <SP>; input [%s]", line)
                    .isThrownBy(() -> read(line));
        }
    }
}
