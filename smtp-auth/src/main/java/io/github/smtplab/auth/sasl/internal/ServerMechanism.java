package io.github.smtplab.auth.sasl.internal;

import java.util.Optional;

/**
 * The server side of one SASL exchange: a small state machine fed with decoded client messages. No
 * I/O, no base64: the AUTH extension does the framing (RFC 4954 §4).
 */
public interface ServerMechanism {

    /**
     * The exchange begins. {@code initialResponse} is the decoded initial response of the AUTH command,
     * if the client sent one ({@code "="} becomes an empty array).
     */
    ServerStep start(Optional<byte[]> initialResponse);

    /** The client's (decoded) answer to the last challenge. */
    ServerStep next(byte[] response);

    /** The user the client named so far (authentication identity), once the mechanism has read it. */
    default Optional<String> username() {
        return Optional.empty();
    }
}
