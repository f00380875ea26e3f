package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {

    private static MessageBuilder base() {
        return Message.builder().from("Zoë Martin <zoe@exemple.com>").to("bob@exemple.com").random(new SplittableRandom(1));
    }

    /** RFC 2046 §5.1.4 and RFC 2387: text + HTML + inline image → alternative(text, related(html, image)). */
    @Test
    void alternativeWithRelatedHtml() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        ComposedMessage m = base().subject("Hi").text("plain").html("<img src=\"cid:logo@exemple.com\">")
                .inline(png, "image/png", "logo@exemple.com").build();
        MimePart root = Message.parse(m.bytes()).root();
        assertThat(root.contentType().mimeType()).isEqualTo("multipart/alternative");
        MimePart.Multipart alt = (MimePart.Multipart) root;
        assertThat(alt.parts().get(0).contentType().mimeType()).isEqualTo("text/plain");
        MimePart.Multipart related = (MimePart.Multipart) alt.parts().get(1);
        assertThat(related.contentType().mimeType()).isEqualTo("multipart/related");
        assertThat(related.contentType().parameter("type")).contains("text/html");
        assertThat(related.parts().get(1).contentId()).contains("logo@exemple.com");
        assertThat(((MimePart.Leaf) related.parts().get(1)).body()).isEqualTo(png);
        assertThat(related.parts().get(1).disposition().map(ContentDisposition::type)).contains("inline");
    }

    /** RFC 2047 §5 (3) display names; RFC 5322 §3.6.2 Sender and Reply-To; extra fields kept in order. */
    @Test
    void headerFields() {
        ComposedMessage m = base().sender("secretariat@exemple.com").replyTo("Équipe <equipe@exemple.com>")
                .header("Received", "from a.example by b.example; Sun, 29 Nov 2026 16:39:54 +0100")
                .header("X-Note", "déjà vu").subject("x").text("t").build();
        String wire = m.asString();
        assertThat(wire).contains("From: =?UTF-8?Q?Zo=C3=AB_Martin?= <zoe@exemple.com>\r\n")
                .contains("Sender: secretariat@exemple.com\r\n")
                .contains("Received: from a.example by b.example; Sun, 29 Nov 2026 16:39:54 +0100\r\n");
        assertThat(m.envelope().sender().address()).isEqualTo("secretariat@exemple.com");
        ParsedMessage p = Message.parse(m.bytes());
        assertThat(p.addresses("From")).containsExactly(new Mailbox("Zoë Martin", "zoe", "exemple.com"));
        assertThat(p.addresses("Reply-To")).containsExactly(new Mailbox("Équipe", "equipe", "exemple.com"));
        assertThat(p.headers().first("X-Note").map(EncodedWords::decode)).contains("déjà vu");
        assertThat(p.headers().first("Message-ID")).hasValueSatisfying(id -> assertThat(id).matches("<[0-9a-z.]+@exemple\\.com>"));
        assertThat(p.date()).isPresent();
    }

    /** RFC 5322 §3.6.3: with Bcc only, the header has no recipient field; groups are expanded for the envelope. */
    @Test
    void bccOnlyAndGroups() {
        ComposedMessage m = Message.builder().from("a@x.example").to("undisclosed-recipients:;")
                .bcc("b@y.example, Team: c@z.example, d@z.example;").text("t").build();
        assertThat(m.asString()).contains("To: undisclosed-recipients:;\r\n").doesNotContain("b@y.example");
        assertThat(m.envelope().recipients()).extracting(Mailbox::address)
                .containsExactly("b@y.example", "c@z.example", "d@z.example");
    }

    /** RFC 6152: 8bit only when allowed, and then flagged for BODY=8BITMIME. */
    @Test
    void eightBitOnlyWhenAllowed() {
        String french = "La réunion est confirmée demain.";
        ComposedMessage seven = base().text(french).build();
        ComposedMessage eight = base().text(french).eightBitMime(true).build();
        assertThat(seven.eightBit()).isFalse();
        assertThat(seven.asString()).contains("Content-Transfer-Encoding: quoted-printable");
        assertThat(eight.eightBit()).isTrue();
        assertThat(eight.asString()).contains("Content-Transfer-Encoding: 8bit\r\n\r\n" + french);
        assertThat(Message.parse(eight.bytes()).text()).contains(french);
        assertThat(new String(EightBitDowngrade.toSevenBit(eight.bytes()), StandardCharsets.US_ASCII))
                .contains("La r=C3=A9union est confirm=C3=A9e demain.");
    }

    @Test
    void applicationErrorsAreReportedAtTheCall() {
        assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().from("not an address"));
        assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().to("<broken"));
        assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().subject("two\r\nlines"));
        assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().header("Bcc", "x@y.z"));
        assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().header("Bad Name", "v"));
        assertThatIllegalArgumentException().isThrownBy(() -> Message.builder().attach("f", new byte[0], "nonsense"));
        assertThatIllegalStateException().isThrownBy(() -> Message.builder().to("a@b.c").build());
        assertThatIllegalStateException().isThrownBy(() -> Message.builder().from("a@b.c").build());
    }
}
