package io.github.smtplab.tls;

import java.time.Duration;
import java.util.List;

/**
 * The TLS versions and time limits every socket of this module uses.
 *
 * <p>RFC 8996 deprecates TLS 1.0 and 1.1; RFC 8314 §4.1 asks mail software for TLS 1.2 or later. Only
 * TLS 1.3 (RFC 8446) and TLS 1.2 (RFC 5246) are enabled; the cipher suites are the JDK's defaults.
 */
public final class TlsProtocols {

    /** TLS 1.3 first, then TLS 1.2 (RFC 8996 §1, RFC 8314 §4.1). */
    public static final List<String> ENABLED = List.of("TLSv1.3", "TLSv1.2");

    /**
     * How long a peer may take to finish a handshake. RFC 5321 §4.5.3.2 gives no figure for TLS; a
     * handshake on a working network takes well under a second, so 30 seconds only cuts off peers that
     * stopped (or never meant) to answer, and keeps a half-open handshake from holding a connection slot.
     */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private TlsProtocols() {}

    /** {@link #ENABLED} as the array JSSE wants. */
    static String[] enabled() {
        return ENABLED.toArray(String[]::new);
    }
}
