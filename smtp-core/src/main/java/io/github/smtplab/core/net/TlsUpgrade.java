package io.github.smtplab.core.net;

import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TlsInfo;
import java.io.IOException;
import java.net.Socket;

/**
 * Turns a plain connection into a TLS one after STARTTLS (RFC 3207): the socket shell calls it when the
 * engine says {@link ServerSession.Action#START_TLS}. smtp-core knows nothing of TLS; smtp-tls provides
 * the implementation on JSSE.
 */
@FunctionalInterface
public interface TlsUpgrade {

    /** The TLS socket layered over the plain one, and what the handshake agreed. */
    record Upgraded(Socket socket, TlsInfo info) {}

    /** Performs the server-side handshake on {@code plain}; a failure closes the connection. */
    Upgraded upgrade(Socket plain) throws IOException;
}
