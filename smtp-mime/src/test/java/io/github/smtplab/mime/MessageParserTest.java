package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.generators.Generate;

/** The parser on real-world mess and hostile input: tolerant, bounded, never throwing. */
class MessageParserTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5322 §2.1 says CRLF; real files often have LF only. The same message must come out. */
    @Test
    void lfOnlyInputParsesLikeCrlf() {
        qt().withExamples(200).forAll(MessageModel.models()).checkAssert(m -> {
            byte[] crlf = m.builder().build().bytes();
            byte[] lf = new String(crlf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
            ParsedMessage a = Message.parse(crlf);
            ParsedMessage b = Message.parse(lf);
            assertThat(b.subject()).isEqualTo(a.subject());
            assertThat(b.attachments()).hasSameSizeAs(a.attachments());
            for (int i = 0; i < a.attachments().size(); i++) {
                MimePart.Leaf x = a.attachments().get(i);
                MimePart.Leaf y = b.attachments().get(i);
                assertThat(y.filename()).isEqualTo(x.filename());
                String encoding = x.headers().first("Content-Transfer-Encoding").orElse("");
                if (encoding.equals("base64")) { // the octets are protected by base64
                    assertThat(y.body()).isEqualTo(x.body());
                }
            }
            assertThat(b.text().map(t -> t.replace("\r\n", "\n"))).isEqualTo(a.text().map(t -> t.replace("\r\n", "\n")));
        });
    }

    /** RFC 2046 §5.1.1 robustness: a missing close delimiter ends the last part at the end of the input. */
    @Test
    void missingCloseDelimiter() {
        ParsedMessage p = Message.parse(bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\npreamble\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\none\r\n--b\r\n\r\ntwo\r\n"));
        MimePart.Multipart mp = (MimePart.Multipart) p.root();
        assertThat(mp.parts()).hasSize(2);
        assertThat(((MimePart.Leaf) mp.parts().get(0)).text()).isEqualTo("one");
        assertThat(((MimePart.Leaf) mp.parts().get(1)).text()).isEqualTo("two\r\n");
        assertThat(new String(mp.preamble(), StandardCharsets.US_ASCII)).isEqualTo("preamble");
        assertThat(p.warnings()).anyMatch(w -> w.contains("close delimiter missing"));
    }

    /** RFC 2046 §5.1.1: a boundary followed by other characters is not a delimiter; padding is allowed. */
    @Test
    void delimiterRecognition() {
        ParsedMessage p = Message.parse(bytes("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b  \r\n\r\n"
                + "--bx is text\r\n--b-- \r\nepilogue"));
        MimePart.Multipart mp = (MimePart.Multipart) p.root();
        assertThat(mp.parts()).hasSize(1);
        assertThat(((MimePart.Leaf) mp.parts().get(0)).text()).isEqualTo("--bx is text");
        assertThat(new String(mp.epilogue(), StandardCharsets.US_ASCII)).isEqualTo("epilogue");
    }

    /** RFC 2045 §6.8: bad base64 is decoded as far as it goes. RFC 2045 §5.2: a broken Content-Type means text/plain. */
    @Test
    void badBase64AndBadContentType() {
        ParsedMessage p = Message.parse(bytes("Content-Type: ???\r\nContent-Transfer-Encoding: BASE64\r\n\r\nSGVs*bG8h\r\n!!!"));
        MimePart.Leaf leaf = (MimePart.Leaf) p.root();
        assertThat(leaf.contentType()).isEqualTo(ContentType.DEFAULT);
        assertThat(leaf.text()).isEqualTo("Hello!");
    }

    @Test
    void headerOddities() {
        ParsedMessage p = Message.parse(bytes("From nobody Mon Jan  1 00:00:00 2024\nSubject : obsolete space\n"
                + "not a header line\nX-Folded: a\n\tb\nTo: bob@exemple.com\n\nbody"));
        assertThat(p.subject()).contains("obsolete space");
        assertThat(p.headers().first("X-Folded")).contains("a\tb");
        assertThat(p.addresses("To")).containsExactly(new Mailbox("", "bob", "exemple.com"));
        assertThat(((MimePart.Leaf) p.root()).text()).isEqualTo("body");
        // original octets kept for DKIM
        assertThat(new String(p.headers().field("X-Folded").orElseThrow().raw(), StandardCharsets.US_ASCII)).isEqualTo("X-Folded: a\n\tb\n");
        // a first line that is not a header: all body
        ParsedMessage q = Message.parse(bytes("just text\nSubject: no\n"));
        assertThat(q.headers().fields()).isEmpty();
    }

    /** Limits: nesting 100 000 deep stops at maxDepth, without stack overflow. */
    @Test
    @Timeout(20)
    void deepNestingIsBounded() {
        StringBuilder s = new StringBuilder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            s.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        ParsedMessage p = Message.parse(bytes(s.toString()));
        int depth = 0;
        MimePart cur = p.root();
        while (cur instanceof MimePart.Multipart mp && !mp.parts().isEmpty()) {
            cur = mp.parts().get(0);
            depth++;
        }
        assertThat(depth).isLessThan(ParseLimits.DEFAULT_MAX_DEPTH);
        assertThat(p.warnings()).anyMatch(w -> w.contains("nesting"));
        // message/rfc822 nesting too
        String msg = "Content-Type: message/rfc822\n\n".repeat(n) + "hi";
        assertThat(Message.parse(bytes(msg)).warnings()).anyMatch(w -> w.contains("nesting"));
    }

    /** Limits: encoded message/rfc822 parts are decoded into copies at most MAX_ENCODED_MESSAGE_NESTING deep. */
    @Test
    void encodedMessageNestingIsBounded() {
        byte[] message = bytes("Subject: inner\r\n\r\nhi");
        for (int i = 0; i < 10; i++) {
            byte[] body = QuotedPrintableCodec.encodeToBytes(message, QuotedPrintableMode.TEXT);
            message = (new String(bytes("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"),
                    StandardCharsets.ISO_8859_1) + new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        }
        ParsedMessage p = Message.parse(message);
        int levels = 0;
        for (MimePart cur = p.root(); cur instanceof MimePart.Encapsulated e; cur = e.message()) {
            levels++;
        }
        assertThat(levels).isEqualTo(MessageParser.MAX_ENCODED_MESSAGE_NESTING);
        assertThat(p.warnings()).anyMatch(w -> w.contains("encoded message/rfc822"));
    }

    /** Limits: 200 000 parts are cut at maxParts; a 2 MiB header is skipped past maxHeaderBytes. */
    @Test
    @Timeout(30)
    void partCountAndHeaderSizeAreBounded() {
        String many = "Content-Type: multipart/mixed; boundary=x\n\n" + "--x\n\n".repeat(200_000) + "--x--\n";
        ParseLimits limits = new ParseLimits(10, 1000, 4096, 50);
        ParsedMessage p = MessageParser.parse(bytes(many), limits);
        assertThat(p.root().flatten()).hasSizeLessThanOrEqualTo(1000);
        assertThat(p.warnings()).anyMatch(w -> w.contains("parts"));

        String bigHeader = "X-Big: " + "a".repeat(2 << 20) + "\nSubject: after\n\nbody";
        ParsedMessage q = MessageParser.parse(bytes(bigHeader), limits);
        assertThat(q.headers().fields()).isEmpty();
        assertThat(((MimePart.Leaf) q.root()).text()).isEqualTo("body");

        String manyFields = "X: y\n".repeat(10_000) + "\nbody";
        assertThat(MessageParser.parse(bytes(manyFields), limits).headers().fields()).hasSize(50);
    }

    /** Hostile input: random octets, and built messages with random damage, never make the parser throw. */
    @Test
    void neverThrows() {
        qt().withExamples(2000).forAll(Generate.oneOf(Gens.bytes(2000), Gens.trickyBytes(2000)))
                .checkAssert(junk -> assertThat(MessageParser.parse(junk)).isNotNull());
        qt().withExamples(300).forAll(MessageModel.models(), Generate.longRange(0, Long.MAX_VALUE)).checkAssert((m, seed) -> {
            byte[] b = m.builder().build().bytes();
            SplittableRandom r = new SplittableRandom(seed);
            for (int k = 0; k < 1 + r.nextInt(20); k++) {
                int i = r.nextInt(b.length);
                b[i] = (byte) "\r\n-=:;\"\\ ?<>(x".charAt(r.nextInt(14));
            }
            int cut = r.nextInt(b.length + 1);
            assertThat(MessageParser.parse(java.util.Arrays.copyOf(b, cut))).isNotNull();
        });
    }
}
