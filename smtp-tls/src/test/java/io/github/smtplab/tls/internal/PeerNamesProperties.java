package io.github.smtplab.tls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/** Properties of {@link PeerNames}: a name taken from the peer's certificate is safe to print on one transcript line. */
class PeerNamesProperties {

    /**
     * The peer chooses its certificate subject (RFC 5280 §4.1.2.6 allows almost any string in a
     * DirectoryString): whatever it is, the description has no control character (no CR or LF to forge
     * transcript lines) and at most {@link PeerNames#MAX_DESCRIPTION} characters.
     */
    @Test
    void anySubjectBecomesOnePrintableBoundedLine() {
        qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 600)).checkAssert(subject -> {
            String safe = PeerNames.printable(subject);
            assertThat(safe.length()).isLessThanOrEqualTo(Math.min(subject.length(), PeerNames.MAX_DESCRIPTION));
            assertThat(safe.chars()).noneMatch(c -> c < 0x20 || c >= 0x7f && c < 0xa0 || Character.isSurrogate((char) (int) c));
        });
    }

    /** Printable ASCII within the bound is kept as it is: the transcript shows the real name. */
    @Test
    void printableNamesAreKept() {
        qt().withExamples(2000).forAll(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, PeerNames.MAX_DESCRIPTION))
                .checkAssert(name -> assertThat(PeerNames.printable(name)).isEqualTo(name));
    }
}
