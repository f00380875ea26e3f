package io.github.smtplab.auth.spf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Macro syntax and expansion (RFC 7208 §7). */
class MacrosTest {

    private static MacroContext context(String ip) throws Exception {
        return new MacroContext("strong-bad@email.example.com", "strong-bad", "email.example.com", "email.example.com",
                InetAddress.getByName(ip), "mx.example.org", "receiver.example", 1_400_000_000L, d -> "mx.example.org");
    }

    /** RFC 7208 §7.4, both tables: sender strong-bad@email.example.com, client 192.0.2.3. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%{s}|strong-bad@email.example.com", "%{o}|email.example.com", "%{d}|email.example.com",
            "%{d4}|email.example.com", "%{d3}|email.example.com", "%{d2}|example.com", "%{d1}|com",
            "%{dr}|com.example.email", "%{d2r}|example.email", "%{l}|strong-bad", "%{l-}|strong.bad",
            "%{lr}|strong-bad", "%{lr-}|bad.strong", "%{l1r-}|strong",
            "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
            "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
            "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
            "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
            "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net"})
    void rfc7208Section74Examples(String macro, String expansion) throws Exception {
        assertThat(Macros.check(macro, false)).isNull();
        assertThat(Macros.expand(macro, context("192.0.2.3"))).isEqualTo(expansion);
    }

    /** RFC 7208 §7.4, the IPv6 example with client 2001:db8::cb01. */
    @Test
    void rfc7208Section74Ipv6() throws Exception {
        assertThat(Macros.expand("%{ir}.%{v}._spf.%{d2}", context("2001:db8::cb01")))
                .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    /** §7.1: %% %_ %- escapes; §7.3: an upper-case letter URL-escapes the value; §7.2: c, r, t only in exp text. */
    @Test
    void escapesUrlEncodingAndExplainOnlyLetters() throws Exception {
        assertThat(Macros.expand("a%%b%_c%-d", context("192.0.2.3"))).isEqualTo("a%b c%20d");
        assertThat(Macros.expand("%{S}", context("192.0.2.3"))).isEqualTo("strong-bad%40email.example.com");
        assertThat(Macros.check("%{c}", false)).isNotNull();
        assertThat(Macros.check("%{c} %{r} %{t}", true)).isNull();
        assertThat(Macros.expand("%{c} %{r} %{t}", context("2001:db8::cb01"))).isEqualTo("2001:db8::cb01 receiver.example 1400000000");
        assertThat(Macros.check("%{d0}", false)).as("a digit transformer is at least 1").isNotNull();
        assertThat(Macros.check("%{x}", false)).isNotNull();
        assertThat(Macros.check("%{d", false)).isNotNull();
        assertThat(Macros.check("50%", false)).isNotNull();
        assertThat(Macros.check("a b", false)).as("no space outside exp").isNotNull();
    }

    private static final Gen<String> LABELS = SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 10);

    /**
     * §7.3 transformers: for any domain of n labels, {@code %{dKr}} is the labels reversed, then the rightmost
     * K of them (all when K is at least n), joined with dots.
     */
    @Test
    void digitAndReverseTransformers() {
        qt().withExamples(500).forAll(SourceDSL.lists().of(LABELS).ofSizeBetween(1, 12), SourceDSL.integers().between(1, 15),
                SourceDSL.booleans().all()).check((labels, k, reverse) -> {
                    String domain = String.join(".", labels);
                    MacroContext c = new MacroContext("x@" + domain, "x", domain, domain, InetAddress.getLoopbackAddress(),
                            "h.example", "r.example", 0, d -> "unknown");
                    List<String> parts = new ArrayList<>(labels);
                    if (reverse) {
                        Collections.reverse(parts);
                    }
                    List<String> kept = parts.subList(Math.max(0, parts.size() - k), parts.size());
                    return Macros.expand("%{d" + k + (reverse ? "r" : "") + "}", c).equals(String.join(".", kept));
                });
    }

    /** §7.1: check() and expand() never throw, whatever the text; anything check() accepts expands. */
    @Test
    void arbitraryMacroStringsNeverThrow() throws Exception {
        MacroContext c = context("192.0.2.3");
        Gen<String> pieces = SourceDSL.lists().of(SourceDSL.arbitrary().pick("%", "{", "}", "d", "l", "S", "r", "2", "0", ".", "-",
                "=", "_", "a", " ", "%{", "%%", "\u0080")).ofSizeBetween(0, 20).map(l -> String.join("", l));
        qt().withExamples(3000).forAll(pieces, SourceDSL.booleans().all()).check((text, explain) ->
                Macros.check(text, explain) != null || Macros.expand(text, c) != null);
    }
}
