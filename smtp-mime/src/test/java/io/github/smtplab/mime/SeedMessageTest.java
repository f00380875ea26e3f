package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The seed message: built, then parsed back (the example of docs/smtp-mime.md). */
class SeedMessageTest {

    @Test
    void seedMessageRoundTrips() {
        ComposedMessage built = SeedMessage.builder().build();
        String wire = built.asString();
        // RFC 5322 §3.6.3: Bcc is in the envelope only
        assertThat(wire).doesNotContainIgnoringCase("bcc").doesNotContain("audit@");
        assertThat(built.envelope().recipients()).extracting(Mailbox::address)
                .containsExactly("bob@exemple.com", "charlie@exemple.com", "audit@monentreprise.fr");
        assertThat(built.envelope().sender().address()).isEqualTo("alice@monentreprise.fr");
        // 7-bit clean (no 8BITMIME asked)
        for (byte b : built.bytes()) {
            assertThat(b & 0xff).isLessThan(128);
        }
        assertThat(wire).contains("Subject: =?UTF-8?Q?R=C3=A9union?= demain\r\n");

        ParsedMessage parsed = Message.parse(built.bytes());
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.subject()).contains("Réunion demain");
        assertThat(parsed.text()).contains(MessageBuilder.canonicalLineEnds(SeedMessage.TEXT));
        assertThat(parsed.attachments()).hasSize(1);
        MimePart.Leaf pdf = parsed.attachments().get(0);
        assertThat(pdf.filename()).contains("ordre-du-jour.pdf");
        assertThat(pdf.contentType().mimeType()).isEqualTo("application/pdf");
        assertThat(pdf.body()).isEqualTo(SeedMessage.PDF);
        assertThat(parsed.addresses("To")).containsExactly(new Mailbox("Bob", "bob", "exemple.com"));
        assertThat(new String(built.bytes(), StandardCharsets.US_ASCII)).contains("MIME-Version: 1.0\r\n");
    }
}
