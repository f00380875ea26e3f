package io.github.smtplab.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.mime.MessageParser;
import io.github.smtplab.mime.MimePart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
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

    /**
     * RFC 6522 §3: the report is a multipart/report with report-type=delivery-status and three parts; its
     * Content-Type field is folded by smtp-mime (lines of at most 78 characters, RFC 5322 §2.1.1) and a MIME
     * parser still finds the boundary.
     */
    @Test
    void theReportIsAThreePartMultipartReportWithAFoldedContentType() {
        for (int seed = 0; seed < 20; seed++) {
            byte[] bounce = Bounce.build("mx.monentreprise.fr", new Mailbox("alice", "monentreprise.fr"), Instant.EPOCH,
                    List.of(new Bounce.Failure(new Mailbox("bob", "exemple.com"), "5.1.1", "550 5.1.1 no such user")),
                    "Subject: R\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), Instant.EPOCH, new Random(seed));
            String text = new String(bounce, StandardCharsets.US_ASCII);
            String header = text.substring(0, text.indexOf("\r\n\r\n"));
            assertThat(header.split("\r\n")).allMatch(line -> line.length() <= 78);
            MimePart root = MessageParser.parse(bounce).root();
            assertThat(root).isInstanceOf(MimePart.Multipart.class);
            MimePart.Multipart report = (MimePart.Multipart) root;
            assertThat(report.contentType().subtype()).isEqualTo("report");
            assertThat(report.contentType().parameter("report-type")).contains("delivery-status");
            assertThat(report.parts()).hasSize(3);
        }
    }
}
