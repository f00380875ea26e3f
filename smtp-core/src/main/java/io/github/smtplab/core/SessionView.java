package io.github.smtplab.core;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What hooks and extensions may know about a server session, read-only.
 */
public interface SessionView {

    /** The client's address, when the shell knows it. */
    Optional<InetSocketAddress> clientAddress();

    /** The domain the client gave in HELO or EHLO, once it has. */
    Optional<String> heloDomain();

    /** True after EHLO (extended SMTP), false after HELO or before either. */
    boolean extended();

    /** The TLS layer's report, once STARTTLS or implicit TLS is in place. */
    Optional<TlsInfo> tls();

    /** The identity an AUTH exchange established (RFC 4954), if any. */
    Optional<String> authenticatedAs();

    /** True between an accepted MAIL and the end of its transaction. */
    boolean inTransaction();

    /**
     * The trace protocol name of RFC 3848 for a Received field's {@code with} clause: {@code SMTP} after
     * HELO; {@code ESMTP} after EHLO; with {@code S} for TLS and {@code A} for AUTH ({@code ESMTPSA}).
     */
    default String protocolName() {
        if (!extended()) {
            return "SMTP";
        }
        return "ESMTP" + (tls().isPresent() ? "S" : "") + (authenticatedAs().isPresent() ? "A" : "");
    }
}
