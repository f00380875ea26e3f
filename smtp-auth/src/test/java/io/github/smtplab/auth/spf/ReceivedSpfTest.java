package io.github.smtplab.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** The Received-SPF field (RFC 7208 §9.1). */
class ReceivedSpfTest {

    /** §9.1, first example: the same comment and keys, folded. */
    @Test
    void firstExampleOfSection91() throws Exception {
        ReceivedSpf field = new ReceivedSpf(new SpfOutcome(SpfResult.PASS, Optional.empty(), "ip4:192.0.2.1", "matched"),
                "mailfrom", InetAddress.getByName("192.0.2.1"), "myname@example.com", "foo.example.com", "mybox.example.org");
        // The key-value grammar is dot-atom / quoted-string, so "ip4:192.0.2.1" (a ":" is not atext) is quoted.
        assertThat(field.toField()).isEqualTo("Received-SPF: pass (mybox.example.org: domain of myname@example.com designates\r\n"
                + " 192.0.2.1 as permitted sender) receiver=mybox.example.org;\r\n"
                + " client-ip=192.0.2.1; envelope-from=\"myname@example.com\";\r\n"
                + " helo=foo.example.com; identity=mailfrom; mechanism=\"ip4:192.0.2.1\"\r\n");
    }

    /**
     * Issue 16: a problem quoting an RFC section was written {@code REFUSED (?4.4)}: a header field is US-ASCII
     * (RFC 5322 §2.2), so the section sign is written as the word "section", never replaced by "?".
     */
    @Test
    void sectionSignIsWrittenInAscii() throws Exception {
        ReceivedSpf field = new ReceivedSpf(SpfOutcome.of(SpfResult.TEMPERROR, "DNS REFUSED (RFC 1035 §4.1.1)"),
                "mailfrom", InetAddress.getByName("192.0.2.1"), "a@example.com", "h.example.com", "mx.example.org");
        assertThat(field.toField()).contains("problem=\"DNS REFUSED (RFC 1035 section 4.1.1)\"").doesNotContain("?4")
                .matches("\\p{ASCII}*");
    }

    /** The keys of the key-value list: the comment and quoted-strings (where peer text lives) removed first. */
    private static java.util.List<String> keys(String field) {
        int i = field.indexOf('(');
        int depth = 0;
        for (; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                break;
            }
        }
        String rest = field.substring(i + 1).replaceAll("\"(\\\\.|[^\"\\\\])*\"", "Q");
        return java.util.Arrays.stream(rest.split(";")).map(kv -> kv.strip().split("=")[0]).toList();
    }

    private static java.util.List<String> expectedKeys(SpfResult result) {
        boolean error = result == SpfResult.TEMPERROR || result == SpfResult.PERMERROR;
        return error ? java.util.List.of("receiver", "client-ip", "envelope-from", "helo", "identity", "problem")
                : java.util.List.of("receiver", "client-ip", "envelope-from", "helo", "identity");
    }

    /**
     * §9.1 "MUST make sure that the Received-SPF header field does not contain invalid characters ... or
     * malicious data": for any sender, HELO and problem text, the field is printable ASCII, breaks lines only
     * as CRLF followed by a space (RFC 5322 §2.2.3), starts with the result, and no peer text adds a key.
     */
    @Test
    void peerDataCannotBreakTheField() {
        Gen<String> hostile = SourceDSL.strings().allPossible().ofLengthBetween(0, 300)
                .mix(SourceDSL.lists().of(SourceDSL.arbitrary().pick("\r\n", "; ", "x=y", "\"", "\\", "(", ")", "a", "@", "é", " "))
                        .ofSizeBetween(0, 20).map(l -> String.join("", l)));
        Gen<SpfResult> results = SourceDSL.arbitrary().enumValues(SpfResult.class);
        qt().withExamples(1000).forAll(hostile, hostile, hostile, results).check((from, helo, problem, result) -> {
            try {
                String f = new ReceivedSpf(new SpfOutcome(result, Optional.empty(), "default", "p" + problem), "mailfrom",
                        InetAddress.getByName("2001:db8::1"), from, helo, "mx.example.org").toField();
                String unfolded = f.substring(0, f.length() - 2).replace("\r\n ", " ");
                return f.endsWith("\r\n") && unfolded.chars().allMatch(c -> c >= 0x20 && c < 0x7F)
                        && unfolded.startsWith("Received-SPF: " + result.keyword() + " (")
                        && keys(unfolded).equals(expectedKeys(result));
            } catch (Exception e) {
                return false;
            }
        });
    }
}
