package io.github.smtplab.auth.dkim;

import io.github.smtplab.auth.dkim.internal.Base64Values;
import io.github.smtplab.auth.dkim.internal.KeyCodec;
import io.github.smtplab.mime.Base64Codec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A private key to sign with, and the public key octets to publish in DNS ({@code p=}, RFC 6376 §3.6.1).
 *
 * @param algorithm     the algorithm this key signs with
 * @param privateKey    the JCA private key
 * @param publicKeyData the {@code p=} octets: SubjectPublicKeyInfo DER for RSA, the 32 raw octets for Ed25519
 *                      (RFC 8463 §4)
 */
public record SigningKey(DkimAlgorithm algorithm, PrivateKey privateKey, byte[] publicKeyData) {

    /** RFC 8301 §3.2: "Signers MUST use RSA keys of at least 1024 bits ... SHOULD use at least 2048 bits". */
    public static final int MIN_RSA_BITS = 1024;

    /** The default RSA size for new keys (RFC 8301 §3.2 recommendation). */
    public static final int DEFAULT_RSA_BITS = 2048;

    /** Larger RSA keys no longer fit one TXT string comfortably and cost verifiers (RFC 6376 §3.3.3). */
    public static final int MAX_RSA_BITS = 4096;

    /** Copies the public key octets. */
    public SigningKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        publicKeyData = publicKeyData.clone();
    }

    /** A copy of the public key octets. */
    @Override
    public byte[] publicKeyData() {
        return publicKeyData.clone();
    }

    /**
     * The key record to publish as TXT at {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.1), e.g.
     * {@code v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=}.
     */
    public String keyRecord() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64Codec.encode(publicKeyData);
    }

    /** The private key as PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}), readable by {@link #read} and OpenSSL. */
    public String privateKeyPem() {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", privateKey.getEncoded())); // RFC 7468 §10
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        return out.toString();
    }

    /**
     * Generates a key: RSA of {@code rsaBits} bits (ignored for Ed25519) with exponent 65537, or Ed25519.
     *
     * @throws IllegalArgumentException if the RSA size is outside {@link #MIN_RSA_BITS}..{@link #MAX_RSA_BITS}
     */
    public static SigningKey generate(DkimAlgorithm algorithm, int rsaBits) {
        try {
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                if (rsaBits < MIN_RSA_BITS || rsaBits > MAX_RSA_BITS) {
                    throw new IllegalArgumentException("RFC 8301 §3.2: RSA keys of " + MIN_RSA_BITS + " to "
                            + MAX_RSA_BITS + " bits, not " + rsaBits);
                }
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4));
                KeyPair pair = g.generateKeyPair();
                return new SigningKey(algorithm, pair.getPrivate(), pair.getPublic().getEncoded());
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(algorithm, pair.getPrivate(), KeyCodec.ed25519Raw(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides RSA and Ed25519", e);
        }
    }

    /** An Ed25519 key from its 32-octet seed (RFC 8032 §5.1.5; the form RFC 8463 Appendix A.1 prints). */
    public static KeyReadResult fromEd25519Seed(byte[] seed) {
        try {
            return new KeyReadResult.Read(new SigningKey(DkimAlgorithm.ED25519_SHA256, KeyCodec.ed25519PrivateKey(seed),
                    KeyCodec.ed25519PublicFromSeed(seed)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new KeyReadResult.Unreadable("not an Ed25519 seed: " + e.getMessage());
        }
    }

    /**
     * Reads a private key from text: a PEM block ({@code BEGIN PRIVATE KEY}, PKCS#8, RSA or Ed25519; or
     * {@code BEGIN RSA PRIVATE KEY}, PKCS#1), or a base64 Ed25519 seed of 32 octets. Never throws.
     */
    public static KeyReadResult read(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.contains("-----BEGIN")) {
            Optional<byte[]> seed = Base64Values.decode(text.strip());
            if (seed.isPresent() && seed.get().length == KeyCodec.ED25519_KEY_LENGTH) {
                return fromEd25519Seed(seed.get());
            }
            return new KeyReadResult.Unreadable("neither PEM nor a base64 Ed25519 seed of 32 octets");
        }
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (object instanceof PEMKeyPair pair) { // PKCS#1 "RSA PRIVATE KEY"
                key = converter.getKeyPair(pair).getPrivate();
            } else if (object instanceof PrivateKeyInfo info) { // PKCS#8 "PRIVATE KEY"
                key = converter.getPrivateKey(info);
            } else {
                return new KeyReadResult.Unreadable("the PEM block is not an unencrypted private key");
            }
            return fromPrivateKey(key);
        } catch (IOException | RuntimeException e) {
            return new KeyReadResult.Unreadable("unreadable PEM: " + e.getMessage());
        }
    }

    private static KeyReadResult fromPrivateKey(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    return new KeyReadResult.Unreadable("RFC 8301 §3.2: RSA key of " + bits + " bits, under 1024");
                }
                byte[] spki = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
                return new KeyReadResult.Read(new SigningKey(DkimAlgorithm.RSA_SHA256, key, spki));
            }
            Optional<byte[]> seed = KeyCodec.ed25519Seed(key);
            if (seed.isPresent()) {
                return fromEd25519Seed(seed.get());
            }
            return new KeyReadResult.Unreadable("unsupported key algorithm " + key.getAlgorithm());
        } catch (GeneralSecurityException e) {
            return new KeyReadResult.Unreadable(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && algorithm == k.algorithm && privateKey.equals(k.privateKey);
    }

    @Override
    public int hashCode() {
        return privateKey.hashCode();
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm.tagValue() + "]";
    }
}
