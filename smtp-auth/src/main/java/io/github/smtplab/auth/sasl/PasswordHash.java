package io.github.smtplab.auth.sasl;

import io.github.smtplab.auth.sasl.internal.Crypto;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A salted password verifier for PLAIN and LOGIN: {@code PBKDF2-HMAC-SHA256(password, salt, iterations)}
 * (RFC 8018 §5.2, one 32-octet block). The server keeps only this; a stolen users file does not give
 * the password away, only the means to try guesses slowly.
 *
 * <p>The password is taken as its UTF-8 octets, with no normalisation (see the package documentation).
 *
 * @param iterations the PBKDF2 iteration count, at least {@value #MIN_ITERATIONS}
 * @param salt       random octets, at least {@value #MIN_SALT_OCTETS}
 * @param hash       the derived key, 32 octets
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    /** RFC 7677 §4 asks at least 4096 iterations for SCRAM-SHA-256; the same floor is used here. */
    public static final int MIN_ITERATIONS = 4096;
    /** The iterations for new verifiers: a trade-off between a login's cost and a guessing attacker's. */
    public static final int DEFAULT_ITERATIONS = 100_000;
    /** An upper bound, so that a corrupt or hostile users file cannot make one login run for hours. */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** RFC 8018 §4.1: a salt of at least 8 octets; 16 are used for new verifiers. */
    public static final int MIN_SALT_OCTETS = 8;
    /** The size of a new salt. */
    public static final int SALT_OCTETS = 16;
    /** SHA-256 output, the size of the derived key. */
    public static final int HASH_OCTETS = 32;

    /** Checks the bounds and copies the arrays. */
    public PasswordHash {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (salt.length < MIN_SALT_OCTETS || hash.length != HASH_OCTETS) {
            throw new IllegalArgumentException("salt of at least " + MIN_SALT_OCTETS + " octets and a 32-octet hash");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A new verifier for {@code password} with a fresh random salt. */
    public static PasswordHash create(String password, int iterations) {
        byte[] salt = Crypto.randomBytes(SALT_OCTETS);
        return new PasswordHash(iterations, salt, Crypto.hi(utf8(password), salt, iterations));
    }

    /** True when {@code password} derives the same key; the comparison takes constant time. */
    public boolean matches(byte[] passwordUtf8) {
        return Crypto.sameBytes(hash, Crypto.hi(passwordUtf8, salt, iterations));
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations
                && java.util.Arrays.equals(p.salt, salt) && java.util.Arrays.equals(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, " + iterations + " iterations]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
