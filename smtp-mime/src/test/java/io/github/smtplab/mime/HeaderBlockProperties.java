package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one header API: {@link HeaderBlock} cuts a message where RFC 5322 §2.1 cuts it (the first empty line),
 * {@link HeaderBlockBuffer} finds the same cut in a message that arrives in chunks and keeps no more than its
 * limit, {@link Cfws} skips RFC 5322 §3.2.2 comments with a bound on nesting.
 */
class HeaderBlockProperties {

    /** Messages from the test model, tricky octets, LF-only and header-less ones. */
    private static org.quicktheories.core.Gen<byte[]> messages() {
        return MessageModel.models().map(m -> m.builder().build().bytes())
                .mix(Gens.trickyBytes(400), 30)
                .mix(Gens.textBody(5).map(t -> ("Subject: x\n" + t.replace("\r\n", "\n")).getBytes(StandardCharsets.UTF_8)), 20);
    }

    /**
     * RFC 5322 §2.1: gathered in chunks of any size, the header block is the octets up to and including the first
     * empty line (CRLF or a lone LF at a line start), and the rest stays in the chunk as body.
     */
    @Test
    void chunkedGatheringFindsTheSameCut() {
        qt().withExamples(400).forAll(messages(), integers().between(1, 64)).checkAssert((message, chunk) -> {
            HeaderBlockBuffer buffer = new HeaderBlockBuffer(1 << 20);
            int taken = 0;
            for (int i = 0; i < message.length && !buffer.complete(); i += chunk) {
                ByteBuffer piece = ByteBuffer.wrap(message, i, Math.min(chunk, message.length - i));
                buffer.take(piece);
                taken = piece.position();
            }
            byte[] header = buffer.octets();
            HeaderBlock whole = HeaderBlock.read(message);
            HeaderBlock gathered = HeaderBlock.read(header);
            assertThat(gathered.headers()).isEqualTo(whole.headers());
            if (buffer.complete()) {
                assertThat(taken).isEqualTo(header.length);
                assertThat(Arrays.equals(header, Arrays.copyOf(message, header.length))).isTrue();
                assertThat(gathered.bodyStart()).isEqualTo(Math.min(whole.bodyStart(), header.length));
            } else {
                assertThat(header).isEqualTo(message);
            }
        });
    }

    /** Bounded memory: a header longer than the limit keeps only the limit and says it overflowed. */
    @Test
    void overflowKeepsOnlyTheLimit() {
        qt().withExamples(100).forAll(integers().between(1, 2000), integers().between(1, 300)).checkAssert((limit, fields) -> {
            byte[] header = "X-Field: some value\r\n".repeat(fields).getBytes(StandardCharsets.US_ASCII);
            HeaderBlockBuffer buffer = new HeaderBlockBuffer(limit);
            buffer.take(ByteBuffer.wrap(header));
            assertThat(buffer.octets().length).isLessThanOrEqualTo(limit);
            assertThat(buffer.overflowed()).isEqualTo(header.length > limit);
        });
    }

    /** The field-count limit is reported, not silently applied (a checker must know it missed fields). */
    @Test
    void limitsAreReported() {
        byte[] many = ("X-F: 1\r\n".repeat(11) + "From: a@b.example\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);
        HeaderBlock cut = HeaderBlock.read(many, 0, many.length, new ParseLimits(5, 5, 1 << 20, 10));
        assertThat(cut.headers().fields()).hasSize(10);
        assertThat(cut.limitExceeded()).hasValueSatisfying(r -> assertThat(r).startsWith("more than 10 header fields"));
        assertThat(HeaderBlock.read(many).limitExceeded()).isEmpty();
        assertThat(new String(many, HeaderBlock.read(many).bodyStart(), 4, StandardCharsets.US_ASCII)).isEqualTo("body");
    }

    /** Prepending writes each field's octets, in order, before the untouched message. */
    @Test
    void prependKeepsTheMessage() {
        byte[] message = "From: a@b.example\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = HeaderBlock.prepend(List.of(HeaderField.of("X-A", "1"), HeaderField.of("X-B", "2")), message);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("X-A: 1\r\nX-B: 2\r\nFrom: a@b.example\r\n\r\nbody\r\n");
    }

    /** RFC 5322 §3.2.2: comments nest and hold quoted-pairs; too deep or unclosed is an error, never a loop. */
    @Test
    void commentsAreSkippedWithABound() {
        assertThat(Cfws.skip(" (a (b) \\) c) x", 0, 64)).isEqualTo(new ParseResult.Ok<>(14));
        assertThat(Cfws.skip("x", 0, 64)).isEqualTo(new ParseResult.Ok<>(0));
        assertThat(Cfws.skip("(".repeat(65) + ")".repeat(65), 0, 64)).isInstanceOf(ParseResult.Failed.class);
        assertThat(Cfws.skip("(".repeat(64) + ")".repeat(64) + "x", 0, 64)).isEqualTo(new ParseResult.Ok<>(128));
        assertThat(Cfws.skip("(open", 0, 64)).isInstanceOf(ParseResult.Failed.class);
        qt().withExamples(300).forAll(Gens.trickyBytes(200)).checkAssert(b -> {
            String text = new String(b, StandardCharsets.ISO_8859_1).replace('=', '(').replace('-', ')');
            if (Cfws.skip(text, 0, 8) instanceof ParseResult.Ok<Integer> ok) {
                assertThat(ok.value()).isBetween(0, text.length());
            }
        });
    }
}
