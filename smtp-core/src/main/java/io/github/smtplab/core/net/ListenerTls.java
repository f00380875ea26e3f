package io.github.smtplab.core.net;

import io.github.smtplab.core.ServerExtension;
import java.util.Objects;

/**
 * How one listener speaks TLS, given to {@link SmtpServer.Builder#tls} in one call, so that the parts that
 * only work together cannot be installed apart (an announced STARTTLS with no handshake behind it would
 * fail only when a client tried it). smtp-tls's {@code ServerTls} makes both kinds.
 */
public sealed interface ListenerTls {

    /**
     * The engine's STARTTLS extension, placed first among the server's extensions: it announces the
     * keyword, answers the command and may refuse MAIL before TLS (RFC 3207 §4).
     */
    ServerExtension offer();

    /** STARTTLS on a plain listener (RFC 3207): {@code upgrade} is the handshake the shell runs when the engine says so. */
    record StartTls(ServerExtension offer, TlsUpgrade upgrade) implements ListenerTls {
        public StartTls {
            Objects.requireNonNull(offer, "offer");
            Objects.requireNonNull(upgrade, "upgrade");
        }
    }

    /**
     * TLS from the first byte (RFC 8314 §3): {@code handshake} runs right after accept, then the greeting;
     * {@code offer} only tells a client that sends STARTTLS anyway that TLS is already active.
     */
    record Implicit(ServerExtension offer, SmtpServer.SocketWrapper handshake) implements ListenerTls {
        public Implicit {
            Objects.requireNonNull(offer, "offer");
            Objects.requireNonNull(handshake, "handshake");
        }
    }
}
