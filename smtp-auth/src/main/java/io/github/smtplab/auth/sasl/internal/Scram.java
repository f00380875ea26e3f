package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.DecodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The message grammar of SCRAM (RFC 5802 §7) shared by the client and the server of SCRAM-SHA-256
 * (RFC 7677). Without channel binding, the GS2 header is {@code n,,} (or {@code n,a=authzid,}), and
 * the {@code c=} attribute of the final message is its base64 ({@code biws} for {@code n,,}).
 */
public final class Scram {

    /** RFC 5802 §5.1: "n,," — no channel binding, no authorization identity. */
    public static final String GS2_HEADER = "n,,";
    /** RFC 5802 §3: the labels mixed into the salted password. */
    public static final String CLIENT_KEY = "Client Key";
    /** RFC 5802 §3. */
    public static final String SERVER_KEY = "Server Key";
    /** A bound on a nonce's length, against hostile peers (RFC 5802 does not set one). */
    public static final int MAX_NONCE_LENGTH = 512;
    /** A bound on the base64 salt's length, against hostile servers. */
    public static final int MAX_SALT_LENGTH = 512;
    /** Random octets in a new nonce: 18 octets give 24 base64 characters, all printable, none a comma. */
    public static final int NONCE_OCTETS = 18;

    private Scram() {}

    /** RFC 5802 §5.1 {@code saslname}: "=" is written "=3D" and "," is written "=2C". */
    public static String escapeUsername(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    /** The reverse of {@link #escapeUsername}; empty when an "=" is followed by anything but 2C or 3D. */
    public static Optional<String> unescapeUsername(String saslname) {
        StringBuilder out = new StringBuilder(saslname.length());
        for (int i = 0; i < saslname.length(); i++) {
            char c = saslname.charAt(i);
            if (c == '=') {
                if (saslname.startsWith("=2C", i)) {
                    out.append(',');
                } else if (saslname.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return Optional.empty();   // RFC 5802 §5.1: the server MUST fail the authentication
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return Optional.of(out.toString());
    }

    /** A new client or server nonce: random printable characters without a comma (RFC 5802 §5.1 {@code r=}). */
    public static String newNonce() {
        return Base64Codec.encode(Crypto.randomBytes(NONCE_OCTETS));
    }

    /** RFC 5802 §7 {@code printable}: 0x21..0x7E except ",". */
    public static boolean isValidNonce(String nonce) {
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }

    /** One {@code attr-val} of RFC 5802 §7: a single letter, "=", a value. */
    public record Attribute(char name, String value) {}

    /** Splits {@code a=1,b=2} into attributes; empty when one is not {@code ALPHA "=" value}. */
    public static Optional<List<Attribute>> attributes(String text) {
        List<Attribute> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.length() < 2 || part.charAt(1) != '=' || !isAlpha(part.charAt(0))) {
                return Optional.empty();
            }
            out.add(new Attribute(part.charAt(0), part.substring(2)));
        }
        return Optional.of(out);
    }

    /** Strict base64 (RFC 4648 §3.3), as SCRAM's {@code base64} production asks; empty when invalid. */
    public static Optional<byte[]> base64(String text) {
        return Base64Codec.decodeStrict(text) instanceof DecodeResult.Decoded d ? Optional.of(d.bytes()) : Optional.empty();
    }

    /** {@code AuthMessage := client-first-message-bare + "," + server-first-message + "," + client-final-message-without-proof} (RFC 5802 §3). */
    public static String authMessage(String clientFirstBare, String serverFirst, String clientFinalWithoutProof) {
        return clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
