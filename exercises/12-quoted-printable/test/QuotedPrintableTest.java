import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 12: each assertion names the rule of RFC 2045 section 6.7 and shows the input, with CR and LF visible. */
class QuotedPrintableTest {

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String encode(String utf8) {
        return QuotedPrintable.encode(utf8.getBytes(UTF_8));
    }

    @Test
    @DisplayName("RFC 2045 6.7 rule 2: printable ASCII stays as it is")
    void printableStays() {
        String text = "Bonjour Bob, ordre du jour: budget (2025) & locaux!";
        assertThat(encode(text)).as("RFC 2045 6.7 rule 2: octets 33-60 and 62-126 may be represented as themselves; input \"%s\"", text).isEqualTo(text);
    }

    @Test
    @DisplayName("RFC 2045 6.7 rule 1: other octets as = and two UPPER-CASE hex digits")
    void hexForTheRest() {
        assertThat(encode("Réunion = demain")).as("RFC 2045 6.7 rule 1: \"=\" and the octets of \"é\" in upper-case hex; input \"Réunion = demain\"")
                .isEqualTo("R=C3=A9union =3D demain");
        assertThat(QuotedPrintable.encode(new byte[] {12, 127, (byte) 0xFF})).as("RFC 2045 6.7 rule 1: form feed, DEL and 0xFF; uppercase letters must be used")
                .isEqualTo("=0C=7F=FF");
    }

    @Test
    @DisplayName("RFC 2045 6.7 rule 3: a space or tab at the end of a line is encoded")
    void trailingWhiteSpace() {
        assertThat(visible(encode("fin \r\nsuite\t\r\nx\t")))
                .as("RFC 2045 6.7 rule 3: TAB and SPACE MUST NOT be represented as themselves at the end of an encoded line; input \"fin \\r\\nsuite\\t\\r\\nx\\t\"")
                .isEqualTo(visible("fin=20\r\nsuite=09\r\nx=09"));
    }

    @Test
    @DisplayName("RFC 2045 6.7 rule 5: lines of at most 76 characters, with soft line breaks")
    void softLineBreaks() {
        String text = "é".repeat(30) + " " + "a".repeat(150);
        String encoded = encode(text);
        assertThat(encoded.split("\r\n")).as("RFC 2045 6.7 rule 5: encoded lines are no more than 76 characters long; input of %d characters, encoded \"%s\"",
                text.length(), visible(encoded)).allMatch(l -> l.length() <= 76).hasSizeGreaterThan(2);
        assertThat(Arrays.stream(encoded.split("\r\n")).limit(encoded.split("\r\n").length - 1))
                .as("RFC 2045 6.7 rule 5: an equal sign as the last character indicates a soft line break; encoded \"%s\"", visible(encoded))
                .allMatch(l -> l.endsWith("="));
        assertThat(new String(QuotedPrintable.decode(encoded), UTF_8)).as("RFC 2045 6.7 rule 5: soft line breaks are not part of the text; encoded \"%s\"", visible(encoded))
                .isEqualTo(text);
    }

    @Test
    @DisplayName("RFC 2045 6.7 rule 3: the decoder deletes trailing white space")
    void decoderDropsTrailingWhiteSpace() {
        assertThat(visible(new String(QuotedPrintable.decode("R=C3=A9union   \r\ndemain=20 \t\r\n=C3=A0 9h"), UTF_8)))
                .as("RFC 2045 6.7 rule 3: any trailing white space on a line must be deleted when decoding; input \"R=C3=A9union   \\r\\ndemain=20 \\t\\r\\n=C3=A0 9h\"")
                .isEqualTo(visible("Réunion\r\ndemain \r\nà 9h"));
    }

    @Test
    @DisplayName("RFC 2045 6.7 rule 4: any bytes come back, line breaks as CRLF and lone CR or LF as bytes")
    void roundTrip() {
        Random random = new Random(2045);
        for (int n = 0; n < 40; n++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            String encoded = QuotedPrintable.encode(data);
            assertThat(QuotedPrintable.decode(encoded)).as("RFC 2045 6.7 rules 1-5: decode(encode(x)) is x; input %s, encoded \"%s\"", Arrays.toString(data), visible(encoded))
                    .isEqualTo(data);
            assertThat(encoded.replace("\r\n", "")).as("RFC 2045 6.7 rule 1: a CR or LF outside a CRLF is encoded; encoded \"%s\"", visible(encoded))
                    .doesNotContain("\r").doesNotContain("\n");
        }
    }
}
