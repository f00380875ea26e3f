package io.github.smtplab.mime;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed message: the root entity of its MIME tree, and what the parser had to repair.
 *
 * @param root the message itself (its header is the message header)
 * @param warnings deviations from the RFCs that were tolerated, in the order met (at most 100)
 */
public record ParsedMessage(MimePart root, List<String> warnings) {

    /** Copies the warning list. */
    public ParsedMessage {
        Objects.requireNonNull(root, "root");
        warnings = List.copyOf(warnings);
    }

    /** The message header (RFC 5322 §3.6). */
    public Headers headers() {
        return root.headers();
    }

    /** The Subject, RFC 2047 encoded words decoded (RFC 5322 §3.6.5). */
    public Optional<String> subject() {
        return headers().first("Subject").map(EncodedWords::decode);
    }

    /** The addresses of a field such as From, To or Cc; empty when absent or unparsable. */
    public List<Address> addresses(String fieldName) {
        return headers().all(fieldName).stream()
                .flatMap(v -> AddressParser.parseList(v).orElse(List.of()).stream())
                .toList();
    }

    /** The Date (RFC 5322 §3.6.1), if present and parsable. */
    public Optional<OffsetDateTime> date() {
        return headers().first("Date").flatMap(d -> switch (MessageDate.parse(d)) {
            case ParseResult.Ok<OffsetDateTime> ok -> Optional.of(ok.value());
            case ParseResult.Failed<OffsetDateTime> failed -> Optional.<OffsetDateTime>empty();
        });
    }

    /** The first text/plain part that is not an attachment, charset-decoded. */
    public Optional<String> text() {
        return firstText("plain");
    }

    /** The first text/html part that is not an attachment, charset-decoded. */
    public Optional<String> html() {
        return firstText("html");
    }

    private Optional<String> firstText(String subtype) {
        return root.flatten().stream()
                .filter(p -> p instanceof MimePart.Leaf && p.contentType().isText()
                        && p.contentType().subtype().equals(subtype) && !p.isAttachment())
                .map(p -> ((MimePart.Leaf) p).text())
                .findFirst();
    }

    /** Every leaf with a file name or an attachment disposition, in order. */
    public List<MimePart.Leaf> attachments() {
        return root.flatten().stream()
                .filter(p -> p instanceof MimePart.Leaf && (p.isAttachment() || p.filename().isPresent()))
                .map(p -> (MimePart.Leaf) p)
                .toList();
    }
}
