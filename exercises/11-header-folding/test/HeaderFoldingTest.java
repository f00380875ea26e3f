import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 11: each assertion names the rule of RFC 5322 and shows the field, with CR and LF visible. */
class HeaderFoldingTest {

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static final List<String> LONG_FIELDS = List.of(
            "Subject: Ordre du jour de la réunion de demain matin : budget, recrutement, locaux, et la question du déménagement à Lyon",
            "To: Bob <bob@exemple.com>, Charlie <charlie@exemple.com>, Dominique <dominique@exemple.com>, Eve <eve@exemple.com>",
            "Subject:\tune\ttabulation\tentre\tchaque\tmot\tde\tce\tsujet\tun\tpeu\ttrop\tlong\tpour\ttenir\tsur\tune\tseule\tligne\tde\tsoixante-dix-huit");

    @Test
    @DisplayName("RFC 5322 2.2.3: unfolding removes the CRLF and keeps the WSP")
    void unfoldsTheRfcExample() {
        assertThat(HeaderFolding.unfold("Subject: This\r\n is a test"))
                .as("RFC 5322 2.2.3: unfolding removes any CRLF immediately followed by WSP; input \"Subject: This\\r\\n is a test\"")
                .isEqualTo("Subject: This is a test");
        assertThat(visible(HeaderFolding.unfold("Subject: a\r\n\tb\r\n  c")))
                .as("RFC 5322 2.2.3: the tab and both spaces stay; input \"Subject: a\\r\\n\\tb\\r\\n  c\"").isEqualTo(visible("Subject: a\tb  c"));
    }

    @Test
    @DisplayName("RFC 5322 2.2.3: a CRLF not followed by WSP is not a fold")
    void unfoldLeavesOtherCrlf() {
        assertThat(visible(HeaderFolding.unfold("Subject: a\r\nX-Other: b")))
                .as("RFC 5322 2.2.3: only a CRLF immediately followed by WSP is removed; input \"Subject: a\\r\\nX-Other: b\"")
                .isEqualTo(visible("Subject: a\r\nX-Other: b"));
    }

    @Test
    @DisplayName("RFC 5322 2.1.1: folded lines are at most 78 characters")
    void foldsToLinesOf78() {
        for (String field : LONG_FIELDS) {
            String folded = HeaderFolding.fold(field);
            assertThat(folded.split("\r\n", -1)).as("RFC 5322 2.1.1: each line SHOULD be no more than 78 characters; input \"%s\", folded \"%s\"",
                    visible(field), visible(folded)).allMatch(line -> line.length() <= 78).hasSizeGreaterThan(1);
        }
    }

    @Test
    @DisplayName("RFC 5322 2.2.3: folding only inserts a CRLF before a WSP: unfolding gives the field back")
    void foldingKeepsTheField() {
        for (String field : LONG_FIELDS) {
            String folded = HeaderFolding.fold(field);
            assertThat(visible(HeaderFolding.unfold(folded)))
                    .as("RFC 5322 2.2.3: a CRLF may be inserted before any WSP, so unfold(fold(f)) is f; input \"%s\", folded \"%s\"", visible(field), visible(folded))
                    .isEqualTo(visible(field));
            String[] lines = folded.split("\r\n", -1);
            assertThat(Arrays.copyOfRange(lines, 1, lines.length)).as("RFC 5322 2.2.3: every continuation line starts with WSP; folded \"%s\"", visible(folded))
                    .allMatch(line -> line.startsWith(" ") || line.startsWith("\t"));
        }
    }

    @Test
    @DisplayName("RFC 5322 2.1.1: a short field is not folded")
    void shortFieldUnchanged() {
        String field = "Subject: Ordre du jour";
        assertThat(HeaderFolding.fold(field)).as("RFC 5322 2.1.1: a line within 78 characters needs no folding; input \"%s\"", field).isEqualTo(field);
        String exactly78 = "Subject: " + "x".repeat(60) + " " + "y".repeat(8);
        assertThat(HeaderFolding.fold(exactly78)).as("RFC 5322 2.1.1: exactly 78 characters is allowed; input of length %d", exactly78.length()).isEqualTo(exactly78);
    }

    @Test
    @DisplayName("RFC 5322 2.2.3: no WSP, no fold: a long word is never broken")
    void longWordsStayWhole() {
        String url = "X-Link: https://exemple.com/" + "a".repeat(90);
        assertThat(HeaderFolding.fold(url)).as("RFC 5322 2.2.3: a CRLF may only be inserted before WSP; input of length %d without WSP after the colon", url.length())
                .isEqualTo("X-Link:\r\n https://exemple.com/" + "a".repeat(90));
        String word = "X-Token:" + "b".repeat(100) + " end";
        assertThat(visible(HeaderFolding.fold(word))).as("RFC 5322 2.2.3: fold at the first WSP after 78 when none comes before; input \"%s\"", visible(word))
                .isEqualTo(visible("X-Token:" + "b".repeat(100) + "\r\n end"));
    }
}
