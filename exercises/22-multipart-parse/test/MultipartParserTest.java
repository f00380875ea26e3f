import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 22: each assertion names the rule of RFC 2046 5.1.1 and shows the input, with CR and LF visible. */
class MultipartParserTest {

    private static final String BOUNDARY = "=_part_0";

    private static final String TEXT_PART = "Content-Type: text/plain\r\n\r\nBonjour Bob,\r\nvoici l'ordre du jour.";
    private static final String PDF_PART = "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK";

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static List<String> visible(List<String> parts) {
        return parts.stream().map(MultipartParserTest::visible).toList();
    }

    private static void parses(String body, List<String> expected, String rule) {
        assertThat(visible(MultipartParser.parse(body, BOUNDARY))).as("%s; body \"%s\"", rule, visible(body)).isEqualTo(visible(expected));
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 CRLF: the CRLF before a delimiter belongs to the delimiter")
    void crlfBelongsToTheDelimiter() {
        String body = "--=_part_0\r\n" + TEXT_PART + "\r\n--=_part_0\r\n" + PDF_PART + "\r\n--=_part_0--\r\n";
        parses(body, List.of(TEXT_PART, PDF_PART),
                "RFC 2046 5.1.1 CRLF: the initial CRLF is attached to the boundary delimiter line rather than part of the preceding part");
        String withBlankLine = "--=_part_0\r\n\r\nligne\r\n\r\n--=_part_0--";
        parses(withBlankLine, List.of("\r\nligne\r\n"),
                "RFC 2046 5.1.1 CRLF: only the one CRLF before the delimiter goes; a part ending with a blank line keeps its own CRLF");
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 preamble: text before the first delimiter and after the last is not a part")
    void preambleAndEpilogueIgnored() {
        String body = "This is a multi-part message in MIME format.\r\n--=_part_0\r\n" + TEXT_PART
                + "\r\n--=_part_0--\r\nepilogue, to be ignored\r\n--=_part_0\r\nnot a part\r\n";
        parses(body, List.of(TEXT_PART), "RFC 2046 5.1.1 preamble: the preamble and the epilogue are to be ignored");
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 transport padding: spaces and tabs may follow the boundary")
    void transportPadding() {
        String body = "--=_part_0 \t\r\n" + TEXT_PART + "\r\n--=_part_0  \r\n" + PDF_PART + "\r\n--=_part_0-- \t\r\n";
        parses(body, List.of(TEXT_PART, PDF_PART), "RFC 2046 5.1.1 transport padding: the boundary may be followed by zero or more characters of linear whitespace");
        String other = "--=_part_0\r\na\r\n--=_part_0x\r\nb\r\n--=_part_0--";
        parses(other, List.of("a\r\n--=_part_0x\r\nb"), "RFC 2046 5.1.1 transport padding: only whitespace may follow the boundary; \"--=_part_0x\" is a line of the part");
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 beginning of a line: a boundary inside a line is text")
    void onlyAtTheStartOfALine() {
        String part = "Content-Type: text/plain\r\n\r\nthe delimiter is --=_part_0\r\nand this line --=_part_0--";
        String body = "--=_part_0\r\n" + part + "\r\n--=_part_0\r\n" + PDF_PART + "\r\n--=_part_0--\r\n";
        parses(body, List.of(part, PDF_PART), "RFC 2046 5.1.1 beginning of a line: the boundary delimiter MUST occur at the beginning of a line, i.e., following a CRLF");
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 close-delimiter: a body without it is refused")
    void closeDelimiterRequired() {
        String body = "--=_part_0\r\n" + TEXT_PART + "\r\n";
        assertThatThrownBy(() -> MultipartParser.parse(body, BOUNDARY))
                .as("RFC 2046 5.1.1 close-delimiter: a body cut before \"--\" boundary \"--\" is not a whole multipart body; body \"%s\"", visible(body))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
