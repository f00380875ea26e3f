package io.github.smtplab.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import io.github.smtplab.auth.sasl.CredentialStore;
import java.util.Optional;

/**
 * SASL LOGIN, server side (draft-murchison-sasl-login-00 §2): the server asks for the user name, then
 * for the password; each answer is one message. The prompts are the de-facto ones, {@code "Username:"}
 * ({@code VXNlcm5hbWU6}) and {@code "Password:"} ({@code UGFzc3dvcmQ6}); the draft says clients must
 * ignore their text.
 *
 * <p>The draft defines no initial response, but many clients (Python's smtplib among them) send the
 * user name as one ({@code AUTH LOGIN dXNlcg==}); it is accepted and the server asks for the password.
 */
public final class LoginServer implements ServerMechanism {

    /** The de-facto first prompt. */
    public static final byte[] USERNAME_PROMPT = "Username:".getBytes(StandardCharsets.US_ASCII);
    /** The de-facto second prompt. */
    public static final byte[] PASSWORD_PROMPT = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final CredentialStore store;
    private byte[] username;

    /** A server checking passwords against {@code store}. */
    public LoginServer(CredentialStore store) {
        this.store = store;
    }

    @Override
    public ServerStep start(Optional<byte[]> initialResponse) {
        if (initialResponse.isPresent()) {
            return next(initialResponse.get());
        }
        return new ServerStep.Challenge(USERNAME_PROMPT);
    }

    @Override
    public ServerStep next(byte[] response) {
        if (username == null) {
            if (response.length == 0 || response.length > PlainMessage.MAX_FIELD_OCTETS) {
                return new ServerStep.Failure(ServerStep.FailureKind.MALFORMED, "empty or overlong user name");
            }
            username = response;
            return new ServerStep.Challenge(PASSWORD_PROMPT);
        }
        if (response.length > PlainMessage.MAX_FIELD_OCTETS) {
            return new ServerStep.Failure(ServerStep.FailureKind.MALFORMED, "overlong password");
        }
        return Users.checkPassword(store, username, response);
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(username).flatMap(Utf8::decode);
    }
}
