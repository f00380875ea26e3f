package io.github.smtplab.auth.dkim;

import java.util.Optional;

/**
 * The signing algorithms of the {@code a=} tag (RFC 6376 §3.3; RFC 8463 §3; RFC 8301 §3.1).
 */
public enum DkimAlgorithm {
    /** RSASSA-PKCS1-v1_5 over SHA-256 (RFC 6376 §3.3.2): JCA {@code SHA256withRSA}. */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** PureEdDSA Ed25519 over the SHA-256 digest of the data (RFC 8463 §3). */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tagValue;
    private final String keyType;

    DkimAlgorithm(String tagValue, String keyType) {
        this.tagValue = tagValue;
        this.keyType = keyType;
    }

    /** The value written in {@code a=}, e.g. {@code rsa-sha256}. */
    public String tagValue() {
        return tagValue;
    }

    /** The key type written in a key record's {@code k=} tag (RFC 6376 §3.6.1; RFC 8463 §4). */
    public String keyType() {
        return keyType;
    }

    /** The algorithm named by an {@code a=} value, compared case-insensitively; empty if not supported. */
    public static Optional<DkimAlgorithm> fromTag(String value) {
        for (DkimAlgorithm a : values()) {
            if (a.tagValue.equalsIgnoreCase(value)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
