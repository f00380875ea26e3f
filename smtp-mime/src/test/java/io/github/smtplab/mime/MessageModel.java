package io.github.smtplab.mime;

import java.util.List;
import java.util.SplittableRandom;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * A generated message description: what the builder is asked to write and the parser must give back.
 *
 * @param subject a one-line subject (no leading or trailing white space: RFC 5322 §3.2.2 makes it insignificant)
 * @param text the plain body or null
 * @param html the HTML body or null
 * @param attachments the attachments, in order
 * @param inlines inline parts for multipart/related (used only with an HTML body)
 * @param eightBit whether 8BITMIME is allowed
 * @param seed the seed for boundaries
 */
record MessageModel(String subject, String text, String html, List<Attachment> attachments, List<Attachment> inlines,
        boolean eightBit, long seed) {

    /** One attachment (or inline part when {@code name} is used as Content-ID). */
    record Attachment(String name, byte[] content, String mimeType) {}

    static Gen<MessageModel> models() {
        Gen<String> subject = Gens.headerText(100).map(String::strip);
        Gen<String> body = Generate.oneOf(Generate.constant((String) null), Gens.textBody(12));
        Gen<byte[]> content = Generate.oneOf(Gens.bytes(3000), Gens.trickyBytes(500),
                Gens.textBody(8).map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Gen<String> mime = Generate.pick(List.of("application/pdf", "application/octet-stream", "image/png",
                "text/plain", "text/csv; charset=utf-8"));
        Gen<String> filename = Gens.headerText(60).map(s -> s.isBlank() ? "file" : s.strip());
        Gen<Attachment> attachment = filename.zip(content, mime, Attachment::new);
        Gen<String> cid = SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12).map(s -> s + "@exemple.com");
        Gen<Attachment> inline = cid.zip(Gens.bytes(2000), Generate.constant("image/png"), Attachment::new);
        Gen<List<Attachment>> attachments = SourceDSL.lists().of(attachment).ofSizeBetween(0, 3);
        Gen<List<Attachment>> inlines = SourceDSL.lists().of(inline).ofSizeBetween(0, 2);
        Gen<Object[]> parts = subject.zip(body, body, attachments, (s, t, h, a) -> new Object[] {s, t, h, a});
        @SuppressWarnings("unchecked")
        Gen<MessageModel> models = parts.zip(inlines, Generate.booleans(), Generate.longRange(0, Long.MAX_VALUE),
                (p, i, e, seed) -> new MessageModel((String) p[0], (String) p[1], (String) p[2],
                        (List<Attachment>) p[3], p[2] == null ? List.of() : i, e, seed));
        return models;
    }

    MessageBuilder builder() {
        MessageBuilder b = Message.builder()
                .from("Alice <alice@monentreprise.fr>")
                .to("Bob <bob@exemple.com>")
                .cc("Charlie <charlie@exemple.com>")
                .bcc("audit@monentreprise.fr")
                .subject(subject)
                .eightBitMime(eightBit)
                .random(new SplittableRandom(seed));
        if (text != null) {
            b.text(text);
        }
        if (html != null) {
            b.html(html);
        }
        for (Attachment a : inlines) {
            b.inline(a.content(), a.mimeType(), a.name());
        }
        for (Attachment a : attachments) {
            b.attach(a.name(), a.content(), a.mimeType());
        }
        return b;
    }

    /** The Content-Type the root entity must have. */
    String expectedRootType() {
        if (!attachments.isEmpty()) {
            return "multipart/mixed";
        }
        if (text != null && html != null) {
            return "multipart/alternative";
        }
        if (html != null) {
            return inlines.isEmpty() ? "text/html" : "multipart/related";
        }
        return "text/plain";
    }
}
