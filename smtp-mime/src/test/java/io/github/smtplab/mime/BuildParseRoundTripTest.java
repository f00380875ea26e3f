package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** parse(build(m)) gives back m: structure, decoded headers, decoded bodies, attachment octets. */
class BuildParseRoundTripTest {

    static final int EXAMPLES = 400;

    /**
     * RFC 2045/2046/2047/2231/5322 together: what the builder writes, the parser reads back the same —
     * root structure (RFC 2046 §5.1.3, §5.1.4, RFC 2387), subject (RFC 2047), text and HTML bodies
     * (charset and transfer encoding undone), attachments with their file names (RFC 2231) and octets.
     */
    @Test
    void parseInvertsBuild() {
        qt().withExamples(EXAMPLES).forAll(MessageModel.models()).checkAssert(m -> {
            ComposedMessage built = m.builder().build();
            ParsedMessage parsed = Message.parse(built.bytes());
            assertThat(parsed.warnings()).isEmpty();
            assertThat(parsed.root().contentType().mimeType()).isEqualTo(m.expectedRootType());
            assertThat(parsed.subject()).contains(m.subject());
            assertThat(parsed.text().orElse(null)).isEqualTo(m.text() == null
                    ? (m.html() == null ? "" : null) : MessageBuilder.canonicalLineEnds(m.text()));
            assertThat(parsed.html().orElse(null)).isEqualTo(m.html() == null ? null : MessageBuilder.canonicalLineEnds(m.html()));
            List<MimePart.Leaf> attachments = parsed.attachments();
            assertThat(attachments).hasSize(m.attachments().size());
            for (int i = 0; i < attachments.size(); i++) {
                MessageModel.Attachment want = m.attachments().get(i);
                assertThat(attachments.get(i).filename()).contains(want.name());
                assertThat(attachments.get(i).body()).isEqualTo(want.content());
                assertThat(attachments.get(i).contentType()).isEqualTo(ContentType.parse(want.mimeType()));
            }
            List<MimePart> inlines = parsed.root().flatten().stream().filter(p -> p.contentId().isPresent()).toList();
            assertThat(inlines).hasSize(m.inlines().size());
            for (int i = 0; i < inlines.size(); i++) {
                assertThat(inlines.get(i).contentId()).contains(m.inlines().get(i).name());
                assertThat(((MimePart.Leaf) inlines.get(i)).body()).isEqualTo(m.inlines().get(i).content());
            }
        });
    }

    /**
     * RFC 5322 §2.1.1 and RFC 2045 §2.7/§2.8: no line is longer than 998 octets; without 8BITMIME every octet
     * is 7-bit (RFC 6152); lines end in CRLF only (no bare CR or LF, RFC 5322 §2.3).
     */
    @Test
    void outputIsValidWireFormat() {
        qt().withExamples(EXAMPLES).forAll(MessageModel.models()).checkAssert(m -> {
            ComposedMessage built = m.builder().build();
            byte[] b = built.bytes();
            int line = 0;
            boolean anyHigh = false;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    assertThat(i > 0 && b[i - 1] == '\r').as("bare LF").isTrue();
                    line = 0;
                } else if (b[i] == '\r') {
                    assertThat(i + 1 < b.length && b[i + 1] == '\n').as("bare CR").isTrue();
                } else {
                    assertThat(++line).isLessThanOrEqualTo(LineLimits.MAX_LINE_LENGTH);
                    anyHigh |= b[i] < 0;
                }
            }
            if (!m.eightBit()) {
                assertThat(anyHigh).isFalse();
            }
            assertThat(built.eightBit()).isEqualTo(anyHigh);
        });
    }

    /** RFC 2046 §5.1.1: each boundary appears only as the delimiter lines of its multipart, never inside a part. */
    @Test
    void boundariesNeverOccurInContent() {
        qt().withExamples(EXAMPLES).forAll(MessageModel.models()).checkAssert(m -> {
            byte[] bytes = m.builder().build().bytes();
            String wire = new String(bytes, StandardCharsets.ISO_8859_1);
            for (MimePart p : Message.parse(bytes).root().flatten()) {
                if (p instanceof MimePart.Multipart mp) {
                    String boundary = mp.contentType().boundary().orElseThrow();
                    int occurrences = wire.split(java.util.regex.Pattern.quote("--" + boundary), -1).length - 1;
                    assertThat(occurrences).isEqualTo(mp.parts().size() + 1);
                }
            }
        });
    }

    /** RFC 5322 §3.6.3: Bcc recipients are in the envelope and nowhere in the transmitted message. */
    @Test
    void bccIsInTheEnvelopeOnly() {
        qt().withExamples(100).forAll(MessageModel.models()).checkAssert(m -> {
            ComposedMessage built = m.builder().build();
            assertThat(built.envelope().recipients()).extracting(Mailbox::address).contains("audit@monentreprise.fr");
            ParsedMessage parsed = Message.parse(built.bytes());
            assertThat(parsed.headers().field("Bcc")).isEmpty();
            assertThat(parsed.headers().toBytes()).asString(StandardCharsets.ISO_8859_1).doesNotContain("audit@");
        });
    }

    /** RFC 2046 §5.1.1 "check, don't hope": a candidate boundary found in the content is rejected. */
    @Test
    void aBoundaryPresentInTheContentIsNotChosen() {
        String first = Boundaries.random(new SplittableRandom(7));
        byte[] trap = ("text\r\n--" + first + "\r\nmore").getBytes(StandardCharsets.US_ASCII);
        String chosen = Boundaries.choose(List.of(trap), new SplittableRandom(7));
        assertThat(chosen).isNotEqualTo(first);
        assertThat(Boundaries.occursInNone(chosen, List.of(trap))).isTrue();
        assertThat(Boundaries.occursInNone(first, List.of(trap))).isFalse();
    }

    /** The transfer encoding chosen follows RFC 2045 §6 / RFC 2049 §3 as documented in TransferEncoding.choose. */
    @Test
    void transferEncodingChoice() {
        byte[] shortAscii = "Hello\r\nBob\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] french = "La réunion est confirmée demain à 10 h.\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] longLine = "x".repeat(200).getBytes(StandardCharsets.US_ASCII);
        byte[] binary = new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13};
        assertThat(TransferEncoding.choose(shortAscii, true, false)).isEqualTo(TransferEncoding.SEVEN_BIT);
        assertThat(TransferEncoding.choose(french, true, false)).isEqualTo(TransferEncoding.QUOTED_PRINTABLE);
        assertThat(TransferEncoding.choose(french, true, true)).isEqualTo(TransferEncoding.EIGHT_BIT);
        assertThat(TransferEncoding.choose(longLine, true, false)).isEqualTo(TransferEncoding.QUOTED_PRINTABLE);
        assertThat(TransferEncoding.choose(binary, false, true)).isEqualTo(TransferEncoding.BASE64);
        assertThat(TransferEncoding.choose("日本語のテキスト".getBytes(StandardCharsets.UTF_8), true, false))
                .isEqualTo(TransferEncoding.BASE64);
    }
}
