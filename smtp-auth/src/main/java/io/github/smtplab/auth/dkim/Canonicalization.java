package io.github.smtplab.auth.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The two canonicalization algorithms of RFC 6376 §3.4, used for the header ({@link #canonicalizeHeader})
 * and, streamed, for the body ({@link BodyHasher}).
 */
public enum Canonicalization {
    /** RFC 6376 §3.4.1 (header) and §3.4.3 (body): octets unchanged, except trailing empty body lines. */
    SIMPLE("simple"),
    /** RFC 6376 §3.4.2 (header) and §3.4.4 (body): white space folded, header names lowercased. */
    RELAXED("relaxed");

    private final String tagValue;

    Canonicalization(String tagValue) {
        this.tagValue = tagValue;
    }

    /** The name written in the {@code c=} tag. */
    public String tagValue() {
        return tagValue;
    }

    /** The algorithm called {@code name} (case-insensitive), or empty. */
    public static Optional<Canonicalization> fromTag(String name) {
        for (Canonicalization c : values()) {
            if (c.tagValue.equalsIgnoreCase(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Canonicalizes one header field given as its original octets (name, colon, body, folds and the final
     * CRLF if any).
     *
     * <p>{@code simple} (§3.4.1) returns the octets unchanged. {@code relaxed} (§3.4.2): lowercase the field
     * name; unfold (delete CRLF followed by WSP); reduce each run of WSP to one SP; delete WSP at the end of
     * the value; delete WSP before and after the colon; end with CRLF.
     */
    public byte[] canonicalizeHeader(byte[] raw) {
        if (this == SIMPLE) {
            return raw.clone();
        }
        int colon = indexOf(raw, (byte) ':');
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2);
        int nameEnd = colon < 0 ? raw.length : colon;
        while (nameEnd > 0 && isWsp(raw[nameEnd - 1])) {
            nameEnd--; // §3.4.2: "Delete any WSP characters remaining before ... the colon"
        }
        for (int i = 0; i < nameEnd; i++) {
            byte b = raw[i];
            out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        out.write(':');
        if (colon >= 0) {
            boolean pendingSpace = false;
            boolean started = false; // WSP after the colon is deleted
            for (int i = colon + 1; i < raw.length; i++) {
                byte b = raw[i];
                if (b == '\r' || b == '\n') {
                    // unfolding removes CRLF; the final CRLF is added back below. Bare CR/LF count as folds too.
                    pendingSpace |= started;
                    continue;
                }
                if (isWsp(b)) {
                    pendingSpace |= started;
                    continue;
                }
                if (pendingSpace) {
                    out.write(' ');
                    pendingSpace = false;
                }
                out.write(b);
                started = true;
            }
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * The canonical form of a whole body (§3.4.3, §3.4.4): what {@link BodyHasher} hashes. For teaching and
     * tests; verifiers stream the body through {@link BodyHasher} instead.
     */
    public byte[] canonicalizeBody(byte[] body) {
        BodyHasher hasher = new BodyHasher(this).keepingCopy();
        hasher.update(body, 0, body.length);
        hasher.digest();
        return hasher.copy();
    }

    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int indexOf(byte[] data, byte wanted) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
