package io.github.smtplab.mime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header field, RFC 5322 §2.2: a name, a colon, a body.
 *
 * <p>The field keeps its original octets ({@link #raw()}, including the final CRLF when it had one)
 * because DKIM (RFC 6376 §3.4) signs them as they were received.
 *
 * @param name the field name as written (compare it case-insensitively, RFC 5322 §1.2.2)
 * @param body the field body: everything after the colon, folds kept, final line break removed
 * @param raw the field's octets exactly as received or as they will be sent
 */
public record HeaderField(String name, String body, byte[] raw) {

    /** Checks RFC 5322 §2.2: a name of printable US-ASCII characters other than the colon. */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(raw, "raw");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("RFC 5322 §2.2: a field name is at least one character");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new IllegalArgumentException("RFC 5322 §2.2: field name character " + (int) c + " not allowed");
            }
        }
    }

    /**
     * A field to send: {@code name: value} folded (RFC 5322 §2.2.3) and ended by CRLF. The value must
     * already be in its transmitted form (ASCII, encoded words applied).
     */
    public static HeaderField of(String name, String value) {
        String folded = HeaderFolding.fold(name, value);
        String body = folded.substring(name.length() + 1);
        return new HeaderField(name, body, (folded + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The body unfolded (RFC 5322 §2.2.3) with leading and trailing white space removed. */
    public String value() {
        return HeaderFolding.unfold(body).strip();
    }

    /** Whether this field has the given name, ignoring case (RFC 5322 §1.2.2). */
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    /** A copy of the original octets. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && name.equals(f.name) && body.equals(f.body) && Arrays.equals(raw, f.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, body, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return name + ":" + body;
    }
}
