package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class AddressParserTest {

    private static List<Address> parse(String s) {
        ParseResult<List<Address>> r = AddressParser.parseList(s);
        assertThat(r).as(s).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok<List<Address>>) r).value();
    }

    /** RFC 5322 Appendix A.1.2, A.1.3: lists, quoted display names, groups, empty groups. */
    @Test
    void appendixA1() {
        assertThat(parse("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>")).containsExactly(
                new Mailbox("Mary Smith", "mary", "x.test"), new Mailbox("", "jdoe", "example.org"),
                new Mailbox("Who?", "one", "y.test"));
        assertThat(parse("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>")).containsExactly(
                new Mailbox("", "boss", "nil.test"), new Mailbox("Giant; \"Big\" Box", "sysservices", "example.net"));
        assertThat(parse("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;")).containsExactly(
                new Address.Group("A Group", List.of(new Mailbox("Ed Jones", "c", "a.test"),
                        new Mailbox("", "joe", "where.test"), new Mailbox("John", "jdoe", "one.test"))));
        assertThat(parse("Undisclosed recipients:;")).containsExactly(new Address.Group("Undisclosed recipients", List.of()));
        assertThat(parse("undisclosed-recipients:;")).containsExactly(new Address.Group("undisclosed-recipients", List.of()));
    }

    /** RFC 5322 Appendix A.5: comments and white space everywhere. */
    @Test
    void appendixA5() {
        assertThat(parse("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>"))
                .containsExactly(new Mailbox("Pete", "pete", "silly.test"));
        assertThat(parse("A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n"
                + "         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)"))
                .containsExactly(new Address.Group("A Group", List.of(new Mailbox("Chris Jones", "c", "public.example"),
                        new Mailbox("", "joe", "example.org"), new Mailbox("John", "jdoe", "one.test"))));
    }

    /** RFC 5322 §4.4 (A.6.1–A.6.3): obsolete phrases with dots, routes, empty list elements. */
    @Test
    void obsoleteForms() {
        assertThat(parse("Joe Q. Public <john.q.public@example.com>"))
                .containsExactly(new Mailbox("Joe Q. Public", "john.q.public", "example.com"));
        assertThat(parse("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example"))
                .containsExactly(new Mailbox("Mary Smith", "mary", "example.net"), new Mailbox("", "jdoe", "test.example"));
        assertThat(parse("\"very odd\"@[192.0.2.1]")).containsExactly(new Mailbox("", "very odd", "[192.0.2.1]"));
        // not RFC 5322, seen in real mail: groups one after another without a comma
        assertThat(parse("A: a@x.test; B: b@y.test; c@z.test")).containsExactly(
                new Address.Group("A", List.of(new Mailbox("", "a", "x.test"))),
                new Address.Group("B", List.of(new Mailbox("", "b", "y.test"))), new Mailbox("", "c", "z.test"));
        // not RFC 5322, seen in real mail: an unquoted display name that is itself an address
        assertThat(parse("phil@example.com <phil@example.com>")).containsExactly(new Mailbox("phil@example.com", "phil", "example.com"));
    }

    /** RFC 2047 §5 (3): encoded words in display names are decoded. */
    @Test
    void encodedDisplayNames() {
        assertThat(parse("=?UTF-8?Q?Zo=C3=AB?= <zoe@exemple.com>")).containsExactly(new Mailbox("Zoë", "zoe", "exemple.com"));
        assertThat(parse("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>"))
                .containsExactly(new Mailbox("Keld Jørn Simonsen", "keld", "dkuug.dk"));
    }

    @Test
    void malformedInputGivesATypedFailure() {
        for (String bad : List.of("<unterminated@x", "no-at-sign", "a@", "\"open", "(((", "a@b c@d", "<a@b> junk <", "@",
                "\"\"@exemple.com", "Bob <\"\"@exemple.com>")) {   // an empty quoted local-part: found by fuzzing
            assertThat(AddressParser.parseList(bad)).as(bad).isInstanceOf(ParseResult.Failed.class);
        }
        assertThat(AddressParser.parseList("(".repeat(100_000))).isInstanceOf(ParseResult.Failed.class);
    }

    private static Gen<String> atoms() {
        return SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 10);
    }

    private static Gen<Mailbox> mailboxes() {
        Gen<String> local = Generate.oneOf(atoms(), atoms().zip(atoms(), (a, b) -> a + "." + b),
                SourceDSL.strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(1, 20));
        Gen<String> domain = atoms().zip(atoms(), (a, b) -> a + "." + b);
        Gen<String> name = Generate.oneOf(Generate.constant(""), Gens.headerText(40).map(s -> s.isBlank() ? "n" + s : s));
        return name.zip(local, domain, Mailbox::new);
    }

    /**
     * RFC 5322 §3.4: an address list written by {@link Address#toHeaderText} (display names per RFC 2047,
     * local parts quoted when not dot-atoms) parses back to the same mailboxes and groups.
     */
    @Test
    void formatThenParseRoundTrips() {
        Gen<Address> address = Generate.oneOf(mailboxes().map(m -> (Address) m),
                SourceDSL.lists().of(mailboxes()).ofSizeBetween(0, 3).zip(atoms(),
                        (members, n) -> (Address) new Address.Group(n, members)));
        qt().withExamples(2000).forAll(SourceDSL.lists().of(address).ofSizeBetween(0, 5)).checkAssert(list -> {
            String text = String.join(", ", list.stream().map(Address::toHeaderText).toList());
            HeaderField folded = HeaderField.of("To", text);
            assertThat(AddressParser.parseList(folded.body())).isEqualTo(new ParseResult.Ok<>(list));
        });
    }
}
