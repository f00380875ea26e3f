package io.github.smtplab.auth.sasl;

import io.github.smtplab.auth.sasl.internal.CramMd5Client;
import io.github.smtplab.auth.sasl.internal.LoginClient;
import io.github.smtplab.auth.sasl.internal.PlainClient;
import io.github.smtplab.auth.sasl.internal.ScramClient;
import io.github.smtplab.core.AuthClient;

/** The client side of each mechanism, as smtp-core's {@link AuthClient} (one object per exchange). */
public final class SaslClients {

    private SaslClients() {}

    /** RFC 4616: the message {@code authzid NUL authcid NUL passwd} as the initial response. */
    public static AuthClient plain(String authzid, String username, String password) {
        return new PlainClient(authzid, username, password);
    }

    /** draft-murchison-sasl-login-00: the user name, then the password, each answering a 334. */
    public static AuthClient login(String username, String password) {
        return new LoginClient(username, password);
    }

    /** RFC 2195: {@code user SP hex(HMAC-MD5(password, challenge))}. */
    public static AuthClient cramMd5(String username, String password) {
        return new CramMd5Client(username, password);
    }

    /** RFC 5802 + RFC 7677, GS2 header {@code n,,}, a fresh nonce; verifies the server's signature. */
    public static AuthClient scramSha256(String username, String password) {
        return new ScramClient(username, password);
    }

    /** The client for {@code mechanism}, with no authorization identity. */
    public static AuthClient of(Mechanism mechanism, String username, String password) {
        return switch (mechanism) {
            case PLAIN -> plain("", username, password);
            case LOGIN -> login(username, password);
            case CRAM_MD5 -> cramMd5(username, password);
            case SCRAM_SHA_256 -> scramSha256(username, password);
        };
    }
}
