package io.github.smtplab.auth.spf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** SPF record syntax (RFC 7208 §4.5, §4.6.1, §5, §6, ABNF in §12). */
class RecordParserTest {

    private static RecordParse parse(String text) {
        return RecordParser.parse(text);
    }

    /** §4.5: "v=spf1" then a space or the end; case-insensitive. */
    @Test
    void versionSelection() {
        assertThat(RecordParser.isSpfRecord("v=spf1")).isTrue();
        assertThat(RecordParser.isSpfRecord("V=SPF1 -all")).isTrue();
        assertThat(RecordParser.isSpfRecord("v=spf10 -all")).isFalse();
        assertThat(RecordParser.isSpfRecord("v=spf1-all")).isFalse();
        assertThat(RecordParser.isSpfRecord("spf1")).isFalse();
    }

    /** §5.6, §12: addresses without leading zeros, prefix lengths in range, dual CIDR for a and mx. */
    @Test
    void mechanismArguments() {
        assertThat(parse("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a/24//64 mx:example.com//0 -all"))
                .isInstanceOf(RecordParse.Parsed.class);
        assertThat(parse("v=spf1 ip4:192.0.2.01")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 ip4:192.0.2.0/33")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 ip6:::1/129")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 a/024")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 a:foo:bar/baz.example.com")).isInstanceOf(RecordParse.Parsed.class);
        assertThat(parse("v=spf1 include:")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 a:example.123")).as("top label not all digits").isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 a:museum")).as("a domain-end needs a dot").isInstanceOf(RecordParse.Invalid.class);
    }

    /** §6: redirect and exp at most once each; unknown modifiers need a valid macro-string and are then ignored. */
    @Test
    void modifiers() {
        assertThat(parse("v=spf1 redirect=a.example redirect=b.example")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 exp=a.example exp=b.example")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 foo=%{d}.bar -all")).isInstanceOf(RecordParse.Parsed.class);
        assertThat(parse("v=spf1 foo=%{q} -all")).isInstanceOf(RecordParse.Invalid.class);
        assertThat(parse("v=spf1 -foo=bar")).as("a modifier has no qualifier").isInstanceOf(RecordParse.Invalid.class);
    }

    private static final Gen<String> TERMS = SourceDSL.arbitrary().pick(List.of(
            "all", "-all", "~all", "?all", "+all", "a", "a:example.com", "a/24", "a//64", "a:%{d}/16//48", "mx", "mx:mx.%{d2}",
            "ptr", "ptr:example.org", "ip4:192.0.2.1", "ip4:10.0.0.0/8", "ip6:2001:db8::/32", "ip6:::1", "exists:%{ir}.x.example",
            "include:_spf.example.net", "redirect=_spf.example.org", "exp=explain.%{d}", "x-unknown=%{l}"));

    /**
     * §4.6.1, §12: any sequence of valid terms separated by one or more spaces parses, unless redirect= or
     * exp= appears twice (§6); and the directives come out in the order written (§4.6.2).
     */
    @Test
    void recordsBuiltFromTheGrammarParse() {
        qt().withExamples(1000).forAll(SourceDSL.lists().of(TERMS).ofSizeBetween(0, 12), SourceDSL.integers().between(1, 3))
                .check((terms, spaces) -> {
                    String text = "v=spf1" + terms.stream().map(t -> " ".repeat(spaces) + t).reduce("", String::concat);
                    RecordParse r = parse(text);
                    long redirects = terms.stream().filter(t -> t.startsWith("redirect=")).count();
                    long exps = terms.stream().filter(t -> t.startsWith("exp=")).count();
                    if (redirects > 1 || exps > 1) {
                        return r instanceof RecordParse.Invalid;
                    }
                    List<String> directives = terms.stream().filter(t -> !t.contains("=")).toList();
                    return r instanceof RecordParse.Parsed p
                            && p.record().directives().stream().map(Directive::text).toList().equals(directives);
                });
    }

    /** Hostile records: any text after the version parses or is a permerror, never an exception (§4.6). */
    @Test
    void arbitraryRecordsNeverThrow() {
        Gen<String> pieces = SourceDSL.lists().of(SourceDSL.arbitrary().pick("a", ":", "/", "//", "ip4", "ip6", "mx", "-", "~",
                "=", "%{", "}", ".", "1", "0", "33", "all", " ", "\u00ff", "\t", "include", "redirect", "exp", "%"))
                .ofSizeBetween(0, 30).map(l -> String.join("", l));
        qt().withExamples(5000).forAll(pieces.mix(SourceDSL.strings().allPossible().ofLengthBetween(0, 60)))
                .check(s -> parse("v=spf1 " + s) != null);
    }
}
