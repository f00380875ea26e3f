package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.auth.sasl.CredentialStore;
import io.github.smtplab.auth.sasl.Mechanism;

/**
 * The server side of each mechanism, one fresh object per exchange. Shared by every protocol that frames
 * SASL its own way: SMTP's AUTH (RFC 4954) and POP3's AUTH (RFC 5034, in smtp-pop3).
 */
public final class ServerMechanisms {

    private ServerMechanisms() {}

    /**
     * A new exchange for {@code mechanism}.
     *
     * @param hostname   used in the CRAM-MD5 challenge (RFC 2195 §2)
     * @param iterations shown to a SCRAM client for a user that does not exist (RFC 5802 §5.1)
     */
    public static ServerMechanism of(Mechanism mechanism, CredentialStore store, String hostname, int iterations) {
        return switch (mechanism) {
            case PLAIN -> new PlainServer(store);
            case LOGIN -> new LoginServer(store);
            case CRAM_MD5 -> new CramMd5Server(store, hostname);
            case SCRAM_SHA_256 -> new ScramServer(store, iterations);
        };
    }
}
