package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 1870 §4: the SIZE a client declares counts the message as the server will hold it (CRLF pairs
 * included, the final dot and the doubled dots not), and must not be smaller than what is sent.
 */
class MessageSizeProperties {

    static final int EXAMPLES = 3000;

    /** Whatever the content (bare CR, bare LF, no final CRLF, dots, NUL, 8-bit), SIZE equals what the server reads back. */
    @Test
    void declaredSizeIsWhatTheServerReceives() {
        qt().withExamples(EXAMPLES).forAll(DataTestSupport.hostileBytes(40)).checkAssert(content -> {
            byte[] wire = DataTestSupport.stuffInChunks(content, new int[] {content.length + 1}, content.length * 3 + 8);
            assertThat(MessageSize.of(content)).isEqualTo(DataDecoder.unstuff(wire).length);
        });
    }

    /** Well-formed CRLF text: the size is the content's own length (nothing is repaired). */
    @Test
    void crlfTextIsCountedAsIs() {
        qt().withExamples(EXAMPLES).forAll(DataTestSupport.crlfBodies())
                .checkAssert(content -> assertThat(MessageSize.of(content)).isEqualTo(content.length));
    }

    /** Issue 16: text without a final CRLF gets one before the dot, so 2 octets more than its length. */
    @Test
    void missingFinalCrlfCountsTheAddedOne() {
        qt().withExamples(EXAMPLES).forAll(DataTestSupport.crlfBodies()).checkAssert(body -> {
            byte[] content = DataTestSupport.concat(body, DataTestSupport.bytes("last line without an end"));
            assertThat(MessageSize.of(content)).isEqualTo(content.length + 2L);
        });
    }

    /** Fed in chunks of any size (a CR at the end of one chunk, its LF in the next), the count is the same. */
    @Test
    void chunkingDoesNotChangeTheSize() {
        qt().withExamples(EXAMPLES).forAll(DataTestSupport.hostileBytes(40), DataTestSupport.chunkSizes()).checkAssert((content, sizes) -> {
            MessageSize size = new MessageSize();
            int at = 0;
            for (int i = 0; at < content.length; i++) {
                int n = Math.min(sizes[i % sizes.length], content.length - at);
                size.add(content, at, n);
                at += n;
            }
            assertThat(size.octets()).as(Arrays.toString(content)).isEqualTo(MessageSize.of(content));
        });
    }
}
