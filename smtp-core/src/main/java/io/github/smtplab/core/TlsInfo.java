package io.github.smtplab.core;

import java.util.Optional;

/**
 * What a TLS layer reports once its handshake is done, for the Received field (RFC 8314 §4.3 suggests
 * recording the TLS version and cipher) and for transcripts.
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param peer        the verified peer's subject, when the peer presented a certificate
 */
public record TlsInfo(String protocol, String cipherSuite, Optional<String> peer) {}
