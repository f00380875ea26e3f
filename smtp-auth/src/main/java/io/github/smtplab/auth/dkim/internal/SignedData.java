package io.github.smtplab.auth.dkim.internal;

import io.github.smtplab.auth.dkim.Canonicalization;
import io.github.smtplab.mime.HeaderField;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the header data a DKIM signature covers (RFC 6376 §3.7, §5.4.2). */
public final class SignedData {

    private SignedData() {}

    /**
     * The octets to sign or verify: each field named in {@code signedHeaders}, chosen bottom-up (§5.4.2: the
     * n-th occurrence of a name in h= takes the n-th instance counting from the bottom; a name with no instance
     * left adds nothing), canonicalized, then the DKIM-Signature field itself with its {@code b=} value emptied,
     * canonicalized and without its final CRLF (§3.7).
     *
     * @param fields         the message header fields, top to bottom
     * @param signedHeaders  the h= names
     * @param canonicalization the header canonicalization
     * @param signatureField the DKIM-Signature field's octets with the b= value already removed
     */
    public static byte[] headerData(List<HeaderField> fields, List<String> signedHeaders,
                                    Canonicalization canonicalization, byte[] signatureField) {
        Map<String, List<HeaderField>> byName = new HashMap<>();
        for (HeaderField f : fields) {
            byName.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
        }
        Map<String, Integer> used = new HashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (String name : signedHeaders) {
            String key = name.toLowerCase(Locale.ROOT);
            List<HeaderField> instances = byName.getOrDefault(key, List.of());
            int n = used.merge(key, 1, Integer::sum);
            if (n <= instances.size()) {
                byte[] raw = withCrlf(instances.get(instances.size() - n).raw());
                out.writeBytes(canonicalization.canonicalizeHeader(raw));
            }
        }
        byte[] self = canonicalization.canonicalizeHeader(stripLineEnd(signatureField));
        out.write(self, 0, canonicalization == Canonicalization.RELAXED ? self.length - 2 : self.length);
        return out.toByteArray();
    }

    /**
     * A field's octets ending in CRLF: the last field of a header without a final line end, or one ended by a
     * lone LF, is hashed as if it ended in CRLF (the message is meant to be in CRLF form, RFC 5322 §2.1).
     */
    static byte[] withCrlf(byte[] raw) {
        byte[] core = stripLineEnd(raw);
        byte[] out = java.util.Arrays.copyOf(core, core.length + 2);
        out[core.length] = '\r';
        out[core.length + 1] = '\n';
        return out;
    }

    /** The octets without a final CRLF or LF. */
    public static byte[] stripLineEnd(byte[] raw) {
        int end = raw.length;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
        }
        return java.util.Arrays.copyOf(raw, end);
    }

    /**
     * The DKIM-Signature field's octets with the value of its {@code b=} tag deleted, surrounding white space
     * included (§3.7: "with the value of the b= tag (including all surrounding whitespace) deleted"). Every
     * other octet, folds included, stays as it was.
     */
    public static byte[] withoutSignatureValue(byte[] field) {
        int colon = 0;
        while (colon < field.length && field[colon] != ':') {
            colon++;
        }
        int start = colon + 1;
        while (start <= field.length) {
            int end = start;
            while (end < field.length && field[end] != ';') {
                end++;
            }
            int eq = start;
            while (eq < end && field[eq] != '=') {
                eq++;
            }
            if (eq < end && isTag(field, start, eq, "b")) {
                // keep a final line end that follows the value: it belongs to the field, not to b=
                int valueEnd = end;
                if (end == field.length) {
                    valueEnd = field.length - (field.length - stripLineEnd(field).length);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(field.length);
                out.write(field, 0, eq + 1);
                out.write(field, valueEnd, field.length - valueEnd);
                return out.toByteArray();
            }
            start = end + 1;
        }
        return field.clone();
    }

    private static boolean isTag(byte[] data, int from, int to, String name) {
        while (from < to && isFws(data[from])) {
            from++;
        }
        while (to > from && isFws(data[to - 1])) {
            to--;
        }
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (data[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
