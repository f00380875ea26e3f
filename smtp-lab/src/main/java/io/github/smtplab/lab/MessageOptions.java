package io.github.smtplab.lab;

import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.MessageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags that describe a message, shared by {@code compose} and {@code send} so that both build it
 * the same way, with smtp-mime's builder.
 */
final class MessageOptions {

    @Option(names = "--from", required = true, description = "The sender, e.g. alice@monentreprise.fr or 'Alice <alice@monentreprise.fr>'.")
    String from;

    @Option(names = "--to", description = "A recipient shown in To:; repeat for several.")
    List<String> to = new ArrayList<>();

    @Option(names = "--cc", description = "A recipient shown in Cc:.")
    List<String> cc = new ArrayList<>();

    @Option(names = "--bcc", description = "A recipient in the envelope only, never in the header (RFC 5322 §3.6.3).")
    List<String> bcc = new ArrayList<>();

    @Option(names = "--subject", defaultValue = "", description = "The Subject: (non-ASCII is encoded per RFC 2047).")
    String subject;

    @Option(names = "--text", description = "The plain-text body.")
    String text;

    @Option(names = "--body-file", description = "A file holding the plain-text body (UTF-8).")
    Path bodyFile;

    @Option(names = "--html", description = "An HTML body; with --text the message is multipart/alternative.")
    String html;

    @Option(names = "--attach", description = "A file to attach (its type guessed from the name); repeat for several.")
    List<Path> attachments = new ArrayList<>();

    /** True when some recipient is given. */
    boolean hasRecipients() {
        return !(to.isEmpty() && cc.isEmpty() && bcc.isEmpty());
    }

    /** True when there is something to put in the body. */
    boolean hasBody() {
        return text != null || bodyFile != null || html != null;
    }

    /** Builds the message: the bytes to send and the envelope (Bcc included). */
    ComposedMessage build(boolean eightBitAllowed) throws IOException {
        MessageBuilder builder = Message.builder().from(from).subject(subject).eightBitMime(eightBitAllowed);
        to.forEach(builder::to);
        cc.forEach(builder::cc);
        bcc.forEach(builder::bcc);
        if (text != null) {
            builder.text(text);
        } else if (bodyFile != null) {
            builder.text(Files.readString(bodyFile, StandardCharsets.UTF_8));
        }
        if (html != null) {
            builder.html(html);
        }
        for (Path file : attachments) {
            builder.attach(file, mediaType(file));
        }
        return builder.build();
    }

    /** A media type from the file name, or application/octet-stream (RFC 2046 §4.5.1) when unknown. */
    static String mediaType(Path file) throws IOException {
        String probed = Files.probeContentType(file);
        if (probed != null) {
            return probed;
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (name.endsWith(".txt")) {
            return "text/plain";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }
}
