package io.github.smtplab.mime;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Content-Disposition (RFC 2183 §2): {@code inline} or {@code attachment}, with parameters such as
 * {@code filename} (RFC 2231 encoded when it is not ASCII).
 *
 * @param type {@code inline}, {@code attachment} or another token, lower case
 * @param parameters decoded parameters by lower-case name, in order
 */
public record ContentDisposition(String type, Map<String, String> parameters) {

    /** Lower-cases the type and checks that it is a token. */
    public ContentDisposition {
        type = type.toLowerCase(Locale.ROOT);
        if (!MimeParameters.isToken(type)) {
            throw new IllegalArgumentException("RFC 2183 §2: disposition type is a token: " + type);
        }
        java.util.LinkedHashMap<String, String> lowerCase = new java.util.LinkedHashMap<>();
        parameters.forEach((k, v) -> lowerCase.putIfAbsent(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, k)));
        parameters = java.util.Collections.unmodifiableMap(lowerCase);
    }

    /** {@code attachment; filename=...} (RFC 2183 §2.2, §2.3). */
    public static ContentDisposition attachment(String filename) {
        return new ContentDisposition("attachment", Map.of("filename", Objects.requireNonNull(filename)));
    }

    /** {@code inline} (RFC 2183 §2.1), with a filename if not null. */
    public static ContentDisposition inline(String filename) {
        return new ContentDisposition("inline", filename == null ? Map.of() : Map.of("filename", filename));
    }

    /** Parses a field body leniently; empty if the disposition type is not a token. Never throws. */
    public static Optional<ContentDisposition> parse(String text) {
        MimeParameters p = MimeParameters.parse(text);
        if (!MimeParameters.isToken(p.value())) {
            return Optional.empty();
        }
        return Optional.of(new ContentDisposition(p.value(), p.parameters()));
    }

    /** The {@code filename} parameter (RFC 2183 §2.3), if any. */
    public Optional<String> filename() {
        return Optional.ofNullable(parameters.get("filename"));
    }

    /** Whether this is {@code attachment}. */
    public boolean isAttachment() {
        return type.equals("attachment");
    }

    /** The field body as sent. */
    public String toHeaderValue() {
        return new MimeParameters(type, parameters).toHeaderValue();
    }
}
