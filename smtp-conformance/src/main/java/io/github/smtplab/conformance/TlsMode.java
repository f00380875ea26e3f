package io.github.smtplab.conformance;

import java.util.Locale;

/** How the suite reaches TLS on the target. */
public enum TlsMode {
    /** No TLS: STARTTLS probes still run when the server offers it. */
    NONE,
    /** Plain connection, then STARTTLS (RFC 3207) before each mail transaction. */
    STARTTLS,
    /** TLS from the first byte (RFC 8314 section 3, port 465). */
    IMPLICIT;

    /** {@code none}, {@code starttls} or {@code implicit}, in any case. */
    public static TlsMode of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
