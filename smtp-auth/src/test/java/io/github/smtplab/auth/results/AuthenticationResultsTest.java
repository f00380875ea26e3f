package io.github.smtplab.auth.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Authentication-Results (RFC 8601): the examples of Appendix B, the format/parse round trip, hostile input. */
class AuthenticationResultsTest {

    private static AuthenticationResults parsed(String value) {
        AuthenticationResultsParse p = AuthenticationResults.parse(value);
        assertThat(p).as(value).isInstanceOf(AuthenticationResultsParse.Parsed.class);
        return ((AuthenticationResultsParse.Parsed) p).field();
    }

    /** RFC 8601 Appendix B.2: no results, "none". */
    @Test
    void appendixB2NoResults() {
        AuthenticationResultsParse p = AuthenticationResults.parse("example.org 1; none");
        assertThat(p).isEqualTo(new AuthenticationResultsParse.Parsed(new AuthenticationResults("example.org", List.of()), 1));
    }

    /** RFC 8601 Appendix B.3: SPF with smtp.mailfrom. */
    @Test
    void appendixB3Spf() {
        AuthenticationResults f = parsed("example.com;\r\n          spf=pass smtp.mailfrom=example.net");
        assertThat(f.authservId()).isEqualTo("example.com");
        assertThat(f.results()).containsExactly(
                new MethodResult("spf", "pass", List.of(new ResultProperty("smtp", "mailfrom", "example.net"))));
    }

    /** RFC 8601 Appendix B.4: two fields, SMTP AUTH with a comment and an address value; iprev with policy.iprev. */
    @Test
    void appendixB4AuthAndIprev() {
        AuthenticationResults f = parsed("example.com;\r\n auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n spf=pass smtp.mailfrom=example.net");
        assertThat(f.results()).extracting(MethodResult::method).containsExactly("auth", "spf");
        assertThat(f.results().get(0).property("smtp", "auth")).contains("sender@example.net");
        AuthenticationResults g = parsed("example.com; iprev=pass\r\n policy.iprev=192.0.2.200");
        assertThat(g.results().get(0).property("policy", "iprev")).contains("192.0.2.200");
    }

    /** RFC 8601 Appendix B.6: reason= as a quoted-string and header.i=@domain. */
    @Test
    void appendixB6ReasonsAndAtDomain() {
        AuthenticationResults f = parsed("example.com;\r\n dkim=pass reason=\"good signature\"\r\n   header.i=@mail-router.example.net;\r\n"
                + " dkim=fail reason=\"bad signature\"\r\n   header.i=@newyork.example.com");
        assertThat(f.resultsFor("dkim")).hasSize(2);
        assertThat(f.results().get(0).reason()).contains("good signature");
        assertThat(f.results().get(1).result()).isEqualTo("fail");
        assertThat(f.results().get(1).property("header", "i")).contains("@newyork.example.com");
    }

    /** RFC 8601 Appendix B.7: comments everywhere CFWS is allowed, method version, policy property. */
    @Test
    void appendixB7CommentHeavy() {
        AuthenticationResultsParse p = AuthenticationResults.parse("foo.example.net (foobar) 1 (baz);\r\n"
                + "    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
                + "      policy (A dot can go here) . (like that) expired\r\n"
                + "      (this surprised me) = (as I wasn't expecting it) 1362471462");
        assertThat(p).isEqualTo(new AuthenticationResultsParse.Parsed(new AuthenticationResults("foo.example.net",
                List.of(new MethodResult("dkim", Optional.of("1"), "fail", Optional.empty(),
                        List.of(new ResultProperty("policy", "expired", "1362471462"))))), 1));
    }

    /** RFC 8601 §2.7.1 and RFC 7489 §11.2 style: the field we build for a message, as text. */
    @Test
    void formatsTheUsualField() {
        AuthenticationResults f = new AuthenticationResults("mx.example.org", List.of(
                new MethodResult("spf", "pass", List.of(new ResultProperty("smtp", "mailfrom", "alice@example.com"))),
                new MethodResult("dkim", "pass", List.of(new ResultProperty("header", "d", "example.com"),
                        new ResultProperty("header", "s", "s1"))),
                new MethodResult("dmarc", "pass", List.of(new ResultProperty("header", "from", "example.com")))));
        // Folded between words so that no line passes 78 characters (RFC 5322 §2.1.1).
        assertThat(f.toField()).isEqualTo("Authentication-Results: mx.example.org; spf=pass\r\n"
                + " smtp.mailfrom=alice@example.com; dkim=pass header.d=example.com header.s=s1;\r\n"
                + " dmarc=pass header.from=example.com\r\n");
    }

    private static final Gen<String> KEYWORDS = SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8);
    private static final Gen<String> ANY_TEXT = SourceDSL.strings().allPossible().ofLengthBetween(0, 40);

    private static Gen<ResultProperty> properties() {
        return KEYWORDS.zip(KEYWORDS, ANY_TEXT, ResultProperty::new);
    }

    private static Gen<MethodResult> methods() {
        return KEYWORDS.zip(KEYWORDS, SourceDSL.lists().of(properties()).ofSizeBetween(0, 4),
                SourceDSL.booleans().all().zip(ANY_TEXT, (b, t) -> b ? Optional.of(t) : Optional.<String>empty()),
                (m, r, ps, reason) -> new MethodResult(m, Optional.empty(), r, reason, ps));
    }

    /**
     * RFC 8601 §2.2: what we format parses back to the same field, for any method, result, reason and
     * property values (printable ASCII values survive exactly; "§" comes back as "section", anything else as "?").
     */
    @Test
    void formatThenParseRoundTrips() {
        qt().withExamples(500).forAll(KEYWORDS.map(k -> k + ".example"), SourceDSL.lists().of(methods()).ofSizeBetween(0, 5))
                .check((id, results) -> {
                    AuthenticationResults field = new AuthenticationResults(id, results);
                    AuthenticationResultsParse back = AuthenticationResults.parse(field.value());
                    return back instanceof AuthenticationResultsParse.Parsed p && p.field().equals(printable(field));
                });
    }

    /** The field as it must come back: every value reduced to printable ASCII and space, as the formatter writes it. */
    private static AuthenticationResults printable(AuthenticationResults f) {
        return new AuthenticationResults(f.authservId(), f.results().stream().map(r -> new MethodResult(r.method(), r.version(),
                r.result(), r.reason().map(AuthenticationResultsTest::clean),
                r.properties().stream().map(p -> new ResultProperty(p.type(), p.property(), clean(p.value()))).toList())).toList());
    }

    /** The formatter's one mapping to header text (smtp-mime's HeaderText: "§" becomes "section", other non-ASCII "?"). */
    private static String clean(String s) {
        return io.github.smtplab.mime.HeaderText.printableAscii(s);
    }

    /** RFC 5322 §2.1.1 and §2.2: a formatted field never holds a bare CR or LF, and folds only as CRLF SP. */
    @Test
    void formattedFieldHasOnlyFoldingLineBreaks() {
        qt().withExamples(300).forAll(SourceDSL.lists().of(methods()).ofSizeBetween(1, 5)).check(results -> {
            String v = new AuthenticationResults("mx.example", results).value();
            return v.replace("\r\n ", "").chars().noneMatch(c -> c == '\r' || c == '\n');
        });
    }

    /** Hostile input: any text gives Parsed or Invalid, never an exception (RFC 8601 §4: malformed fields are ignored). */
    @Test
    void anyInputParsesOrIsInvalid() {
        Gen<String> alphabet = SourceDSL.strings().betweenCodePoints(0, 0x7F).ofLengthBetween(0, 120);
        Gen<String> structured = SourceDSL.lists().of(SourceDSL.arbitrary().pick("a", "=", ";", ".", "(", ")", "\\", "\"", "@", " ", "/", "1", "none", "\r\n"))
                .ofSizeBetween(0, 40).map(l -> String.join("", l));
        qt().withExamples(2000).forAll(alphabet.mix(structured)).check(s -> AuthenticationResults.parse(s) != null);
        assertThat(AuthenticationResults.parse("(".repeat(10_000))).isInstanceOf(AuthenticationResultsParse.Invalid.class);
    }
}
