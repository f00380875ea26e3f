import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 21: each assertion names the rule of RFC 2046 5.1.1, RFC 2045 6.8 or RFC 2183, with CR and LF visible. */
class MultipartMixedTest {

    private static final String TEXT = "Bonjour Bob,\r\nvoici l'ordre du jour.\r\n";

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** A small PDF: its header, then bytes of every value, long enough for several base64 lines. */
    private static byte[] pdf() {
        byte[] data = new byte[700];
        new Random(2046).nextBytes(data);
        byte[] header = "%PDF-1.4\n".getBytes(US_ASCII);
        System.arraycopy(header, 0, data, 0, header.length);
        return data;
    }

    private static String boundaryOf(String message) {
        Matcher m = Pattern.compile("Content-Type: multipart/mixed; boundary=\"([^\"]+)\"\r\n").matcher(message);
        assertThat(m.find()).as("RFC 2046 5.1.1: the Content-Type field names the boundary; message \"%s\"", visible(message)).isTrue();
        return m.group(1);
    }

    private static String body(String message) {
        return message.substring(message.indexOf("\r\n\r\n") + 4);
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 dash-boundary: each part starts after a line \"--\" boundary")
    void delimiterLines() {
        String message = MultipartMixed.build(TEXT, "ordre-du-jour.pdf", pdf());
        String boundary = boundaryOf(message);
        String body = body(message);
        assertThat(visible(body)).as("RFC 2046 5.1.1 dash-boundary: the first part starts with \"--\" boundary CRLF; body \"%s\"", visible(body))
                .startsWith(visible("--" + boundary + "\r\n"));
        assertThat(body.split("\r\n--" + Pattern.quote(boundary) + "\r\n", -1))
                .as("RFC 2046 5.1.1 dash-boundary: the delimiter between two parts is CRLF \"--\" boundary; body \"%s\"", visible(body)).hasSize(2);
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 close-delimiter: the body ends with \"--\" boundary \"--\"")
    void closeDelimiter() {
        String message = MultipartMixed.build(TEXT, "ordre-du-jour.pdf", pdf());
        String boundary = boundaryOf(message);
        assertThat(visible(message)).as("RFC 2046 5.1.1 close-delimiter: CRLF \"--\" boundary \"--\" ends the last part; message \"%s\"", visible(message))
                .endsWith(visible("\r\n--" + boundary + "--\r\n"));
    }

    @Test
    @DisplayName("RFC 2046 5.1.1 boundary: 1 to 70 bchars, in none of the parts")
    void boundaryNotInTheParts() {
        List<String> parts = List.of("--=_smtplab_part_0 and =_part_1 and --boundary\r\n", "=_0=_1=_2 ----", "abc");
        String boundary = MultipartMixed.boundaryFor(parts);
        assertThat(boundary).as("RFC 2046 5.1.1 boundary: 1 to 70 characters from bchars, not ending with a space; got \"%s\"", boundary)
                .matches("[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]");
        assertThat(parts).as("RFC 2046 5.1.1 boundary: it must not appear inside any of the parts; boundary \"%s\"", boundary)
                .noneMatch(part -> part.contains(boundary));
        String message = MultipartMixed.build("the line --" + boundary + " is only text\r\n", "a.pdf", pdf());
        String chosen = boundaryOf(message);
        assertThat(body(message).split("\r\n--" + Pattern.quote(chosen), -1))
                .as("RFC 2046 5.1.1 boundary: a boundary chosen anew does not occur in the text; message \"%s\"", visible(message)).hasSize(3);
    }

    @Test
    @DisplayName("RFC 2045 6.8: the PDF in base64, lines of at most 76 characters")
    void base64Lines() {
        byte[] pdf = pdf();
        String message = MultipartMixed.build(TEXT, "ordre-du-jour.pdf", pdf);
        String boundary = boundaryOf(message);
        String part = body(message).split("\r\n--" + Pattern.quote(boundary), -1)[1];
        String encoded = part.substring(part.indexOf("\r\n\r\n") + 4);
        List<String> lines = Arrays.asList(encoded.split("\r\n"));
        assertThat(lines).as("RFC 2045 6.8: encoded lines must be no more than 76 characters long; attachment part \"%s\"", visible(part))
                .hasSizeGreaterThan(1).allMatch(l -> !l.isEmpty() && l.length() <= 76);
        assertThat(Base64.getMimeDecoder().decode(encoded)).as("RFC 2045 6.8: the base64 text decodes to the PDF's bytes; attachment part \"%s\"", visible(part))
                .isEqualTo(pdf);
        assertThat(part).as("RFC 2045 6.8: the part says Content-Transfer-Encoding: base64; part \"%s\"", visible(part))
                .contains("Content-Transfer-Encoding: base64\r\n").contains("Content-Type: application/pdf\r\n");
    }

    @Test
    @DisplayName("RFC 2183 2: the attachment has Content-Disposition: attachment with its filename")
    void disposition() {
        String message = MultipartMixed.build(TEXT, "ordre-du-jour.pdf", pdf());
        String boundary = boundaryOf(message);
        String[] parts = body(message).split("\r\n--" + Pattern.quote(boundary), -1);
        assertThat(parts[1]).as("RFC 2183 2: disposition-type attachment, with the filename parameter; part \"%s\"", visible(parts[1]))
                .contains("Content-Disposition: attachment; filename=\"ordre-du-jour.pdf\"\r\n");
        assertThat(visible(parts[0])).as("RFC 2046 5.1.1: the first part is the text, its headers, a blank line, then the text; part \"%s\"", visible(parts[0]))
                .contains("Content-Type: text/plain").endsWith(visible("\r\n\r\n" + TEXT.substring(0, TEXT.length() - 2)));
        assertThat(message).as("RFC 2045 4: a MIME message says MIME-Version: 1.0; message \"%s\"", visible(message)).startsWith("MIME-Version: 1.0\r\n");
    }
}
