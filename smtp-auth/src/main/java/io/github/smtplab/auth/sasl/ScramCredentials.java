package io.github.smtplab.auth.sasl;

import io.github.smtplab.auth.sasl.internal.Crypto;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a SCRAM-SHA-256 server stores for a user (RFC 5802 §3, §5.1): the salt, the iteration count and
 * two keys derived from the password. Neither key lets anyone log in directly: a client must prove it
 * knows {@code ClientKey}, whose hash is {@code StoredKey}.
 *
 * <pre>
 *   SaltedPassword  := Hi(Normalize(password), salt, i)
 *   ClientKey       := HMAC(SaltedPassword, "Client Key")
 *   StoredKey       := H(ClientKey)
 *   ServerKey       := HMAC(SaltedPassword, "Server Key")
 * </pre>
 *
 * @param salt       random octets (RFC 5802 §5.1 {@code s=})
 * @param iterations the iteration count, at least {@value #MIN_ITERATIONS} (RFC 7677 §4)
 * @param storedKey  {@code H(ClientKey)}, 32 octets
 * @param serverKey  {@code HMAC(SaltedPassword, "Server Key")}, 32 octets
 */
public record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /** RFC 7677 §4: "the iteration count ... SHOULD be at least 4096". Both sides refuse fewer. */
    public static final int MIN_ITERATIONS = 4096;
    /** A bound against a hostile server that would make the client compute forever (DoS). */
    public static final int MAX_ITERATIONS = PasswordHash.MAX_ITERATIONS;
    /** The size of a new salt. */
    public static final int SALT_OCTETS = 16;
    /** SHA-256 output. */
    public static final int KEY_OCTETS = 32;

    /** Checks the bounds (RFC 7677 §4) and copies the arrays. */
    public ScramCredentials {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("RFC 7677 section 4: iterations must be in " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (salt.length == 0 || storedKey.length != KEY_OCTETS || serverKey.length != KEY_OCTETS) {
            throw new IllegalArgumentException("a non-empty salt and two 32-octet keys");
        }
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives the stored keys from a password (its UTF-8 octets, no normalisation), salt and count. */
    public static ScramCredentials derive(String password, byte[] salt, int iterations) {
        byte[] saltedPassword = Crypto.hi(PasswordHash.utf8(password), salt, iterations);
        byte[] clientKey = Crypto.hmacSha256(saltedPassword, "Client Key");
        return new ScramCredentials(salt, iterations, Crypto.sha256(clientKey), Crypto.hmacSha256(saltedPassword, "Server Key"));
    }

    /** New credentials for {@code password} with a fresh random salt. */
    public static ScramCredentials create(String password, int iterations) {
        return derive(password, Crypto.randomBytes(SALT_OCTETS), iterations);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials s && s.iterations == iterations && Arrays.equals(s.salt, salt)
                && Arrays.equals(s.storedKey, storedKey) && Arrays.equals(s.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[SCRAM-SHA-256, " + iterations + " iterations]";
    }
}
