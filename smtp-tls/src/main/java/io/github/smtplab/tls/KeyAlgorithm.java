package io.github.smtplab.tls;

/**
 * The key types the development certificates use. Both are what TLS 1.3 servers commonly present
 * (RFC 8446 §9.1: a TLS 1.3 implementation must support rsa_pss_rsae_sha256 and ecdsa_secp256r1_sha256
 * signatures). Each names its JCA key-pair generator and the JCA signature that signs certificates
 * with such a key.
 */
public enum KeyAlgorithm {
    /** RSA with a 2048-bit modulus: the widest compatibility. */
    RSA_2048("RSA", "SHA256withRSA"),
    /** ECDSA on NIST P-256 (secp256r1): smaller keys, faster handshakes. */
    EC_P256("EC", "SHA256withECDSA");

    /** RSA modulus size in bits (NIST SP 800-57: 2048 bits is the minimum for use after 2010). */
    public static final int RSA_BITS = 2048;
    /** The named curve for {@link #EC_P256} (RFC 8422 §5.1.1: secp256r1). */
    public static final String EC_CURVE = "secp256r1";

    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA key algorithm name ({@code RSA} or {@code EC}). */
    public String jcaName() {
        return jcaName;
    }

    /** The JCA signature algorithm for certificates signed with such a key. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The value for an existing key: RSA with a 2048-bit modulus or EC on a 256-bit curve; {@code null} for anything else. */
    public static KeyAlgorithm of(java.security.Key key) {
        return switch (key) {
            case java.security.interfaces.RSAKey rsa when rsa.getModulus().bitLength() == RSA_BITS -> RSA_2048;
            case java.security.interfaces.ECKey ec when ec.getParams().getCurve().getField().getFieldSize() == 256 -> EC_P256;
            default -> null;
        };
    }
}
