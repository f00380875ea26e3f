package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Content-Type (RFC 2045 §5): {@code type/subtype} plus parameters such as {@code charset} and
 * {@code boundary}.
 *
 * @param type the top-level media type, lower case (RFC 2045 §5.1: matching is case-insensitive)
 * @param subtype the subtype, lower case
 * @param parameters decoded parameters by lower-case name, in order (RFC 2231 applied)
 */
public record ContentType(String type, String subtype, Map<String, String> parameters) {

    /** RFC 2045 §5.2: without a (valid) Content-Type, a body is {@code text/plain; charset=us-ascii}. */
    public static final ContentType DEFAULT = new ContentType("text", "plain", Map.of("charset", "us-ascii"));

    /** RFC 2046 §5.1.5: inside multipart/digest, a part without Content-Type is {@code message/rfc822}. */
    public static final ContentType DIGEST_DEFAULT = new ContentType("message", "rfc822", Map.of());

    /** Lower-cases the names and checks that both are tokens (RFC 2045 §5.1). */
    public ContentType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        if (!MimeParameters.isToken(type) || !MimeParameters.isToken(subtype)) {
            throw new IllegalArgumentException("RFC 2045 §5.1: type and subtype are tokens: " + type + "/" + subtype);
        }
        java.util.LinkedHashMap<String, String> lowerCase = new java.util.LinkedHashMap<>();
        parameters.forEach((k, v) -> lowerCase.putIfAbsent(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
        parameters = java.util.Collections.unmodifiableMap(lowerCase);
    }

    /** A content type without parameters, e.g. {@code of("application", "pdf")}. */
    public static ContentType of(String type, String subtype) {
        return new ContentType(type, subtype, Map.of());
    }

    /**
     * Parses {@code type/subtype; params} — or, if {@code text} is not a valid media type, returns
     * {@link #DEFAULT} as RFC 2045 §5.2 requires. Never throws.
     */
    public static ContentType parse(String text) {
        return parseStrict(text).orElse(DEFAULT);
    }

    /** Parses {@code type/subtype; params}, or empty if the media type is not {@code token/token}. */
    public static Optional<ContentType> parseStrict(String text) {
        MimeParameters p = MimeParameters.parse(text);
        String v = p.value();
        int slash = v.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String t = v.substring(0, slash).strip();
        String s = v.substring(slash + 1).strip();
        if (!MimeParameters.isToken(t) || !MimeParameters.isToken(s)) {
            return Optional.empty();
        }
        return Optional.of(new ContentType(t, s, p.parameters()));
    }

    /** A copy with one parameter added or replaced. */
    public ContentType withParameter(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(parameters);
        copy.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value"));
        return new ContentType(type, subtype, copy);
    }

    /** {@code type/subtype}. */
    public String mimeType() {
        return type + "/" + subtype;
    }

    /** A parameter by name, ignoring case. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether this is {@code multipart/*} (RFC 2046 §5.1). */
    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** Whether this is {@code text/*} (RFC 2046 §4.1). */
    public boolean isText() {
        return type.equals("text");
    }

    /** Whether this is an encapsulated message, {@code message/rfc822} or {@code message/global} (RFC 6532 §3.7). */
    public boolean isMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    /** The multipart boundary parameter (RFC 2046 §5.1.1), if any. */
    public Optional<String> boundary() {
        return parameter("boundary").filter(b -> !b.isEmpty());
    }

    /**
     * The charset for decoding a text body: the {@code charset} parameter if the JDK knows it, else
     * US-ASCII for text (RFC 2046 §4.1.2; read as ISO-8859-1 so stray 8-bit octets survive), or UTF-8
     * when the label is unknown.
     */
    public Charset charset() {
        Optional<String> name = parameter("charset");
        if (name.isEmpty()) {
            return StandardCharsets.ISO_8859_1;
        }
        return Charsets.lookup(name.get()).orElse(StandardCharsets.UTF_8);
    }

    /** The field body as sent: {@code type/subtype; name=value...} (RFC 2231 where needed). */
    public String toHeaderValue() {
        return new MimeParameters(mimeType(), parameters).toHeaderValue();
    }
}
