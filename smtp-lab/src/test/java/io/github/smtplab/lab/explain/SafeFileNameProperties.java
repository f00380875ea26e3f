package io.github.smtplab.lab.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * RFC 2183 §2.3: a receiving agent must not trust the suggested file name; it should keep only the last
 * component and never write outside the chosen directory. For any name, printable or hostile:
 * the safe name has no separator, no leading dot, no control character, at most 100 characters, and
 * resolving it stays directly inside the directory.
 */
class SafeFileNameProperties {

    @TempDir
    Path dir;

    /** Names built from path-ish pieces: "..", "/", "\\", dots, controls, letters and non-ASCII. */
    static Gen<String> hostileNames() {
        Gen<String> piece = strings().betweenCodePoints(0, 0x2FF).ofLengthBetween(0, 8)
                .mix(org.quicktheories.generators.Generate.pick(java.util.List.of("..", "/", "\\", ".", "../", "..\\", "C:", "\u0000", " ", "é.pdf")));
        return piece.zip(piece, piece, (a, b, c) -> a + b + c);
    }

    @Test
    void aSafeNameNeverLeavesTheDirectory() {
        qt().withExamples(2000).forAll(hostileNames()).checkAssert(name -> {
            String safe = SafeFileName.of(name, "part-1");
            assertThat(safe).isNotBlank().doesNotContain("/").doesNotContain("\\").doesNotStartWith(".")
                    .doesNotContainPattern("[\\x00-\\x1f\\x7f]");
            assertThat(safe.codePointCount(0, safe.length())).isLessThanOrEqualTo(SafeFileName.MAX_LENGTH);
            assertThat(SafeFileName.inside(dir, safe).getParent()).isEqualTo(dir);
        });
    }

    @Test
    void anOrdinaryNameIsKept() {
        assertThat(SafeFileName.of("ordre-du-jour.pdf", "x")).isEqualTo("ordre-du-jour.pdf");
        assertThat(SafeFileName.of("../../etc/passwd", "x")).isEqualTo("passwd");
        assertThat(SafeFileName.of("..", "part-2")).isEqualTo("part-2");
        assertThat(SafeFileName.of("C:\\Windows\\evil.exe", "x")).isEqualTo("evil.exe");
    }
}
