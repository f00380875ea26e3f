package io.github.smtplab.auth.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server knows about one user: verifiers, never the password — except, only when the
 * administrator asked for CRAM-MD5, the recoverable secret that mechanism needs (RFC 2195 §2: the server
 * computes the same keyed digest, so it must hold the key itself).
 *
 * @param username   the authentication identity, compared octet for octet after UTF-8 (no normalisation)
 * @param password   the PBKDF2 verifier for PLAIN and LOGIN
 * @param scram      the SCRAM-SHA-256 verifier
 * @param cramSecret the password itself, for CRAM-MD5 only; empty keeps CRAM-MD5 off for this user
 */
public record UserCredentials(String username, PasswordHash password, ScramCredentials scram, Optional<String> cramSecret) {

    /** RFC 4616 §2: authcid is at most 255 octets in UTF-8; the same bound is used for every mechanism. */
    public static final int MAX_USERNAME_OCTETS = 255;

    /** Checks the user name ({@link #checkUsername}). */
    public UserCredentials {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(scram, "scram");
        Objects.requireNonNull(cramSecret, "cramSecret");
        checkUsername(username);
    }

    /**
     * Creates the verifiers for a new user.
     *
     * @param withCramMd5 keep the password recoverable so that CRAM-MD5 works for this user
     */
    public static UserCredentials create(String username, String password, int iterations, boolean withCramMd5) {
        return new UserCredentials(username, PasswordHash.create(password, iterations),
                ScramCredentials.create(password, iterations), withCramMd5 ? Optional.of(password) : Optional.empty());
    }

    /**
     * A user name the users file can hold: 1 to 255 octets of UTF-8, no space, control character or
     * colon (the file's separators), no NUL (RFC 4616 §2 forbids it in authcid).
     */
    public static void checkUsername(String username) {
        Objects.requireNonNull(username, "username");
        int octets = PasswordHash.utf8(username).length;
        if (octets == 0 || octets > MAX_USERNAME_OCTETS) {
            throw new IllegalArgumentException("a user name has 1 to " + MAX_USERNAME_OCTETS + " octets");
        }
        boolean bad = username.codePoints().anyMatch(cp -> cp == ':' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp < 0x10000);
        if (bad) {
            throw new IllegalArgumentException("a user name has no space, control character, lone surrogate or colon");
        }
    }

    @Override
    public String toString() {
        return "UserCredentials[" + username + (cramSecret.isPresent() ? ", with CRAM-MD5 secret" : "") + "]";
    }
}
