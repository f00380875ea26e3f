package io.github.smtplab.auth.sasl;

import java.util.Locale;
import java.util.Optional;

/**
 * The SASL mechanisms smtplab speaks, strongest first (the order a client prefers them in).
 *
 * <ul>
 *   <li>{@link #SCRAM_SHA_256}: RFC 5802 + RFC 7677. The password never travels, the server stores
 *       only a salted verifier, and the server proves it knows that verifier too.</li>
 *   <li>{@link #CRAM_MD5}: RFC 2195. The password never travels, but the server must keep it in a
 *       recoverable form, and a recorded exchange allows an offline dictionary attack.</li>
 *   <li>{@link #PLAIN}: RFC 4616. The password itself, in base64: only inside TLS.</li>
 *   <li>{@link #LOGIN}: draft-murchison-sasl-login-00. The same as PLAIN in two steps: only inside TLS.</li>
 * </ul>
 */
public enum Mechanism {
    SCRAM_SHA_256("SCRAM-SHA-256", false),
    CRAM_MD5("CRAM-MD5", false),
    PLAIN("PLAIN", true),
    LOGIN("LOGIN", true);

    private final String wireName;
    private final boolean sendsPassword;

    Mechanism(String wireName, boolean sendsPassword) {
        this.wireName = wireName;
        this.sendsPassword = sendsPassword;
    }

    /** The name on the wire, after {@code AUTH} (RFC 4422 §3.1: upper case, digits, hyphen, underscore). */
    public String wireName() {
        return wireName;
    }

    /**
     * True when the password itself crosses the wire (PLAIN, LOGIN): such mechanisms belong only inside
     * TLS (RFC 4616 §6, RFC 4954 §4 "requires an encryption layer").
     */
    public boolean sendsPassword() {
        return sendsPassword;
    }

    /** The mechanism with this wire name, compared case-insensitively (RFC 4422 §3.1), if we know it. */
    public static Optional<Mechanism> byWireName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (Mechanism m : values()) {
            if (m.wireName.equals(upper)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
