package io.github.smtplab.auth.dkim.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Key encodings DKIM meets: RSA public keys in DNS as SubjectPublicKeyInfo (RFC 6376 §3.6.1) or, as some
 * publish them, a bare PKCS#1 RSAPublicKey; Ed25519 public keys as the raw 32 octets (RFC 8463 §4) and private
 * keys as the raw 32-octet seed (RFC 8463 Appendix A.1).
 */
public final class KeyCodec {

    /** RFC 8032 §5.1.5: Ed25519 keys and seeds are 32 octets. */
    public static final int ED25519_KEY_LENGTH = 32;

    /** DER of SubjectPublicKeyInfo for id-Ed25519 (RFC 8410 §4), before the 32 key octets. */
    private static final byte[] ED25519_SPKI_PREFIX = hex("302a300506032b6570032100");

    /** DER of OneAsymmetricKey for id-Ed25519 (RFC 8410 §7), before the 32 seed octets. */
    private static final byte[] ED25519_PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private KeyCodec() {}

    /** An RSA public key from SubjectPublicKeyInfo or RSAPublicKey DER; empty if it is neither. */
    public static Optional<RSAPublicKey> rsaPublicKey(byte[] der) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            try {
                return Optional.of((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException | ClassCastException notSpki) {
                var pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                BigInteger n = pkcs1.getModulus();
                BigInteger e = pkcs1.getPublicExponent();
                return Optional.of((RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(n, e)));
            }
        } catch (GeneralSecurityException | RuntimeException e) { // BouncyCastle reports bad DER unchecked
            return Optional.empty();
        }
    }

    /** An Ed25519 public key from its 32 octets; empty if the length is wrong or the point is invalid. */
    public static Optional<PublicKey> ed25519PublicKey(byte[] raw) {
        if (raw.length != ED25519_KEY_LENGTH) {
            return Optional.empty();
        }
        try {
            byte[] der = concat(ED25519_SPKI_PREFIX, raw);
            return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An Ed25519 private key from its 32-octet seed. */
    public static PrivateKey ed25519PrivateKey(byte[] seed) throws GeneralSecurityException {
        if (seed.length != ED25519_KEY_LENGTH) {
            throw new GeneralSecurityException("an Ed25519 seed is 32 octets, not " + seed.length);
        }
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
    }

    /** The 32 public key octets of an Ed25519 seed (RFC 8032 §5.1.5), as published in {@code p=}. */
    public static byte[] ed25519PublicFromSeed(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    /** The seed inside an Ed25519 PKCS#8 encoding (the last 32 octets of RFC 8410 §7's form). */
    public static Optional<byte[]> ed25519Seed(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length < ED25519_PKCS8_PREFIX.length + ED25519_KEY_LENGTH
                || !Arrays.equals(der, 0, ED25519_PKCS8_PREFIX.length, ED25519_PKCS8_PREFIX, 0, ED25519_PKCS8_PREFIX.length)) {
            return Optional.empty();
        }
        int from = ED25519_PKCS8_PREFIX.length;
        return Optional.of(Arrays.copyOfRange(der, from, from + ED25519_KEY_LENGTH));
    }

    /** The 32 octets of an Ed25519 public key (its SubjectPublicKeyInfo without the prefix). */
    public static byte[] ed25519Raw(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - ED25519_KEY_LENGTH, der.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
