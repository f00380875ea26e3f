package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EightBitDowngradeTest {

    private static void assertSevenBit(byte[] b) {
        for (byte x : b) {
            assertThat(x).isGreaterThanOrEqualTo((byte) 0);
        }
    }

    private static List<String> leafContents(ParsedMessage p) {
        return p.root().flatten().stream().filter(x -> x instanceof MimePart.Leaf)
                .map(x -> x.contentType().mimeType() + ":" + x.filename().orElse("") + ":"
                        + java.util.Base64.getEncoder().encodeToString(((MimePart.Leaf) x).body()))
                .toList();
    }

    /**
     * RFC 6152 §3 / RFC 2045 §6: a message built with 8BITMIME allowed becomes 7-bit, and a parser reads
     * the same tree and decoded contents from it as from the original.
     */
    @Test
    void downgradeKeepsContentAndRemoves8Bit() {
        qt().withExamples(300).forAll(MessageModel.models()).checkAssert(m -> {
            MessageModel eight = new MessageModel(m.subject(), m.text(), m.html(), m.attachments(), m.inlines(), true, m.seed());
            byte[] original = eight.builder().build().bytes();
            byte[] downgraded = EightBitDowngrade.toSevenBit(original);
            assertSevenBit(downgraded);
            assertThat(EightBitDowngrade.needsDowngrade(downgraded)).isFalse();
            ParsedMessage a = Message.parse(original);
            ParsedMessage b = Message.parse(downgraded);
            assertThat(b.warnings()).isEmpty();
            assertThat(leafContents(b)).isEqualTo(leafContents(a));
            if (!EightBitDowngrade.needsDowngrade(original)) {
                assertThat(downgraded).isEqualTo(original); // nothing to do: octet for octet
            }
        });
    }

    /** RFC 2046 §5.2.1: a message/rfc822 part is not encoded itself; its 8bit body parts are. */
    @Test
    void walksIntoEncapsulatedMessages() {
        String inner = "Subject: inside\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nDéjà vu\r\n";
        String outer = "Subject: outside\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
                + "--x\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--x\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n\u00ff\u0000\u0001\r\n--x--\r\n";
        byte[] original = outer.getBytes(StandardCharsets.UTF_8);
        byte[] downgraded = EightBitDowngrade.toSevenBit(original);
        assertSevenBit(downgraded);
        String text = new String(downgraded, StandardCharsets.US_ASCII);
        assertThat(text).contains("Content-Type: message/rfc822\r\n\r\nSubject: inside")
                .contains("Content-Transfer-Encoding: quoted-printable\r\n\r\nD=C3=A9j=C3=A0 vu")
                .contains("Content-Transfer-Encoding: base64").doesNotContain("8bit").doesNotContain("binary");
        assertThat(leafContents(Message.parse(downgraded))).isEqualTo(leafContents(Message.parse(original)));
    }

    @Test
    void neverThrowsOnJunk() {
        qt().withExamples(1000).forAll(Gens.trickyBytes(1000)).checkAssert(junk ->
                assertThat(EightBitDowngrade.toSevenBit(junk)).isNotNull());
    }
}
