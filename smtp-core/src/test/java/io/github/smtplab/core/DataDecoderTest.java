package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.DataDecoder.Status;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Worked examples of {@link DataDecoder}, one RFC 5321 rule each. */
class DataDecoderTest {

    private final DataDecoder decoder = new DataDecoder(DataDecoder.MAX_TEXT_LINE);

    private static String content(ByteBuffer out) {
        return new String(Arrays.copyOf(out.array(), out.position()), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** §4.1.1.4: the CRLF before the terminating dot belongs to the message. */
    @Test
    void theCrlfBeforeTheDotIsContent() {
        ByteBuffer in = ByteBuffer.wrap(bytes("Subject: hi\r\n\r\nHello\r\n.\r\n"));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
        assertThat(content(out)).isEqualTo("Subject: hi\r\n\r\nHello\r\n");
        assertThat(decoder.contentLength()).isEqualTo(22);
        assertThat(in.hasRemaining()).isFalse();
    }

    /** §4.1.1.4: a "." line as the very first line ends an empty message. */
    @Test
    void aFirstDotLineIsAnEmptyMessage() {
        ByteBuffer in = ByteBuffer.wrap(bytes(".\r\nQUIT\r\n"));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
        assertThat(out.position()).isZero();
        assertThat(in.position()).isEqualTo(3);
    }

    /** §4.5.2: the first dot of a line with more characters is deleted. */
    @Test
    void aLeadingDotIsRemoved() {
        ByteBuffer in = ByteBuffer.wrap(bytes("..\r\n.x\r\n...\r\na.b\r\n.\r\n"));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
        assertThat(content(out)).isEqualTo(".\r\nx\r\n..\r\na.b\r\n");
    }

    /** §2.3.8: a bare LF stops decoding; in.position() is just past it. */
    @Test
    void aBareLfStopsDecoding() {
        ByteBuffer in = ByteBuffer.wrap(bytes("ok\r\nbad\nmore\r\n.\r\n"));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.BARE_LINE_ENDING);
        assertThat(in.position()).isEqualTo(8);
        assertThat(content(out)).isEqualTo("ok\r\nbad");
        // It stays stopped, consuming nothing more.
        assertThat(decoder.decode(in, out)).isEqualTo(Status.BARE_LINE_ENDING);
        assertThat(in.position()).isEqualTo(8);
    }

    /** §2.3.8: a CR not followed by LF stops decoding; in.position() is just past the CR. */
    @Test
    void aBareCrStopsDecoding() {
        ByteBuffer in = ByteBuffer.wrap(bytes("a\rb\r\n.\r\n"));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.BARE_LINE_ENDING);
        assertThat(in.position()).isEqualTo(2);
        assertThat(content(out)).isEqualTo("a");
    }

    /** The CVE-2023-51764 sequence: {@code <LF>.<CRLF>} is not an end of data. */
    @Test
    void lfDotCrlfIsNotAnEnd() {
        ByteBuffer in = ByteBuffer.wrap(bytes("text\n.\r\nMAIL FROM:<x@y>\r\n"));
        assertThat(decoder.decode(in, ByteBuffer.allocate(100))).isEqualTo(Status.BARE_LINE_ENDING);
    }

    /** A CR at the end of a chunk is held (not written) until the next byte shows it is a CRLF. */
    @Test
    void aCrAtTheEndOfAChunkIsHeld() {
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("abc\r")), out)).isEqualTo(Status.NEED_MORE);
        assertThat(content(out)).isEqualTo("abc");
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("\n.")), out)).isEqualTo(Status.NEED_MORE);
        assertThat(content(out)).isEqualTo("abc\r\n");
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("\r\n")), out)).isEqualTo(Status.END_OF_DATA);
        assertThat(content(out)).isEqualTo("abc\r\n");
    }

    /** A full output buffer pauses decoding without losing a byte; the terminator needs no room. */
    @Test
    void aFullOutputBufferPausesDecoding() {
        ByteBuffer in = ByteBuffer.wrap(bytes("abcdef\r\n.\r\n"));
        ByteBuffer out = ByteBuffer.allocate(4);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.NEED_MORE);
        assertThat(out.hasRemaining()).isFalse();
        assertThat(in.position()).isEqualTo(4);
        out.clear();
        // "ef\r\n" fills out again; the terminator line produces no output, so it is still consumed.
        assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
        assertThat(content(out)).isEqualTo("ef\r\n");
        assertThat(in.hasRemaining()).isFalse();
    }

    /** §4.5.3.1.6: 1000 octets including CRLF is allowed, 1001 is too long, and decoding goes on. */
    @Test
    void lineLengthLimitCountsTheCrlfButNotTheStuffingDot() {
        String ok = "." + "x".repeat(998); // stuffed: the dot does not count; 998 + CRLF = 1000
        assertThat(decoder.decode(ByteBuffer.wrap(bytes(ok + "\r\n.\r\n")), ByteBuffer.allocate(2000)))
                .isEqualTo(Status.END_OF_DATA);
        assertThat(decoder.lineTooLong()).isFalse();
        decoder.reset();
        assertThat(decoder.decode(ByteBuffer.wrap(bytes("x".repeat(999) + "\r\nok\r\n.\r\n")), ByteBuffer.allocate(2000)))
                .isEqualTo(Status.END_OF_DATA);
        assertThat(decoder.lineTooLong()).isTrue();
        assertThat(decoder.contentLength()).isEqualTo(999 + 2 + 4);
    }

    /** NUL bytes are content like any other (RFC 5321 leaves them to the message format). */
    @Test
    void nulBytesAreContent() {
        ByteBuffer in = ByteBuffer.wrap(bytes("\u0000.\r\n.\u0000\r\n.\r\n"));
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
        assertThat(content(out)).isEqualTo("\u0000.\r\n\u0000\r\n");
    }

    /** Direct (off-heap) buffers, as socket code often uses, take the same path and give the same bytes. */
    @Test
    void directBuffersWork() {
        byte[] data = bytes("..a\r\nline two\r\n.\r\nQUIT\r\n");
        ByteBuffer in = ByteBuffer.allocateDirect(data.length).put(data).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(100);
        assertThat(decoder.decode(in, out)).isEqualTo(Status.END_OF_DATA);
        byte[] got = new byte[out.flip().remaining()];
        out.get(got);
        assertThat(got).isEqualTo(bytes(".a\r\nline two\r\n"));
        assertThat(in.remaining()).isEqualTo(6);
    }

    @Test
    void unstuffRejectsMalformedData() {
        assertThat(DataDecoder.unstuff(bytes(".\r\n"))).isEmpty();
        assertThatThrownBy(() -> DataDecoder.unstuff(bytes("a\r\n"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminator");
        assertThatThrownBy(() -> DataDecoder.unstuff(bytes("a\n.\n"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bare");
        assertThatThrownBy(() -> DataDecoder.unstuff(bytes("a\r\n.\r\nQUIT\r\n"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after the terminator");
    }

    @Test
    void rejectsALimitWithoutRoomForCrlf() {
        assertThatThrownBy(() -> new DataDecoder(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
