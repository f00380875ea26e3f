import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 19: each assertion names the rule of RFC 6376 and shows the input, with CR, LF and tabs visible. */
class RelaxedCanonicalizationTest {

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static void header(String field, String expected, String rule) {
        assertThat(visible(RelaxedCanonicalization.header(field))).as("%s; input \"%s\"", rule, visible(field)).isEqualTo(visible(expected));
    }

    private static void body(String text, String expected, String rule) {
        assertThat(visible(RelaxedCanonicalization.body(text))).as("%s; input \"%s\"", rule, visible(text)).isEqualTo(visible(expected));
    }

    @Test
    @DisplayName("RFC 6376 3.4.5: example 1, header fields")
    void rfcExampleHeaders() {
        header("A: X\r\n", "a:X\r\n", "RFC 6376 3.4.2: lower-case name, no WSP after the colon (example 1)");
        header("B : Y\t\r\n\tZ  \r\n", "b:Y Z\r\n", "RFC 6376 3.4.2: unfold, WSP runs to one SP, none at the end nor around the colon (example 1)");
    }

    @Test
    @DisplayName("RFC 6376 3.4.2: field names in lower case, values untouched in case")
    void nameCase() {
        header("SUBJect: AbC\r\n", "subject:AbC\r\n", "RFC 6376 3.4.2: convert header field names (not the values) to lowercase");
        header("DKIM-Signature: v=1; A=RSA\r\n", "dkim-signature:v=1; A=RSA\r\n", "RFC 6376 3.4.2: convert header field names (not the values) to lowercase");
    }

    @Test
    @DisplayName("RFC 6376 3.4.2: folded fields are unfolded and their WSP reduced")
    void foldedField() {
        header("To: Bob <bob@exemple.com>,\r\n   Charlie <charlie@exemple.com>\r\n", "to:Bob <bob@exemple.com>, Charlie <charlie@exemple.com>\r\n",
                "RFC 6376 3.4.2: CRLF followed by WSP is unfolded; WSP before and after a folding boundary become one SP");
    }

    @Test
    @DisplayName("RFC 6376 3.4.5: example 1, the body")
    void rfcExampleBody() {
        body(" C \r\nD \t E\r\n\r\n\r\n", " C\r\nD E\r\n", "RFC 6376 3.4.4: trailing WSP ignored, inner WSP reduced, empty lines at the end ignored (example 1)");
    }

    @Test
    @DisplayName("RFC 6376 3.4.4: empty lines at the end are ignored, a final CRLF is added to a non-empty body")
    void bodyEnds() {
        body("Hi\r\n\r\n \r\n\t\r\n", "Hi\r\n", "RFC 6376 3.4.4 b: lines that are empty after step a are empty lines too");
        body("Hi\r\n\r\nBye", "Hi\r\n\r\nBye\r\n", "RFC 6376 3.4.4 b: a non-empty body that does not end with CRLF gets one; inner empty lines stay");
        body("", "", "RFC 6376 3.4.4: an empty body is canonicalized to a null input");
        body("\r\n\r\n", "", "RFC 6376 3.4.4: a body of empty lines is canonicalized to a null input");
    }

    @Test
    @DisplayName("RFC 6376 3.4.4: the body hash bh= of the empty body and of a message")
    void bodyHash() throws Exception {
        assertThat(RelaxedCanonicalization.bodyHash("")).as("RFC 6376 3.4.4: the SHA-256 value for an empty body is 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        String body = "Bonjour Bob,  \r\n\r\nOrdre du jour\tci-joint.\r\n\r\n";
        String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("Bonjour Bob,\r\n\r\nOrdre du jour ci-joint.\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(RelaxedCanonicalization.bodyHash(body)).as("RFC 6376 3.7: bh= is base64 of SHA-256 of the canonical body; input \"%s\"", visible(body))
                .isEqualTo(expected);
    }
}
