package io.github.smtplab.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity of a MIME tree (RFC 2045 §2.4): a header and a body. The body is a single decoded piece
 * ({@link Leaf}), a list of parts ({@link Multipart}, RFC 2046 §5.1) or a whole message inside
 * ({@link Encapsulated}, RFC 2046 §5.2.1). A whole message is the root entity.
 */
public sealed interface MimePart {

    /** The entity's header fields, in order, with their original octets. */
    Headers headers();

    /** The entity's Content-Type, or the RFC 2045 §5.2 / RFC 2046 §5.1.5 default. */
    ContentType contentType();

    /** The Content-Disposition (RFC 2183), if present and valid. */
    default Optional<ContentDisposition> disposition() {
        return headers().first("Content-Disposition").flatMap(ContentDisposition::parse);
    }

    /**
     * The file name: the disposition's {@code filename} (RFC 2183 §2.3), else Content-Type's {@code name}
     * (older mailers, RFC 1341), RFC 2047 encoded words decoded since many mailers put them there.
     */
    default Optional<String> filename() {
        Optional<String> name = disposition().flatMap(ContentDisposition::filename)
                .or(() -> contentType().parameter("name"));
        return name.map(EncodedWords::decode);
    }

    /** The Content-ID without its angle brackets (RFC 2045 §7), used by multipart/related (RFC 2387). */
    default Optional<String> contentId() {
        return headers().first("Content-ID").map(id -> id.replaceAll("^<|>$", ""));
    }

    /** Whether this part is meant to be saved rather than shown (RFC 2183 §2.2). */
    default boolean isAttachment() {
        return disposition().map(ContentDisposition::isAttachment).orElse(false);
    }

    /** This part and all parts below it, depth first, in order. */
    default List<MimePart> flatten() {
        List<MimePart> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(MimePart p, List<MimePart> out) {
        out.add(p);
        switch (p) {
            case Multipart m -> m.parts().forEach(child -> collect(child, out));
            case Encapsulated e -> collect(e.message(), out);
            case Leaf l -> { }
        }
    }

    /**
     * A single body, transfer-decoded (base64 and quoted-printable undone).
     *
     * @param headers the header
     * @param contentType the content type
     * @param body the decoded octets (owned by the record; {@link #body()} returns a copy)
     */
    record Leaf(Headers headers, ContentType contentType, byte[] body) implements MimePart {
        /** Checks that all parts are present. */
        public Leaf {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        /** A copy of the decoded octets. */
        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The number of decoded octets. */
        public int size() {
            return body.length;
        }

        /** The body decoded with its charset (RFC 2046 §4.1.2); meaningful for text parts. */
        public String text() {
            return new String(body, contentType.charset());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Leaf l && headers.equals(l.headers) && contentType.equals(l.contentType)
                    && Arrays.equals(body, l.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(headers, contentType, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "Leaf[" + contentType.mimeType() + ", " + body.length + " octets]";
        }
    }

    /**
     * A multipart body (RFC 2046 §5.1): parts between boundary delimiters.
     *
     * @param headers the header
     * @param contentType the content type (with its boundary)
     * @param preamble the text before the first delimiter (to be ignored, §5.1.1)
     * @param parts the body parts, in order
     * @param epilogue the text after the close delimiter (to be ignored, §5.1.1)
     */
    record Multipart(Headers headers, ContentType contentType, byte[] preamble, List<MimePart> parts, byte[] epilogue)
            implements MimePart {
        /** Copies the part list. */
        public Multipart {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(preamble, "preamble");
            Objects.requireNonNull(epilogue, "epilogue");
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return "Multipart[" + contentType.mimeType() + ", " + parts + "]";
        }
    }

    /**
     * An encapsulated message (RFC 2046 §5.2.1, {@code message/rfc822}): the body is itself a message.
     *
     * @param headers the header of the enclosing part
     * @param contentType {@code message/rfc822} (or {@code message/global})
     * @param message the message inside
     */
    record Encapsulated(Headers headers, ContentType contentType, MimePart message) implements MimePart {
        /** Checks that all parts are present. */
        public Encapsulated {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(message, "message");
        }
    }
}
