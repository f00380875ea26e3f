package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.core.AuthClient;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SASL LOGIN, client side (draft-murchison-sasl-login-00 §2): no initial response; the first challenge
 * is answered with the user name, the second with the password, whatever their text says (the draft:
 * clients must not rely on the prompts). A third challenge is cancelled with {@code *}.
 */
public final class LoginClient implements AuthClient {

    private final byte[] username;
    private final byte[] password;
    private int answered;

    /** A client for one exchange. */
    public LoginClient(String username, String password) {
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    public Optional<String> initialResponse() {
        return Optional.empty();
    }

    @Override
    public String respond(String challenge) {
        answered++;
        return switch (answered) {
            case 1 -> Base64Codec.encode(username);
            case 2 -> Base64Codec.encode(password);
            default -> "*";
        };
    }
}
