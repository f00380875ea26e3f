package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class HeaderFoldingTest {

    /** Words of 1 to 66 visible characters separated by runs of SPACE/TAB: the shape of a header value. */
    private static Gen<String> values() {
        Gen<String> word = SourceDSL.strings().betweenCodePoints('!', '~').ofLengthBetween(1, 66);
        Gen<String> gap = Generate.pick(List.of(" ", " ", " ", "  ", "\t", " \t "));
        return SourceDSL.lists().of(word.zip(gap, (w, g) -> g + w)).ofSizeBetween(0, 30)
                .map(parts -> String.join("", parts).strip());
    }

    /** RFC 5322 §2.2.3: unfolding a folded field gives back the unfolded text exactly. */
    @Test
    void unfoldInvertsFold() {
        qt().withExamples(3000).forAll(values()).checkAssert(v ->
                assertThat(HeaderFolding.unfold(HeaderFolding.fold("Subject", v))).isEqualTo("Subject: " + v));
    }

    /**
     * RFC 5322 §2.1.1: with words of at most 66 characters every folded line has at most 78 characters
     * (so certainly at most 998), and no line is only white space (§3.2.2).
     */
    @Test
    void foldedLinesAreShort() {
        qt().withExamples(3000).forAll(values()).checkAssert(v -> {
            for (String line : HeaderFolding.fold("Subject", v).split("\r\n", -1)) {
                assertThat(line.length()).isLessThanOrEqualTo(LineLimits.RECOMMENDED_LINE_LENGTH);
                assertThat(line).isNotBlank();
            }
        });
    }

    /** RFC 5322 §2.1.1: a long word stays whole (its line may exceed 78) but never past 998. */
    @Test
    void longWordsAreKeptWholeAndBoundedBy998() {
        qt().withExamples(300).forAll(Generate.range(79, 990)).checkAssert(n -> {
            String folded = HeaderFolding.fold("X", "a " + "b".repeat(n) + " c");
            assertThat(folded).contains("b".repeat(n));
            for (String line : folded.split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(LineLimits.MAX_LINE_LENGTH);
            }
        });
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> HeaderFolding.fold("X", "b".repeat(1000)));
    }

    @Test
    void unfoldExamples() {
        assertThat(HeaderFolding.unfold("a\r\n b\n\tc\r\nd")).isEqualTo("a b\tc\r\nd");
    }
}
