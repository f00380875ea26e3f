package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.chunkSizes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.core.LineReader.BareLf;
import io.github.smtplab.core.LineReader.Line;
import io.github.smtplab.core.LineReader.NeedMore;
import io.github.smtplab.core.LineReader.Result;
import io.github.smtplab.core.LineReader.TooLong;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of {@link LineReader}: RFC 5321 §2.3.8 line endings and the §4.5.3.1.4/5 length limits. */
class LineReaderProperties {

    /** One generated line: content (no LF), how it ends, and the line ending as sent. */
    record Sent(byte[] content, boolean bareLf) {

        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(content);
            if (!bareLf) {
                out.write('\r');
            }
            out.write('\n');
            return out.toByteArray();
        }
    }

    /**
     * Line content from the command grammar's alphabet plus hostile bytes: letters, SP, ':', '<', '>',
     * NUL, 8-bit, and CR (a CR not before the line's LF is content). No LF: that ends the line.
     */
    private static Gen<byte[]> content(int maxLength) {
        return lists().of(arbitrary().pick(List.of((byte) 'M', (byte) 'a', (byte) ' ', (byte) ':', (byte) '<',
                        (byte) '>', (byte) 0, (byte) 0xC3, (byte) '\r', (byte) '.')))
                .ofSizeBetween(0, maxLength)
                .map(DataTestSupport::toBytes);
    }

    /** Lines ended by CRLF, or (sometimes) by a bare LF; a bare-LF line's content does not end in CR. */
    private static Gen<List<Sent>> lines(int maxLength) {
        Gen<Sent> one = content(maxLength).zip(booleans().all(), (c, lf) ->
                new Sent(c, lf && (c.length == 0 || c[c.length - 1] != '\r')));
        return lists().of(one).ofSizeBetween(0, 10);
    }

    private static byte[] wire(List<Sent> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(l -> out.writeBytes(l.wire()));
        return out.toByteArray();
    }

    /** What the reader must return for one line (the specification, written out case by case). */
    private static Result expected(Sent sent, int limit, boolean acceptBareLf) {
        int length = sent.wire().length;
        if (length > limit) {
            return new TooLong(length);
        }
        if (sent.bareLf() && !acceptBareLf) {
            return new BareLf(sent.content());
        }
        return new Line(sent.content());
    }

    /**
     * Reads everything, fed in chunks of the given sizes, asserting after every call that the reader
     * never buffers more than the limit and that each call returns at most one line.
     */
    private static List<Result> readAll(LineReader reader, byte[] data, int[] chunkSizes, int limit) {
        List<Result> results = new ArrayList<>();
        int fed = 0;
        int chunk = 0;
        while (fed < data.length) {
            int size = Math.min(chunkSizes[chunk++ % chunkSizes.length], data.length - fed);
            ByteBuffer in = ByteBuffer.wrap(Arrays.copyOfRange(data, fed, fed + size));
            Result r;
            do {
                r = reader.read(in);
                assertThat(reader.bufferedBytes()).isLessThan(limit);
                assertThat(reader.bufferCapacity()).isLessThan(limit);
                if (r != NeedMore.INSTANCE) {
                    results.add(r);
                }
            } while (r != NeedMore.INSTANCE);
            assertThat(in.hasRemaining()).isFalse();
            fed += size;
        }
        return results;
    }

    /**
     * RFC 5321 §2.3.8 + §4.5.3.1.4: for any lines and any limit, split at random points, every line
     * comes back exactly (Line, BareLf or TooLong as its ending and length say), in order, and nothing is
     * left over.
     */
    @Test
    void linesComeBackWhateverTheSplitAndLimit() {
        qt().withExamples(2000).forAll(lines(40), integers().between(2, 45), booleans().all(), chunkSizes())
                .checkAssert((lines, limit, acceptBareLf, chunks) -> {
                    LineReader reader = new LineReader(limit, acceptBareLf);
                    List<Result> expected = lines.stream().map(l -> expected(l, limit, acceptBareLf)).toList();
                    assertThat(readAll(reader, wire(lines), chunks, limit)).isEqualTo(expected);
                    assertThat(reader.hasPartialLine()).isFalse();
                });
    }

    /**
     * RFC 5321 §4.5.3.1.4 at its real size: lines of up to 600 octets through the 512-octet command limit
     * (so the line buffer grows from its small start up to, never past, the limit), in any chunking.
     */
    @Test
    void linesAroundTheCommandLineLimit() {
        int limit = LineReader.MAX_COMMAND_LINE;
        qt().withExamples(300).forAll(lines(600), booleans().all(), chunkSizes()).checkAssert((lines, acceptBareLf, chunks) -> {
            LineReader reader = new LineReader(limit, acceptBareLf);
            List<Result> expected = lines.stream().map(l -> expected(l, limit, acceptBareLf)).toList();
            assertThat(readAll(reader, wire(lines), chunks, limit)).isEqualTo(expected);
        });
    }

    /**
     * Sans-I/O contract, exhaustively for short inputs: cutting the stream in two at EVERY byte position
     * (so also between CR and LF) gives the same lines as reading it whole.
     */
    @Test
    void everySingleSplitPointGivesTheSameLines() {
        qt().withExamples(500).forAll(lines(8), booleans().all()).checkAssert((lines, acceptBareLf) -> {
            byte[] data = wire(lines);
            int limit = LineReader.MAX_COMMAND_LINE;
            List<Result> whole = readAll(new LineReader(limit, acceptBareLf), data, new int[] {Math.max(1, data.length)}, limit);
            for (int split = 1; split < data.length; split++) {
                assertThat(readAll(new LineReader(limit, acceptBareLf), data, new int[] {split, data.length}, limit))
                        .as("split at %d", split).isEqualTo(whole);
            }
        });
    }

    /**
     * RFC 5321 §4.5.3.1.4: an over-long line of any length (up to 20x the limit), in any chunking, gives
     * one TooLong with its full length, buffers never more than the limit, and the reader then reads the
     * next line normally; a trailing partial line is reported by hasPartialLine().
     */
    @Test
    void overLongLinesAreSkippedWithBoundedMemory() {
        qt().withExamples(1000).forAll(integers().between(2, 64), integers().between(1, 20 * 64), chunkSizes())
                .checkAssert((limit, extra, chunks) -> {
                    byte[] longLine = new byte[limit - 2 + extra]; // content; with CRLF: limit + extra
                    Arrays.fill(longLine, (byte) 'x');
                    byte[] data = DataTestSupport.concat(longLine, DataTestSupport.bytes("\r\n\r\nZ"));
                    LineReader reader = new LineReader(limit, false);
                    assertThat(readAll(reader, data, chunks, limit))
                            .containsExactly(new TooLong((long) limit + extra), new Line(new byte[0]));
                    assertThat(reader.hasPartialLine()).isTrue();
                });
    }
}
