package io.github.smtplab.auth.sasl;

import java.io.IOException;
import java.util.Optional;

/** Where the AUTH extension finds users. A failure to read it becomes {@code 454 4.7.0} (RFC 4954 §6). */
@FunctionalInterface
public interface CredentialStore {

    /**
     * The user called {@code username} (exact match on the UTF-8 octets), or empty when there is none.
     *
     * @throws IOException when the store cannot answer now (a temporary failure)
     */
    Optional<UserCredentials> find(String username) throws IOException;
}
