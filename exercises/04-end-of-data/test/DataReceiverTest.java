import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 04: each assertion names the rule of RFC 5321 and shows the bytes fed, with CR and LF visible. */
class DataReceiverTest {

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String visible(byte[] bytes) {
        return visible(new String(bytes, ISO_8859_1));
    }

    /** Feeds the chunks in order and returns the receiver, checking that only the last chunk ends the data. */
    private static DataReceiver fed(String rule, String... chunks) {
        DataReceiver receiver = new DataReceiver();
        for (int i = 0; i < chunks.length; i++) {
            boolean ended = receiver.feed(chunks[i].getBytes(ISO_8859_1));
            assertThat(ended).as("%s; end of data after chunk %d of %s", rule, i + 1, visible(Arrays.toString(chunks)))
                    .isEqualTo(i == chunks.length - 1);
        }
        return receiver;
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: <CRLF>.<CRLF> ends the data")
    void endsAtDotLine() {
        String rule = "RFC 5321 4.1.1.4: the mail data are terminated by a line containing only a period";
        DataReceiver receiver = fed(rule, "Subject: hi\r\n\r\nHello\r\n.\r\n");
        assertThat(visible(receiver.message())).as("%s; input \"Subject: hi\\r\\n\\r\\nHello\\r\\n.\\r\\n\"", rule)
                .isEqualTo(visible("Subject: hi\r\n\r\nHello\r\n"));
    }

    @Test
    @DisplayName("RFC 5321 4.5.2: the server deletes the first period of a stuffed line")
    void unstuffs() {
        String rule = "RFC 5321 4.5.2: if the first character is a period and there are other characters on the line, it is deleted";
        DataReceiver receiver = fed(rule, "..hidden\r\nx\r\n..\r\n...\r\n.\r\n");
        assertThat(visible(receiver.message())).as("%s; input \"..hidden\\r\\nx\\r\\n..\\r\\n...\\r\\n.\\r\\n\"", rule)
                .isEqualTo(visible(".hidden\r\nx\r\n.\r\n..\r\n"));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: the end of data is found however TCP splits the bytes")
    void anySplit() {
        String input = "..a\r\nb.\r\n.\r\n";
        String rule = "RFC 5321 4.1.1.4: <CRLF>.<CRLF> split across chunks";
        for (int cut = 1; cut < input.length(); cut++) {
            DataReceiver receiver = fed(rule + " at byte " + cut, input.substring(0, cut), input.substring(cut));
            assertThat(visible(receiver.message())).as("%s at byte %d; input \"%s\"", rule, cut, visible(input)).isEqualTo(visible(".a\r\nb.\r\n"));
        }
        String[] bytes = input.split("");
        DataReceiver oneByOne = fed(rule + ", one byte per chunk", bytes);
        assertThat(visible(oneByOne.message())).as("%s, one byte per chunk; input \"%s\"", rule, visible(input)).isEqualTo(visible(".a\r\nb.\r\n"));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: bytes after the end are kept for the next command")
    void keepsTheRest() {
        String rule = "RFC 5321 4.1.1.4: what follows <CRLF>.<CRLF> is the next command";
        DataReceiver receiver = fed(rule, "Hi\r\n.\r\nQUIT\r\n");
        assertThat(visible(receiver.rest())).as("%s; input \"Hi\\r\\n.\\r\\nQUIT\\r\\n\"", rule).isEqualTo("QUIT\\r\\n");
        assertThat(visible(receiver.message())).as("%s; input \"Hi\\r\\n.\\r\\nQUIT\\r\\n\"", rule).isEqualTo("Hi\\r\\n");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: only <CRLF>.<CRLF> ends the data, never <LF>.<LF> (SMTP smuggling)")
    void bareLfNeverEndsTheData() {
        for (String input : List.of("Hi\n.\nMAIL FROM:<x@y>\r\n.\r\n", "Hi\r\n.\nX\r\n.\r\n", "Hi\n.\r\nX\r\n.\r\n")) {
            DataReceiver receiver = new DataReceiver();
            boolean[] ended = new boolean[1];
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 5321 4.1.1.4 and 2.3.8: a bare LF is refused, never taken for a line end; input \"%s\"", visible(input))
                    .isThrownBy(() -> ended[0] = receiver.feed(input.getBytes(ISO_8859_1)));
        }
    }

    @Test
    @DisplayName("RFC 5321 2.3.8: a CR without LF is text, not a line end")
    void loneCrIsText() {
        String rule = "RFC 5321 2.3.8: only <CRLF> ends a line";
        DataReceiver receiver = fed(rule, "a\rb\r\n\r.\r\n.\r\n");
        assertThat(visible(receiver.message())).as("%s; input \"a\\rb\\r\\n\\r.\\r\\n.\\r\\n\"", rule).isEqualTo(visible("a\rb\r\n\r.\r\n"));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: a period inside a line, or at the end of one, is not the end")
    void dotsInsideLinesAreText() {
        String rule = "RFC 5321 4.1.1.4: the terminating line contains only a period";
        DataReceiver receiver = fed(rule, "end.\r\n. \r\n", "x.\r\n.\r\n");
        assertThat(visible(receiver.message())).as("%s; input \"end.\\r\\n. \\r\\nx.\\r\\n.\\r\\n\"", rule).isEqualTo(visible("end.\r\n \r\nx.\r\n"));
    }
}
