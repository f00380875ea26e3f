package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeParametersTest {

    /** RFC 2231 §3, §4, §4.1: the examples. */
    @Test
    void rfc2231Examples() {
        MimeParameters url = MimeParameters.parse("message/external-body; access-type=URL;\r\n"
                + " URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"");
        assertThat(url.value()).isEqualTo("message/external-body");
        assertThat(url.parameter("url")).contains("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar");
        assertThat(url.parameter("access-type")).contains("URL");
        assertThat(MimeParameters.parse("application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A")
                .parameter("title")).contains("This is ***fun***");
        assertThat(MimeParameters.parse("application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n"
                + " title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n title*2=\"isn't it!\"").parameter("title"))
                .contains("This is even more ***fun*** isn't it!");
        assertThat(MimeParameters.parse("attachment; filename*=UTF-8''rapport%20d%C3%A9c.pdf").parameter("filename"))
                .contains("rapport déc.pdf");
    }

    @Test
    void formatsTheIssueExample() {
        assertThat(MimeParameters.format("filename", "rapport déc.pdf")).isEqualTo("; filename*=UTF-8''rapport%20d%C3%A9c.pdf");
        assertThat(MimeParameters.format("charset", "utf-8")).isEqualTo("; charset=utf-8");
        assertThat(MimeParameters.format("name", "a b;c")).isEqualTo("; name=\"a b;c\"");
    }

    /** RFC 2045 §5.1: token vs quoted-string, comments; lenient on garbage, never throws. */
    @Test
    void tokensQuotedStringsAndComments() {
        MimeParameters p = MimeParameters.parse("text/plain (a comment); charset = \"us-ascii\" (another); format=flowed;;bad; =x");
        assertThat(p.value()).isEqualTo("text/plain");
        assertThat(p.parameters()).containsExactly(java.util.Map.entry("charset", "us-ascii"), java.util.Map.entry("format", "flowed"));
        assertThat(MimeParameters.parse("text/plain; name=\"unterminated").parameter("name")).contains("unterminated");
        assertThat(MimeParameters.parse("((((").value()).isEmpty();
    }

    /**
     * RFC 2231 §3–4 and RFC 2045 §5.1: parse(format(name, v)) = v for any value, after folding the field
     * (RFC 5322 §2.2.3); every folded line stays within 78 characters.
     */
    @Test
    void formatThenParseRoundTrips() {
        qt().withExamples(3000).forAll(Gens.unicodeText(150)).checkAssert(value -> {
            HeaderField f = HeaderField.of("Content-Disposition", "attachment" + MimeParameters.format("filename", value));
            for (String line : new String(f.raw(), StandardCharsets.US_ASCII).split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(LineLimits.RECOMMENDED_LINE_LENGTH);
            }
            assertThat(MimeParameters.parse(f.body()).parameter("filename")).contains(value);
        });
    }
}
