package io.github.smtplab.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's certificate chain (leaf first, RFC 8446 §4.4.2) and the private key of the leaf.
 *
 * <p>The compact constructor checks that the key belongs to the leaf certificate (it signs a probe that
 * the leaf's public key must verify), so a mismatched pair fails here, with a clear message, instead of
 * in the middle of a client's handshake.
 *
 * @param chain      the leaf certificate, then the intermediates (the root may be omitted)
 * @param privateKey the leaf's private key (RSA or EC)
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    /** A chain longer than this is a configuration error (real chains have 2 to 4 certificates). */
    public static final int MAX_CHAIN_LENGTH = 10;

    public KeyMaterial {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty() || chain.size() > MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("a certificate chain has 1 to " + MAX_CHAIN_LENGTH + " certificates, not " + chain.size());
        }
        if (!matches(chain.getFirst(), privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + chain.getFirst().getSubjectX500Principal().getName());
        }
    }

    /** The certificate the server presents first. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /**
     * Why a client checking this chain at {@code now} would refuse it for its dates (RFC 5280 §4.1.2.5:
     * outside notBefore..notAfter), or empty when every certificate is within its validity. The server
     * still starts with such a chain (clients that do not check, RFC 7435, can still use TLS); its
     * operator should be told.
     */
    public Optional<String> validityProblem(Instant now) {
        for (X509Certificate certificate : chain) {
            String subject = certificate.getSubjectX500Principal().getName();
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                return Optional.of("the certificate " + subject + " expired on " + certificate.getNotAfter().toInstant());
            }
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                return Optional.of("the certificate " + subject + " is not valid before " + certificate.getNotBefore().toInstant());
            }
        }
        return Optional.empty();
    }

    /** True when {@code key} makes signatures that the certificate's public key verifies. */
    static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        byte[] probe = "smtplab key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
