package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.bytes;
import static io.github.smtplab.core.DataTestSupport.chunkSizes;
import static io.github.smtplab.core.DataTestSupport.concat;
import static io.github.smtplab.core.DataTestSupport.crlfBodies;
import static io.github.smtplab.core.DataTestSupport.decodeAtOnce;
import static io.github.smtplab.core.DataTestSupport.decodeInChunks;
import static io.github.smtplab.core.DataTestSupport.hostileBytes;
import static io.github.smtplab.core.DataTestSupport.normaliseLineEndings;
import static io.github.smtplab.core.DataTestSupport.outCapacities;
import static io.github.smtplab.core.DataTestSupport.referenceDecode;
import static io.github.smtplab.core.DataTestSupport.referenceStuff;
import static io.github.smtplab.core.DataTestSupport.stuffInChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.smtplab.core.DataDecoder.Status;
import io.github.smtplab.core.DataTestSupport.Decoded;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of {@link DotStuffer} (client side) and {@link DataDecoder} (server side) of DATA,
 * RFC 5321 §4.1.1.4, §4.5.2 and §2.3.8. Inputs come from the line grammar (dot lines, empty lines,
 * terminator look-alikes, long lines) and from hostile byte soup (bare CR/LF, NUL, dots).
 */
class DotStuffingProperties {

    private static final int NO_LIMIT = Integer.MAX_VALUE;

    /** Both hostile soup and well-formed stuffed DATA streams, possibly followed by pipelined commands. */
    private static Gen<byte[]> decoderInputs() {
        Gen<byte[]> wellFormed = crlfBodies().zip(arbitrary().pick(List.of("", "QUIT\r\n", "MAIL FROM:<x@y>\r\nRCPT TO:<z@w>\r\n")),
                (body, pipelined) -> concat(DotStuffer.stuff(body), bytes(pipelined)));
        return DataTestSupport.shown(hostileBytes(24).mix(wellFormed, 40));
    }

    /**
     * RFC 5321 §4.5.2 (transparency) and §4.1.1.4 (end of data): for every body made of CRLF lines, the
     * server recovers exactly what the client sent: unstuff(stuff(body)) = body.
     */
    @Test
    void unstuffUndoesStuffForCrlfBodies() {
        qt().withExamples(2000).forAll(crlfBodies())
                .checkAssert(body -> assertThat(DataDecoder.unstuff(DotStuffer.stuff(body))).isEqualTo(body));
    }

    /**
     * RFC 5321 §4.5.2 + §2.3.8: the stuffer equals the textbook model (normalise CR/LF to CRLF, end with
     * CRLF, double a leading dot on every line, append ".CRLF") for any bytes, hostile ones included.
     */
    @Test
    void stuffMatchesTheLineByLineModel() {
        qt().withExamples(2000).forAll(DataTestSupport.shown(hostileBytes(30).mix(crlfBodies(), 50)))
                .checkAssert(content -> assertThat(DotStuffer.stuff(content)).isEqualTo(referenceStuff(content)));
    }

    /**
     * RFC 5321 §4.1.1.4: in the stuffed output, CRLF.CRLF (or a leading ".CRLF") appears only as the
     * terminator at the very end, whatever the content, so the receiver cannot end the message early.
     */
    @Test
    void stuffedOutputHoldsTheTerminatorOnlyAtTheEnd() {
        qt().withExamples(2000).forAll(DataTestSupport.shown(hostileBytes(30).mix(crlfBodies(), 50))).checkAssert(content -> {
            byte[] sent = DotStuffer.stuff(content);
            int first = indexOf(sent, bytes("\r\n.\r\n"));
            if (sent.length == 3) {
                assertThat(sent).isEqualTo(bytes(".\r\n")); // empty content
                assertThat(normaliseLineEndings(content)).isEmpty();
            } else {
                assertThat(first).isEqualTo(sent.length - 5);
                assertThat(Arrays.copyOf(sent, 3)).isNotEqualTo(bytes(".\r\n"));
            }
        });
    }

    /**
     * RFC 5321 §2.3.8: a client never sends a bare CR or bare LF; every CR is followed by LF and every LF
     * preceded by CR, and unstuffing gives back the content with its line endings normalised to CRLF.
     */
    @Test
    void stuffingNormalisesBareLineEndings() {
        qt().withExamples(2000).forAll(hostileBytes(30)).checkAssert(content -> {
            byte[] sent = DotStuffer.stuff(content);
            for (int i = 0; i < sent.length; i++) {
                if (sent[i] == '\r') {
                    assertThat(i + 1 < sent.length && sent[i + 1] == '\n').as("CR at %d followed by LF", i).isTrue();
                }
                if (sent[i] == '\n') {
                    assertThat(i > 0 && sent[i - 1] == '\r').as("LF at %d preceded by CR", i).isTrue();
                }
            }
            assertThat(DataDecoder.unstuff(sent)).isEqualTo(normaliseLineEndings(content));
        });
    }

    /**
     * Streaming (the DotStuffer contract): the stuffed bytes do not depend on how the content is split
     * into chunks nor on how small the output buffer is (down to 1 byte).
     */
    @Test
    void stuffingIsIndependentOfChunkingAndOutputSize() {
        qt().withExamples(1500).forAll(DataTestSupport.shown(hostileBytes(30).mix(crlfBodies(), 50)), chunkSizes(), outCapacities())
                .checkAssert((content, chunks, outCapacity) ->
                        assertThat(stuffInChunks(content, chunks, outCapacity)).isEqualTo(DotStuffer.stuff(content)));
    }

    /**
     * RFC 5321 §4.1.1.4, §4.5.2, §2.3.8: on any input the decoder agrees with the line-by-line model:
     * same status, same content, same number of bytes consumed (END_OF_DATA stops just after the final
     * LF, BARE_LINE_ENDING just after the bare CR or LF).
     */
    @Test
    void decoderMatchesTheLineByLineModel() {
        qt().withExamples(3000).forAll(decoderInputs(), lineLimits()).checkAssert((data, limit) ->
                assertThat(decodeAtOnce(data, limit)).isEqualTo(referenceDecode(data, limit)));
    }

    /** Line limits around the lengths generated (RFC 5321 §4.5.3.1.6 says 1000), and no limit at all. */
    private static Gen<Integer> lineLimits() {
        return integers().between(2, 1300).mix(arbitrary().pick(List.of(DataDecoder.MAX_TEXT_LINE, NO_LIMIT)), 30);
    }

    /**
     * Sans-I/O contract for socket code: direct (off-heap) buffers, in random chunks and output sizes,
     * give exactly what heap buffers give, for the decoder and for the stuffer.
     */
    @Test
    void directBuffersGiveTheSameResults() {
        qt().withExamples(1000).forAll(decoderInputs(), chunkSizes(), outCapacities(), lineLimits())
                .checkAssert((data, chunks, outCapacity, limit) -> {
                    assertThat(decodeInChunks(data, chunks, outCapacity, limit, true)).isEqualTo(decodeAtOnce(data, limit));
                    assertThat(stuffInChunks(data, chunks, outCapacity, true)).isEqualTo(DotStuffer.stuff(data));
                });
    }

    /**
     * Sans-I/O contract of DataDecoder: the same output, status, consumption and flags for every split of
     * the input into chunks (random split points) and every output buffer size, down to 1 byte.
     */
    @Test
    void decoderIsIndependentOfChunkingAndOutputSize() {
        qt().withExamples(2000).forAll(decoderInputs(), chunkSizes(), outCapacities(), lineLimits())
                .checkAssert((data, chunks, outCapacity, limit) -> assertThat(decodeInChunks(data, chunks, outCapacity, limit))
                        .isEqualTo(decodeAtOnce(data, limit)));
    }

    /**
     * Sans-I/O contract, exhaustively for short inputs: splitting the input in two at EVERY byte position
     * (with a 1-byte and a roomy output buffer) gives the same result as decoding it whole.
     */
    @Test
    void decoderIsIndependentOfEverySingleSplitPoint() {
        Gen<byte[]> shortStuffed = DataTestSupport.shortCrlfBodies().zip(arbitrary().pick(List.of("", "QUIT\r\n")),
                (body, pipelined) -> concat(DotStuffer.stuff(body), bytes(pipelined)));
        qt().withExamples(400).forAll(DataTestSupport.shown(hostileBytes(12).mix(shortStuffed, 50)))
                .checkAssert(data -> {
                    Decoded whole = decodeAtOnce(data, NO_LIMIT);
                    for (int split = 1; split < data.length; split++) {
                        int[] chunks = {split, data.length};
                        assertThat(decodeInChunks(data, chunks, 1, NO_LIMIT)).as("split at %d, 1-byte out", split)
                                .isEqualTo(whole);
                        assertThat(decodeInChunks(data, chunks, 64, NO_LIMIT)).as("split at %d", split).isEqualTo(whole);
                    }
                });
    }

    /**
     * RFC 2920 (PIPELINING) with RFC 5321 §4.1.1.4: commands the client sent right after the terminator
     * stay unconsumed in {@code in}, and the content is exactly the body.
     */
    @Test
    void pipelinedBytesAfterTheTerminatorStayInTheBuffer() {
        Gen<String> commands = arbitrary().pick(List.of("", "QUIT\r\n", "MAIL FROM:<a@b>\r\n", "RSET\r\nNOOP\r\n", "\r\n.\r\n"));
        qt().withExamples(1500).forAll(crlfBodies(), commands).checkAssert((body, pipelined) -> {
            byte[] after = bytes(pipelined);
            ByteBuffer in = ByteBuffer.wrap(concat(DotStuffer.stuff(body), after));
            ByteBuffer out = ByteBuffer.allocate(in.capacity());
            DataDecoder decoder = new DataDecoder(NO_LIMIT);
            assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
            assertThat(in.remaining()).isEqualTo(after.length);
            assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(body);
            assertThat(decoder.contentLength()).isEqualTo(body.length);
            // A further call consumes nothing until reset().
            assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
            assertThat(in.remaining()).isEqualTo(after.length);
        });
    }

    /**
     * RFC 5321 §4.5.3.1.6: lineTooLong() is set exactly when some line's content plus CRLF exceeds the
     * limit (the stuffing dot not counted); an over-long line does not stop decoding.
     */
    @Test
    void lineTooLongFlagsExactlyTheLinesOverTheLimit() {
        qt().withExamples(1500).forAll(crlfBodies(), integers().between(2, 1100)).checkAssert((body, limit) -> {
            int longest = longestLine(body);
            DataDecoder decoder = new DataDecoder(limit);
            ByteBuffer in = ByteBuffer.wrap(DotStuffer.stuff(body));
            assertThat(decoder.decode(in, ByteBuffer.allocate(in.capacity()))).isEqualTo(Status.END_OF_DATA);
            assertThat(decoder.lineTooLong()).isEqualTo(longest + 2 > limit);
        });
    }

    /** reset() readies the decoder for the next message: two stuffed messages in a row decode separately. */
    @Test
    void resetDecodesTheNextMessage() {
        qt().withExamples(500).forAll(crlfBodies(), crlfBodies()).checkAssert((first, second) -> {
            ByteBuffer in = ByteBuffer.wrap(concat(DotStuffer.stuff(first), DotStuffer.stuff(second)));
            DataDecoder decoder = new DataDecoder(DataDecoder.MAX_TEXT_LINE);
            ByteBuffer out = ByteBuffer.allocate(in.capacity());
            assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
            assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(first);
            decoder.reset();
            assertThat(decoder.contentLength()).isZero();
            assertThat(decoder.lineTooLong()).isFalse();
            out.clear();
            assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
            assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(second);
            assertThat(in.hasRemaining()).isFalse();
        });
    }

    private static int longestLine(byte[] crlfBody) {
        int longest = 0;
        int start = 0;
        for (int i = 0; i + 1 < crlfBody.length; i++) {
            if (crlfBody[i] == '\r' && crlfBody[i + 1] == '\n') {
                longest = Math.max(longest, i - start);
                start = i + 2;
                i++;
            }
        }
        return longest;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
