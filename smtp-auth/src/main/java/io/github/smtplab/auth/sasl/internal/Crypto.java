package io.github.smtplab.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few primitives SASL needs, named as the RFCs name them: {@code H}, {@code HMAC}, {@code Hi}
 * (RFC 5802 §2.2) and HMAC-MD5 (RFC 2195 §2). All come from the JDK; nothing here is clever.
 */
public final class Crypto {

    /** RFC 7677 §3: SCRAM-SHA-256 uses SHA-256 and HMAC-SHA-256. */
    public static final String HMAC_SHA256 = "HmacSHA256";
    /** RFC 2195 §2: CRAM-MD5 uses the keyed MD5 of RFC 2104. */
    public static final String HMAC_MD5 = "HmacMD5";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {}

    /** RFC 5802 §2.2 {@code HMAC(key, str)} with SHA-256. */
    public static byte[] hmacSha256(byte[] key, byte[] message) {
        return hmac(HMAC_SHA256, key, message);
    }

    /** RFC 5802 §2.2 {@code HMAC(key, str)} over the UTF-8 of {@code message}. */
    public static byte[] hmacSha256(byte[] key, String message) {
        return hmacSha256(key, message.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 2104 HMAC-MD5, used by CRAM-MD5 (RFC 2195 §2). */
    public static byte[] hmacMd5(byte[] key, byte[] message) {
        return hmac(HMAC_MD5, key, message);
    }

    /** RFC 5802 §2.2 {@code H(str)}: SHA-256. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * RFC 5802 §2.2 {@code Hi(str, salt, i)}: PBKDF2 (RFC 8018 §5.2) with HMAC-SHA-256 as the
     * pseudorandom function and one output block (dkLen = 32 octets).
     *
     * <pre>
     *   U1 := HMAC(str, salt + INT(1))
     *   Ui := HMAC(str, U(i-1))
     *   Hi := U1 XOR U2 XOR ... XOR Ui
     * </pre>
     */
    public static byte[] hi(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("Hi needs at least one iteration");
        }
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key(password, HMAC_SHA256));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});   // INT(1): 4 octets, big-endian
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int k = 0; k < result.length; k++) {
                    result[k] ^= u[k];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC_SHA256, e);
        }
    }

    /** {@code a XOR b}, octet by octet (RFC 5802 §3: ClientProof := ClientKey XOR ClientSignature). */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("XOR of " + a.length + " and " + b.length + " octets");
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** Constant-time comparison: the time taken does not tell how many leading octets matched. */
    public static boolean sameBytes(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Lower-case hexadecimal, as CRAM-MD5's digest is written (RFC 2195 §2). */
    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    /** {@code n} octets from the system's strong random source. */
    public static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key(key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /**
     * The JDK refuses an empty key, but HMAC pads a short key with zeros to the block size (RFC 2104 §2),
     * so a single zero octet is the same key as the empty one (an empty password stays possible).
     */
    private static SecretKeySpec key(byte[] key, String algorithm) {
        return new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm);
    }
}
