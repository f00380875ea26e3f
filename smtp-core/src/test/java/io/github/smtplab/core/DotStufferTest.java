package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Worked examples of {@link DotStuffer}, one RFC 5321 rule each. */
class DotStufferTest {

    private static String stuff(String content) {
        return new String(DotStuffer.stuff(bytes(content)), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** §4.5.2: a line starting with "." gets one more. */
    @Test
    void doublesALeadingDot() {
        assertThat(stuff(".\r\n..\r\na.b\r\n.x\r\n")).isEqualTo("..\r\n...\r\na.b\r\n..x\r\n.\r\n");
    }

    /** §4.1.1.4: empty content is just the terminator line; missing final CRLF is added. */
    @Test
    void endsWithTheTerminator() {
        assertThat(stuff("")).isEqualTo(".\r\n");
        assertThat(stuff("no newline")).isEqualTo("no newline\r\n.\r\n");
        assertThat(stuff("line\r\n")).isEqualTo("line\r\n.\r\n");
    }

    /** §2.3.8: bare LF and bare CR become CRLF (the smuggling look-alikes turn into harmless lines). */
    @Test
    void normalisesBareLineEndings() {
        assertThat(stuff("a\nb\rc\r\r\nd")).isEqualTo("a\r\nb\r\nc\r\n\r\nd\r\n.\r\n");
        assertThat(stuff("x\n.\n")).isEqualTo("x\r\n..\r\n.\r\n");
        assertThat(stuff("x\r")).isEqualTo("x\r\n.\r\n");
    }

    /** A CR at the end of a chunk is held until the next chunk shows whether an LF follows. */
    @Test
    void holdsACrAcrossChunks() {
        DotStuffer stuffer = new DotStuffer();
        ByteBuffer out = ByteBuffer.allocate(64);
        stuffer.encode(ByteBuffer.wrap(bytes("a\r")), out);
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(bytes("a"));
        stuffer.encode(ByteBuffer.wrap(bytes("\n.b")), out);
        assertThat(stuffer.finish(out)).isTrue();
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(bytes("a\r\n..b\r\n.\r\n"));
    }

    /** finish() writes all or nothing, and may be retried with more room. */
    @Test
    void finishWritesAllOrNothing() {
        DotStuffer stuffer = new DotStuffer();
        ByteBuffer small = ByteBuffer.allocate(4);
        stuffer.encode(ByteBuffer.wrap(bytes("abc")), small);
        small.clear();
        assertThat(stuffer.finish(ByteBuffer.allocate(4))).isFalse();
        ByteBuffer roomy = ByteBuffer.allocate(5);
        assertThat(stuffer.finish(roomy)).isTrue();
        assertThat(roomy.array()).isEqualTo(bytes("\r\n.\r\n"));
        assertThat(stuffer.finish(roomy)).isTrue();
        assertThatThrownBy(() -> stuffer.encode(ByteBuffer.wrap(bytes("x")), ByteBuffer.allocate(4)))
                .isInstanceOf(IllegalStateException.class);
    }

    /** A one-byte output buffer still makes progress: the second byte of ".." or CRLF is owed. */
    @Test
    void oneByteOutputMakesProgress() {
        DotStuffer stuffer = new DotStuffer();
        ByteBuffer in = ByteBuffer.wrap(bytes(".a\nb"));
        ByteBuffer out = ByteBuffer.allocate(1);
        StringBuilder sent = new StringBuilder();
        for (int calls = 0; in.hasRemaining(); calls++) {
            assertThat(calls).as("progress on every call").isLessThan(20);
            stuffer.encode(in, out);
            assertThat(out.position()).as("one byte written per call").isEqualTo(1);
            sent.append((char) out.get(0));
            out.clear();
        }
        ByteBuffer rest = ByteBuffer.allocate(8);
        assertThat(stuffer.finish(rest)).isTrue();
        sent.append(new String(Arrays.copyOf(rest.array(), rest.position()), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(sent.toString()).isEqualTo("..a\r\nb\r\n.\r\n");
    }

    /** Direct buffers give the same bytes as heap ones. */
    @Test
    void directBuffersWork() {
        byte[] content = bytes(".line\nnext\r\n");
        ByteBuffer in = ByteBuffer.allocateDirect(content.length).put(content).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(64);
        DotStuffer stuffer = new DotStuffer();
        stuffer.encode(in, out);
        assertThat(stuffer.finish(out)).isTrue();
        byte[] sent = new byte[out.flip().remaining()];
        out.get(sent);
        assertThat(sent).isEqualTo(DotStuffer.stuff(content));
    }
}
