package io.github.smtplab.core;

/**
 * When a client protects its session with TLS.
 */
public enum ClientTlsPolicy {
    /** Never: plain text (tests, the lab's first steps). */
    NONE,
    /**
     * STARTTLS when the server offers it, without checking the certificate; plain text otherwise — MX to
     * MX delivery in the spirit of RFC 7435 (opportunistic security: some protection beats none).
     */
    OPPORTUNISTIC,
    /**
     * STARTTLS or fail: no silent downgrade when the server does not offer it or the handshake fails;
     * the certificate and host name are verified (submission, RFC 6409, RFC 8314 §5).
     */
    REQUIRED,
    /** TLS from the first byte, before the greeting (RFC 8314 §3, port 465); verified like REQUIRED. */
    IMPLICIT;

    /** True when the certificate chain and host name must be verified. */
    public boolean verifies() {
        return this == REQUIRED || this == IMPLICIT;
    }
}
