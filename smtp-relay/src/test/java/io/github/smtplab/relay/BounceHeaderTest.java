package io.github.smtplab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 3464 §2 / RFC 6522: a bounce returns the original header block (text/rfc822-headers), never the body. */
class BounceHeaderTest {

    private static String headerOf(String message) {
        return new String(Bounce.headerOf(message.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theFieldsUpToTheEmptyLineWithoutTheBody() {
        assertThat(headerOf("From: alice@monentreprise.fr\r\nSubject: R\r\n\r\nsecret body\r\n"))
                .as("RFC 5322 section 2.1: the header ends at the first empty line")
                .isEqualTo("From: alice@monentreprise.fr\r\nSubject: R\r\n");
    }

    @Test
    void aMessageWithoutBodyIsAllHeader() {
        assertThat(headerOf("From: alice@monentreprise.fr\r\n")).isEqualTo("From: alice@monentreprise.fr\r\n");
    }

    @Test
    void aFoldedFieldStaysWhole() {
        assertThat(headerOf("Subject: a\r\n long one\r\nTo: bob@exemple.com\r\n\r\nbody"))
                .isEqualTo("Subject: a\r\n long one\r\nTo: bob@exemple.com\r\n");
    }
}
