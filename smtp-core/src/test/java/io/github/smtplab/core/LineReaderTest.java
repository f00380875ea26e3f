package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.LineReader.BareLf;
import io.github.smtplab.core.LineReader.Line;
import io.github.smtplab.core.LineReader.NeedMore;
import io.github.smtplab.core.LineReader.TooLong;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Worked examples of {@link LineReader}, one RFC 5321 rule each. */
class LineReaderTest {

    private final LineReader strict = new LineReader(LineReader.MAX_COMMAND_LINE, false);

    private static Line line(String s) {
        return new Line(bytes(s));
    }

    /** §2.3.8: CRLF ends a line; one line per call, the rest (pipelined, RFC 2920) stays in the buffer. */
    @Test
    void readsOneLinePerCall() {
        ByteBuffer in = ByteBuffer.wrap(bytes("EHLO a\r\nMAIL FROM:<>\r\nRC"));
        assertThat(strict.read(in)).isEqualTo(line("EHLO a"));
        assertThat(in.position()).isEqualTo(8);
        assertThat(strict.read(in)).isEqualTo(line("MAIL FROM:<>"));
        assertThat(strict.read(in)).isEqualTo(NeedMore.INSTANCE);
        assertThat(strict.hasPartialLine()).isTrue();
        assertThat(strict.read(ByteBuffer.wrap(bytes("PT TO:<a@b>\r\n")))).isEqualTo(line("RCPT TO:<a@b>"));
        assertThat(strict.hasPartialLine()).isFalse();
    }

    /** The CR and the LF of one CRLF may arrive in different reads. */
    @Test
    void crlfSplitAcrossReads() {
        assertThat(strict.read(ByteBuffer.wrap(bytes("NOOP\r")))).isEqualTo(NeedMore.INSTANCE);
        assertThat(strict.read(ByteBuffer.wrap(bytes("\n")))).isEqualTo(line("NOOP"));
    }

    /** §2.3.8: a CR not followed by LF is not a line ending; it stays inside the line, as NULs do. */
    @Test
    void bareCrAndNulStayInside() {
        assertThat(strict.read(ByteBuffer.wrap(bytes("a\rb\u0000c\r\r\n")))).isEqualTo(line("a\rb\u0000c\r"));
    }

    /** §2.3.8: a bare LF ends a BareLf in strict mode and a Line in lenient mode. */
    @Test
    void bareLfInBothModes() {
        assertThat(strict.read(ByteBuffer.wrap(bytes("QUIT\n")))).isEqualTo(new BareLf(bytes("QUIT")));
        LineReader lenient = new LineReader(LineReader.MAX_COMMAND_LINE, true);
        assertThat(lenient.read(ByteBuffer.wrap(bytes("QUIT\nNOOP\r\n")))).isEqualTo(line("QUIT"));
        assertThat(strict.read(ByteBuffer.wrap(bytes("\n")))).isEqualTo(new BareLf(new byte[0]));
    }

    /** §4.5.3.1.4: 512 octets including CRLF are allowed; 513 are too long, and the next line is fine. */
    @Test
    void limitCountsTheCrlf() {
        String atLimit = "x".repeat(510);
        assertThat(strict.read(ByteBuffer.wrap(bytes(atLimit + "\r\n")))).isEqualTo(line(atLimit));
        ByteBuffer in = ByteBuffer.wrap(bytes("x".repeat(511) + "\r\nNOOP\r\n"));
        assertThat(strict.read(in)).isEqualTo(new TooLong(513));
        assertThat(strict.read(in)).isEqualTo(line("NOOP"));
    }

    /**
     * §4.5.3.1.4 against a hostile peer: 100 MB without an LF through a 512 limit. What the reader buffers
     * never exceeds the limit (checked after every read), and the line ends as one TooLong.
     */
    @Test
    @Timeout(60)
    void hundredMegabytesWithoutLfStayBounded() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'A');
        long total = 0;
        for (int i = 0; i < 1600; i++) { // 1600 x 64 KiB = 100 MiB
            ByteBuffer in = ByteBuffer.wrap(chunk);
            assertThat(strict.read(in)).isEqualTo(NeedMore.INSTANCE);
            assertThat(in.hasRemaining()).isFalse();
            assertThat(strict.bufferedBytes()).isLessThan(LineReader.MAX_COMMAND_LINE);
            assertThat(strict.bufferCapacity()).isLessThan(LineReader.MAX_COMMAND_LINE);
            total += chunk.length;
        }
        assertThat(strict.hasPartialLine()).isTrue();
        ByteBuffer end = ByteBuffer.wrap(bytes("\r\nQUIT\r\n"));
        assertThat(strict.read(end)).isEqualTo(new TooLong(total + 2));
        assertThat(strict.read(end)).isEqualTo(line("QUIT"));
        assertThat(strict.bufferCapacity()).isLessThan(LineReader.MAX_COMMAND_LINE);
    }

    /** Direct buffers work like heap buffers. */
    @Test
    void directBuffers() {
        byte[] data = bytes("HELO x\r\nQUIT\r\n");
        ByteBuffer in = ByteBuffer.allocateDirect(data.length).put(data).flip();
        assertThat(strict.read(in)).isEqualTo(line("HELO x"));
        assertThat(strict.read(in)).isEqualTo(line("QUIT"));
        assertThat(strict.read(in)).isEqualTo(NeedMore.INSTANCE);
    }

    /** Results are values: equal by content, immune to later changes of the arrays. */
    @Test
    void resultsAreImmutableValues() {
        byte[] raw = bytes("abc");
        Line line = new Line(raw);
        raw[0] = 'X';
        line.bytes()[1] = 'Y';
        assertThat(line).isEqualTo(line("abc")).hasSameHashCodeAs(line("abc"));
        assertThat(line.toString()).contains("61 62 63");
        assertThatThrownBy(() -> new TooLong(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineReader(1, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
