package io.github.smtplab.auth.sasl.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The one message of SASL PLAIN (RFC 4616 §2):
 *
 * <pre>
 *   message   = [authzid] UTF8NUL authcid UTF8NUL passwd
 *   authcid   = 1*SAFE ; MUST accept up to 255 octets
 *   authzid   = 1*SAFE ; MUST accept up to 255 octets
 *   passwd    = 1*SAFE ; MUST accept up to 255 octets
 *   SAFE      = UTF1 / UTF2 / UTF3 / UTF4 ; any UTF-8 encoded Unicode character except NUL
 * </pre>
 *
 * <p>Normalisation: none. RFC 4616 §2 asks for SASLprep (RFC 4013), which RFC 8265 has since replaced;
 * smtplab compares the UTF-8 octets as sent, on both sides, so "é" precomposed and "e"+U+0301 are
 * different passwords. This is a deliberate, documented choice: it keeps the rule visible and the same
 * on every peer that does no normalisation either.
 *
 * @param authzid  the authorization identity, empty when absent (act as {@code authcid})
 * @param authcid  the authentication identity (the user name)
 * @param password the password
 */
public record PlainMessage(String authzid, String authcid, String password) {

    /** RFC 4616 §2: an implementation MUST accept up to 255 octets per field; we accept this many. */
    public static final int MAX_FIELD_OCTETS = 255;

    /** RFC 4616 §2: no field may contain NUL. */
    public PlainMessage {
        Objects.requireNonNull(authzid, "authzid");
        Objects.requireNonNull(authcid, "authcid");
        Objects.requireNonNull(password, "password");
        if (authzid.indexOf('\0') >= 0 || authcid.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("RFC 4616 section 2: no field may contain NUL");
        }
    }

    /** The octets of the message. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(authzid.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(authcid.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(password.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * Reads a message: exactly two NULs, a non-empty authcid and password, each field well-formed UTF-8
     * of at most {@value #MAX_FIELD_OCTETS} octets (RFC 4616 §2). Empty on any violation.
     */
    public static Optional<PlainMessage> decode(byte[] message) {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0 || indexOf(message, second + 1) >= 0) {
            return Optional.empty();
        }
        byte[][] fields = {slice(message, 0, first), slice(message, first + 1, second), slice(message, second + 1, message.length)};
        String[] text = new String[3];
        for (int i = 0; i < 3; i++) {
            if (fields[i].length > MAX_FIELD_OCTETS) {
                return Optional.empty();
            }
            Optional<String> decoded = Utf8.decode(fields[i]);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            text[i] = decoded.get();
        }
        if (text[1].isEmpty() || text[2].isEmpty()) {
            return Optional.empty();   // authcid and passwd are 1*SAFE
        }
        return Optional.of(new PlainMessage(text[0], text[1], text[2]));
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    @Override
    public String toString() {
        return "PlainMessage[authzid=" + authzid + ", authcid=" + authcid + ", password=***]";
    }
}
