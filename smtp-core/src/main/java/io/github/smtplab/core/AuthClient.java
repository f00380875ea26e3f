package io.github.smtplab.core;

import java.util.Optional;

/**
 * The client side of one SASL mechanism during an AUTH exchange (RFC 4954 §4). smtp-core only carries
 * the lines; the mechanisms themselves (PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-256) live in smtp-auth, which
 * also owns the base64 of the exchange.
 */
public interface AuthClient {

    /** The mechanism name sent after AUTH, e.g. {@code SCRAM-SHA-256}. */
    String mechanism();

    /**
     * The initial response sent on the AUTH line, in base64 ({@code "="} for an empty one, RFC 4954 §4),
     * or empty to wait for the server's first challenge.
     */
    Optional<String> initialResponse();

    /**
     * Answers a {@code 334} challenge: {@code challenge} is the reply's text (base64, possibly empty);
     * the result is the next line to send, in base64, or {@code "*"} to cancel the exchange.
     */
    String respond(String challenge);

    /**
     * Asked when the server says 235: may the client believe it? A mechanism that authenticates the server
     * too (SCRAM's server signature, RFC 5802 §5.1 "v=") answers false until it has checked that proof, so a
     * server that skips it cannot pass for the real one.
     */
    default boolean acceptsSuccess() {
        return true;
    }
}
