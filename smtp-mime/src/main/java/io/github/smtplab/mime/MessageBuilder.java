package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.AddressChars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Composes a message (RFC 5322) with MIME structure (RFC 2045, 2046): a fluent builder whose
 * {@link #build()} returns the octets and the SMTP envelope.
 *
 * <p>Structure, from the inside out: the text ({@code text/plain}) and HTML ({@code text/html}) bodies
 * become a {@code multipart/alternative} when both are given (RFC 2046 §5.1.4: plainest first); inline
 * parts (images referenced by {@code cid:}) wrap the HTML in {@code multipart/related} (RFC 2387);
 * attachments wrap everything in {@code multipart/mixed} (RFC 2046 §5.1.3).
 *
 * <p>Header text that is not ASCII becomes RFC 2047 encoded words; file names that are not ASCII use
 * RFC 2231; each body gets the transfer encoding {@link TransferEncoding#choose} picks; the output is
 * 7-bit unless {@link #eightBitMime(boolean)} allows 8bit. Bcc recipients go to the envelope only
 * (RFC 5322 §3.6.3).
 *
 * <p>Invalid application input (a malformed address, a CR in a subject) throws
 * {@link IllegalArgumentException} at the call that received it.
 */
public final class MessageBuilder {

    private Mailbox from;
    private Mailbox sender;
    private final List<Address> to = new ArrayList<>();
    private final List<Address> cc = new ArrayList<>();
    private final List<Address> bcc = new ArrayList<>();
    private final List<Address> replyTo = new ArrayList<>();
    private String subject;
    private OffsetDateTime date;
    private String messageId;
    private final List<String[]> extraFields = new ArrayList<>();
    private String text;
    private String html;
    private final List<Attachment> inlines = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private boolean eightBitMime;
    private RandomGenerator random = new SecureRandom();

    /** One non-text body part. */
    private record Attachment(String filename, byte[] content, ContentType type, String contentId) {}

    MessageBuilder() {}

    /** The author (RFC 5322 §3.6.2), e.g. {@code "Alice <alice@monentreprise.fr>"}; also the envelope sender. */
    public MessageBuilder from(String mailbox) {
        return from(Mailbox.parse(mailbox));
    }

    /** The author (RFC 5322 §3.6.2). */
    public MessageBuilder from(Mailbox mailbox) {
        this.from = Objects.requireNonNull(mailbox, "mailbox");
        return this;
    }

    /** The Sender field (RFC 5322 §3.6.2), when the agent sending is not the author; it becomes the envelope sender. */
    public MessageBuilder sender(String mailbox) {
        this.sender = Mailbox.parse(mailbox);
        return this;
    }

    /** Adds To recipients; each argument is an address list such as {@code "Bob <bob@exemple.com>, carol@x.org"}. */
    public MessageBuilder to(String... addressLists) {
        addAll(to, addressLists);
        return this;
    }

    /** Adds Cc recipients (RFC 5322 §3.6.3). */
    public MessageBuilder cc(String... addressLists) {
        addAll(cc, addressLists);
        return this;
    }

    /** Adds Bcc recipients: in the envelope, never in the transmitted header (RFC 5322 §3.6.3). */
    public MessageBuilder bcc(String... addressLists) {
        addAll(bcc, addressLists);
        return this;
    }

    /** Adds Reply-To addresses (RFC 5322 §3.6.2). */
    public MessageBuilder replyTo(String... addressLists) {
        addAll(replyTo, addressLists);
        return this;
    }

    private static void addAll(List<Address> target, String... lists) {
        for (String list : lists) {
            switch (AddressParser.parseList(list)) {
                case ParseResult.Ok<List<Address>> ok -> target.addAll(ok.value());
                case ParseResult.Failed<List<Address>> f ->
                        throw new IllegalArgumentException("not an address list: " + list + " (" + f.reason() + ")");
            }
        }
    }

    /** The Subject (RFC 5322 §3.6.5), any Unicode text; encoded per RFC 2047 if needed. */
    public MessageBuilder subject(String subject) {
        this.subject = singleLine(subject, "subject");
        return this;
    }

    /** The Date (RFC 5322 §3.6.1); defaults to the time of {@link #build()}. */
    public MessageBuilder date(OffsetDateTime date) {
        this.date = Objects.requireNonNull(date, "date");
        return this;
    }

    /** The Message-ID, with its angle brackets (RFC 5322 §3.6.4); defaults to a new one at the From domain. */
    public MessageBuilder messageId(String messageId) {
        this.messageId = singleLine(messageId, "messageId");
        return this;
    }

    /**
     * Adds another header field, e.g. {@code Received}, {@code Return-Path}, {@code In-Reply-To} or an
     * {@code X-} field. A printable-ASCII value is sent as given (folded); other text is taken as
     * unstructured and RFC 2047 encoded, which suits free text fields only.
     *
     * @throws IllegalArgumentException for an invalid name (RFC 5322 §2.2) or a field the builder writes itself
     */
    public MessageBuilder header(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("RFC 5322 §2.2: not a field name: " + name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("bcc") || lower.startsWith("content-") || lower.equals("mime-version")) {
            throw new IllegalArgumentException(name + " is set by the builder itself");
        }
        extraFields.add(new String[] {name, singleLine(value, name)});
        return this;
    }

    /** The plain-text body; line ends become CRLF (RFC 2046 §4.1.1). */
    public MessageBuilder text(String text) {
        this.text = Objects.requireNonNull(text, "text");
        return this;
    }

    /** The HTML body; line ends become CRLF. */
    public MessageBuilder html(String html) {
        this.html = Objects.requireNonNull(html, "html");
        return this;
    }

    /**
     * Adds an inline part referenced from the HTML as {@code cid:contentId} (RFC 2392), e.g. an image;
     * the HTML and its inline parts form a {@code multipart/related} (RFC 2387).
     */
    public MessageBuilder inline(byte[] content, String mimeType, String contentId) {
        int at = contentId.indexOf('@');
        if (at < 0 || !AddressChars.isDotAtom(contentId.substring(0, at)) || !AddressChars.isDotAtom(contentId.substring(at + 1))) {
            throw new IllegalArgumentException("RFC 5322 §3.6.4 / RFC 2392: a Content-ID is id-left \"@\" id-right: " + contentId);
        }
        inlines.add(new Attachment(null, content.clone(), mediaType(mimeType), contentId));
        return this;
    }

    /** Attaches a file, named after its last path element (RFC 2183 §2.3). */
    public MessageBuilder attach(Path file, String mimeType) {
        try {
            return attach(file.getFileName().toString(), Files.readAllBytes(file), mimeType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attachment " + file, e);
        }
    }

    /** Attaches content under a file name (any Unicode; RFC 2231 encoded if needed). */
    public MessageBuilder attach(String filename, byte[] content, String mimeType) {
        attachments.add(new Attachment(singleLine(filename, "filename"), content.clone(), mediaType(mimeType), null));
        return this;
    }

    /**
     * Whether the transport offers 8BITMIME (RFC 6152): then text may be sent as 8bit rather than
     * quoted-printable or base64. Default false (a 7-bit message, safe everywhere).
     */
    public MessageBuilder eightBitMime(boolean allowed) {
        this.eightBitMime = allowed;
        return this;
    }

    /** The random source for boundaries and ids (a seeded one makes output reproducible in tests). */
    public MessageBuilder random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    private static ContentType mediaType(String mimeType) {
        return ContentType.parseStrict(mimeType)
                .orElseThrow(() -> new IllegalArgumentException("RFC 2045 §5.1: not a media type: " + mimeType));
    }

    private static String singleLine(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must be a single line");
        }
        return value;
    }

    /** An entity being built: its MIME header fields and its encoded body. */
    private record Entity(List<HeaderField> fields, byte[] body, boolean eightBit) {
        byte[] toBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
            fields.forEach(f -> out.writeBytes(f.raw()));
            out.writeBytes(CRLF);
            out.writeBytes(body);
            return out.toByteArray();
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * Builds the message.
     *
     * @throws IllegalStateException without a From or without any recipient
     */
    public ComposedMessage build() {
        if (from == null) {
            throw new IllegalStateException("RFC 5322 §3.6: From is required");
        }
        List<Mailbox> recipients = recipients();
        if (recipients.isEmpty()) {
            throw new IllegalStateException("RFC 5321 §3.3: at least one recipient (To, Cc or Bcc) is required");
        }
        List<HeaderField> header = new ArrayList<>();
        header.add(HeaderField.of("Date", MessageDate.format(date != null ? date : OffsetDateTime.now())));
        header.add(HeaderField.of("From", from.toHeaderText()));
        if (sender != null) {
            header.add(HeaderField.of("Sender", sender.toHeaderText()));
        }
        addAddressField(header, "To", to);
        addAddressField(header, "Cc", cc);
        addAddressField(header, "Reply-To", replyTo);
        if (subject != null) {
            header.add(HeaderField.of("Subject", EncodedWords.encodeText(subject)));
        }
        header.add(HeaderField.of("Message-ID", messageId != null ? messageId : generatedId(from.domain())));
        for (String[] f : extraFields) {
            boolean printableAscii = f[1].chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t');
            header.add(HeaderField.of(f[0], printableAscii ? f[1] : EncodedWords.encodeText(f[1])));
        }
        header.add(HeaderField.of("MIME-Version", "1.0")); // RFC 2045 §4
        Entity root = rootEntity();
        header.addAll(root.fields());
        ByteArrayOutputStream out = new ByteArrayOutputStream(root.body().length + 1024);
        header.forEach(f -> out.writeBytes(f.raw()));
        out.writeBytes(CRLF);
        out.writeBytes(root.body());
        Envelope envelope = new Envelope(sender != null ? sender : from, recipients);
        return new ComposedMessage(out.toByteArray(), envelope, root.eightBit());
    }

    private String generatedId(String domain) {
        String right = AddressChars.isDotAtom(domain) ? domain : "localhost";
        return MessageIds.generate(right);
    }

    private static void addAddressField(List<HeaderField> header, String name, List<Address> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        header.add(HeaderField.of(name, String.join(", ", addresses.stream().map(Address::toHeaderText).toList())));
    }

    /** To, Cc and Bcc mailboxes, groups expanded, each address once (compared ignoring case). */
    private List<Mailbox> recipients() {
        Map<String, Mailbox> unique = new LinkedHashMap<>();
        for (List<Address> list : List.of(to, cc, bcc)) {
            for (Address a : list) {
                for (Mailbox m : a.mailboxes()) {
                    unique.putIfAbsent(m.address().toLowerCase(Locale.ROOT), m);
                }
            }
        }
        return List.copyOf(unique.values());
    }

    private Entity rootEntity() {
        Entity body;
        Entity textPart = text == null ? null : textEntity(text, "plain");
        Entity htmlPart = html == null ? null : htmlWithInlines();
        if (textPart != null && htmlPart != null) {
            body = multipart("alternative", List.of(textPart, htmlPart), Map.of());
        } else if (htmlPart != null) {
            body = htmlPart;
        } else {
            body = textPart != null ? textPart : textEntity("", "plain");
        }
        if (attachments.isEmpty()) {
            return body;
        }
        List<Entity> parts = new ArrayList<>();
        parts.add(body);
        for (Attachment a : attachments) {
            parts.add(binaryEntity(a, ContentDisposition.attachment(a.filename())));
        }
        return multipart("mixed", parts, Map.of());
    }

    private Entity htmlWithInlines() {
        Entity htmlPart = textEntity(html, "html");
        if (inlines.isEmpty()) {
            return htmlPart;
        }
        List<Entity> parts = new ArrayList<>();
        parts.add(htmlPart);
        for (Attachment a : inlines) {
            parts.add(binaryEntity(a, ContentDisposition.inline(null)));
        }
        return multipart("related", parts, Map.of("type", "text/html")); // RFC 2387 §3.1
    }

    private Entity textEntity(String content, String subtype) {
        byte[] bytes = canonicalLineEnds(content).getBytes(StandardCharsets.UTF_8);
        ContentType type = new ContentType("text", subtype, Map.of("charset", "utf-8"));
        return leaf(type, bytes, true, null, null);
    }

    private Entity binaryEntity(Attachment a, ContentDisposition disposition) {
        return leaf(a.type(), a.content(), a.type().isText(), disposition, a.contentId());
    }

    private Entity leaf(ContentType type, byte[] content, boolean isText, ContentDisposition disposition,
            String contentId) {
        TransferEncoding cte = TransferEncoding.choose(content, isText, eightBitMime);
        byte[] body = switch (cte) {
            case SEVEN_BIT, EIGHT_BIT, BINARY -> content;
            case QUOTED_PRINTABLE -> QuotedPrintableCodec.encodeToBytes(content,
                    isText ? QuotedPrintableMode.TEXT : QuotedPrintableMode.BINARY);
            case BASE64 -> withFinalCrlf(Base64Codec.encodeMimeToBytes(content));
        };
        List<HeaderField> fields = new ArrayList<>();
        fields.add(HeaderField.of("Content-Type", type.toHeaderValue()));
        fields.add(HeaderField.of("Content-Transfer-Encoding", cte.token()));
        if (disposition != null) {
            fields.add(HeaderField.of("Content-Disposition", disposition.toHeaderValue()));
        }
        if (contentId != null) {
            fields.add(HeaderField.of("Content-ID", "<" + contentId + ">"));
        }
        return new Entity(fields, body, cte == TransferEncoding.EIGHT_BIT);
    }

    private static byte[] withFinalCrlf(byte[] encoded) {
        if (encoded.length == 0) {
            return encoded;
        }
        byte[] out = java.util.Arrays.copyOf(encoded, encoded.length + 2);
        out[encoded.length] = '\r';
        out[encoded.length + 1] = '\n';
        return out;
    }

    /**
     * RFC 2046 §5.1.1: {@code "--" boundary CRLF part CRLF "--" boundary ... CRLF "--" boundary "--" CRLF},
     * with a boundary checked to occur in no part.
     */
    private Entity multipart(String subtype, List<Entity> children, Map<String, String> extraParams) {
        List<byte[]> encoded = children.stream().map(Entity::toBytes).toList();
        String boundary = Boundaries.choose(encoded, random);
        Map<String, String> params = new LinkedHashMap<>(extraParams);
        params.put("boundary", boundary);
        ContentType type = new ContentType("multipart", subtype, params);
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] child : encoded) {
            out.writeBytes(dash);
            out.writeBytes(CRLF);
            out.writeBytes(child);
            out.writeBytes(CRLF);
        }
        out.writeBytes(dash);
        out.write('-');
        out.write('-');
        out.writeBytes(CRLF);
        List<HeaderField> fields = List.of(HeaderField.of("Content-Type", type.toHeaderValue()));
        boolean eightBit = children.stream().anyMatch(Entity::eightBit);
        return new Entity(fields, out.toByteArray(), eightBit);
    }

    /** RFC 2046 §4.1.1: text line breaks are CRLF; bare CR and LF become CRLF. */
    static String canonicalLineEnds(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }
}
