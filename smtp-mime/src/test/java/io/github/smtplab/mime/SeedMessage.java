package io.github.smtplab.mime;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** The project's seed message, built the same way in every test that needs it. */
final class SeedMessage {

    private SeedMessage() {}

    /** A tiny but well-formed PDF: enough for a reader to open, small enough to print in the docs. */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    static final String TEXT = "Bonjour Bob,\n\nLa réunion est confirmée demain à 10 h, salle Émeraude.\n"
            + "L'ordre du jour est en pièce jointe.\n\nAlice\n";

    static MessageBuilder builder() {
        return Message.builder()
                .from("Alice <alice@monentreprise.fr>")
                .to("Bob <bob@exemple.com>")
                .cc("Charlie <charlie@exemple.com>")
                .bcc("audit@monentreprise.fr")
                .subject("Réunion demain")
                .date(OffsetDateTime.of(2026, 11, 29, 16, 39, 54, 0, ZoneOffset.ofHours(1)))
                .messageId("<seed.1@monentreprise.fr>")
                .text(TEXT)
                .attach("ordre-du-jour.pdf", PDF, "application/pdf")
                .random(new SplittableRandom(42));
    }
}
