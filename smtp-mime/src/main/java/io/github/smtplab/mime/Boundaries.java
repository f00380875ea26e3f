package io.github.smtplab.mime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multipart boundaries, RFC 2046 §5.1.1: "the boundary delimiter MUST NOT appear inside any of the
 * encapsulated parts". We check instead of hoping: {@link #choose} draws a random boundary and verifies
 * that it occurs nowhere in the encoded parts.
 *
 * <p>Our boundaries start with {@code =_}, which neither quoted-printable (after "=" come two hex digits
 * or a line break) nor base64 (which has "=" only as final padding) can produce; only 7bit/8bit text can,
 * and that is what the check guards.
 */
public final class Boundaries {

    /** RFC 2046 §5.1.1: "Boundary delimiters must not appear within the encapsulated material, and must be no longer than 70 characters". */
    public static final int MAX_LENGTH = 70;

    /** Random characters after the {@code =_} prefix: 30 of 62 symbols, about 178 bits. */
    private static final int RANDOM_CHARACTERS = 30;

    /** Draws this many candidates at most; a clash is already astronomically unlikely for the first. */
    public static final int MAX_ATTEMPTS = 100;

    private static final String SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Boundaries() {}

    /** A random boundary (bchars only, RFC 2046 §5.1.1), not yet checked against any content. */
    public static String random(RandomGenerator random) {
        StringBuilder b = new StringBuilder("=_");
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            b.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
        }
        return b.toString();
    }

    /**
     * A boundary that occurs in none of {@code parts} (each the complete encoded octets of a body part).
     *
     * @throws IllegalStateException if {@value #MAX_ATTEMPTS} random candidates all occur (only with a
     *     broken random generator)
     */
    public static String choose(List<byte[]> parts, RandomGenerator random) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String candidate = random(random);
            if (occursInNone(candidate, parts)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no boundary found that is absent from the content");
    }

    /** Whether {@code boundary} appears nowhere in {@code parts}: the RFC 2046 §5.1.1 check. */
    public static boolean occursInNone(String boundary, List<byte[]> parts) {
        byte[] needle = boundary.getBytes(StandardCharsets.US_ASCII);
        for (byte[] part : parts) {
            if (indexOf(part, needle) >= 0) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
