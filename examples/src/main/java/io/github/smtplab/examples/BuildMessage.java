package io.github.smtplab.examples;

import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.ParsedMessage;
import java.nio.charset.StandardCharsets;

/**
 * Builds the seed message with smtp-mime (RFC 5322 header, MIME multipart with an attachment, RFC 2047
 * encoded words for the accented subject), prints what DATA would send, then parses it back.
 */
public final class BuildMessage {

    private BuildMessage() {}

    public static void main(String[] args) {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);   // any octets will do
        ComposedMessage message = Message.builder()
                .from("Alice <alice@monentreprise.fr>")
                .to("Bob <bob@exemple.com>")
                .cc("Charlie <charlie@exemple.com>")
                .bcc("audit@monentreprise.fr")               // in the envelope only, never in the header
                .subject("Réunion demain")
                .text("Bonjour Bob,\n\nLa réunion est confirmée demain à 10 h.\n\nAlice\n")
                .attach("ordre-du-jour.pdf", pdf, "application/pdf")
                .build();
        System.out.println(new String(message.bytes(), StandardCharsets.UTF_8));
        System.out.println("MAIL FROM: " + message.envelope().sender().address());
        message.envelope().recipients().forEach(r -> System.out.println("RCPT TO: " + r.address()));   // Bcc included

        ParsedMessage parsed = Message.parse(message.bytes());
        System.out.println("subject: " + parsed.subject().orElseThrow());
        System.out.println("attachment: " + parsed.attachments().getFirst().filename().orElseThrow());
    }
}
