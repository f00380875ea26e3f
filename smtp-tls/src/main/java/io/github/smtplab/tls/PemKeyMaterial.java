package io.github.smtplab.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes certificates and private keys in the PEM text form of RFC 7468.
 *
 * <p>Accepted private keys: {@code BEGIN PRIVATE KEY} (PKCS#8, RFC 5208 / RFC 7468 §10),
 * {@code BEGIN RSA PRIVATE KEY} (PKCS#1, RFC 8017 §A.1.2) and {@code BEGIN EC PRIVATE KEY} (SEC1,
 * RFC 5915 §3). Encrypted keys are refused with a clear reason (decrypt them with
 * {@code openssl pkey} first). BouncyCastle's {@code PEMParser} reads the PEM and ASN.1; the key itself is
 * rebuilt by the JDK's {@link KeyFactory}, so JSSE gets ordinary JDK keys.
 *
 * <p>Every failure on hostile or broken input is an {@link PemLoadResult.Invalid}, never an exception.
 */
public final class PemKeyMaterial {

    /** Refuse PEM files above 1 MiB: a chain of {@link KeyMaterial#MAX_CHAIN_LENGTH} certificates is far smaller. */
    public static final int MAX_PEM_OCTETS = 1024 * 1024;

    private PemKeyMaterial() {}

    /** Reads the chain (leaf first) and the key from two files (they may be the same file). */
    public static PemLoadResult load(Path certificates, Path privateKey) {
        try {
            return parse(readBounded(certificates), readBounded(privateKey));
        } catch (IOException e) {
            return new PemLoadResult.Invalid("cannot read " + e.getMessage());
        }
    }

    /** Reads the chain from {@code certificatesPem} (leaf first) and the key from {@code keyPem}. */
    public static PemLoadResult parse(String certificatesPem, String keyPem) {
        if (certificatesPem.length() > MAX_PEM_OCTETS || keyPem.length() > MAX_PEM_OCTETS) {
            return new PemLoadResult.Invalid("PEM text longer than " + MAX_PEM_OCTETS + " characters");
        }
        try {
            List<X509Certificate> chain = certificates(certificatesPem);
            if (chain.isEmpty()) {
                return new PemLoadResult.Invalid("no CERTIFICATE block found");
            }
            if (chain.size() > KeyMaterial.MAX_CHAIN_LENGTH) {
                return new PemLoadResult.Invalid("more than " + KeyMaterial.MAX_CHAIN_LENGTH + " certificates in the chain");
            }
            PrivateKey key = privateKey(keyPem);
            if (!KeyMaterial.matches(chain.getFirst(), key)) {
                return new PemLoadResult.Invalid("the private key does not belong to the first certificate ("
                        + chain.getFirst().getSubjectX500Principal().getName() + ")");
            }
            return new PemLoadResult.Loaded(new KeyMaterial(chain, key));
        } catch (InvalidPem e) {
            return new PemLoadResult.Invalid(e.getMessage());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // BouncyCastle reports malformed ASN.1 with assorted runtime exceptions: all mean "bad input"
            return new PemLoadResult.Invalid("malformed PEM or DER: " + e);
        }
    }

    /** Every {@code CERTIFICATE} block of the text, in order; other blocks are skipped. */
    public static List<X509Certificate> certificates(String pem) throws IOException, CertificateException {
        List<X509Certificate> found = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block; (block = parser.readObject()) != null; ) {
                if (block instanceof X509CertificateHolder holder) {
                    if (found.size() == KeyMaterial.MAX_CHAIN_LENGTH + 1) {
                        break;
                    }
                    found.add(converter.getCertificate(holder));
                }
            }
        }
        return found;
    }

    /** The first private key of the text, in any of the three accepted forms. */
    static PrivateKey privateKey(String pem) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block; (block = parser.readObject()) != null; ) {
                PrivateKeyInfo info = switch (block) {
                    case PrivateKeyInfo pkcs8 -> pkcs8;                       // BEGIN PRIVATE KEY
                    case PEMKeyPair pair -> pair.getPrivateKeyInfo();         // BEGIN RSA / EC PRIVATE KEY
                    case PEMEncryptedKeyPair encrypted -> throw new InvalidPem("the private key is encrypted (decrypt it with openssl pkey)");
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> throw new InvalidPem("the private key is encrypted (decrypt it with openssl pkey)");
                    default -> null;
                };
                if (info != null) {
                    return toJdkKey(info);
                }
            }
        }
        throw new InvalidPem("no PRIVATE KEY block found (PKCS#8, RSA or EC)");
    }

    /** Rebuilds the key with the JDK's own key factory from its PKCS#8 encoding (RFC 5208 §5). */
    private static PrivateKey toJdkKey(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm;
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            algorithm = "RSA";
        } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            algorithm = "EC";
        } else {
            throw new InvalidPem("unsupported key algorithm " + oid + " (RSA or EC expected)");
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }

    /** The certificates as PEM {@code CERTIFICATE} blocks (RFC 7468 §5). */
    public static String toPem(List<X509Certificate> certificates) {
        return write(certificates.toArray());
    }

    /** The key as a PEM {@code PRIVATE KEY} block (PKCS#8, RFC 7468 §10). */
    public static String toPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String write(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    private static String readBounded(Path file) throws IOException {
        if (Files.size(file) > MAX_PEM_OCTETS) {
            throw new IOException(file + ": larger than " + MAX_PEM_OCTETS + " octets");
        }
        return Files.readString(file, StandardCharsets.ISO_8859_1);   // PEM is ASCII; anything else fails in the parser
    }

    /** A reason for refusing the input, carried up to {@link PemLoadResult.Invalid}. */
    private static final class InvalidPem extends IOException {
        InvalidPem(String message) {
            super(message);
        }
    }
}
