package io.github.smtplab.core.net;

import io.github.smtplab.core.AuthClient;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how a client authenticates, once it knows what the server offers: the mechanisms after
 * {@code AUTH} in the EHLO reply, and whether the session runs inside TLS (PLAIN and LOGIN send the
 * password itself and belong only inside TLS, RFC 4954 §4 and §14).
 */
@FunctionalInterface
public interface ClientAuthentication {

    /** The mechanism to use, or empty when none of those offered is acceptable. */
    Optional<AuthClient> choose(List<String> offeredMechanisms, boolean tlsActive);
}
