package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.auth.sasl.CredentialStore;
import io.github.smtplab.auth.sasl.PasswordHash;
import io.github.smtplab.auth.sasl.UserCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Password checks shared by PLAIN and LOGIN, with the same cost whether the user exists or not. */
public final class Users {

    /**
     * Checked when the user does not exist, so that an unknown user costs as much time as a wrong
     * password: response times must not tell which user names exist.
     */
    private static final PasswordHash DUMMY = PasswordHash.create("not a password", PasswordHash.DEFAULT_ITERATIONS);

    private Users() {}

    /** Verifies a password (its octets as received) for {@code username}; a store failure is TEMPORARY. */
    public static ServerStep checkPassword(CredentialStore store, byte[] usernameUtf8, byte[] password) {
        Optional<String> username = Utf8.decode(usernameUtf8);
        if (username.isEmpty()) {
            return new ServerStep.Failure(ServerStep.FailureKind.MALFORMED, "user name is not UTF-8");
        }
        Optional<UserCredentials> user;
        try {
            user = store.find(username.get());
        } catch (IOException | RuntimeException e) {
            return new ServerStep.Failure(ServerStep.FailureKind.TEMPORARY, "credential store: " + e.getMessage());
        }
        if (user.isEmpty()) {
            DUMMY.matches(password);
            return new ServerStep.Failure(ServerStep.FailureKind.INVALID_CREDENTIALS, "no such user");
        }
        return user.get().password().matches(password)
                ? new ServerStep.Success(user.get().username())
                : new ServerStep.Failure(ServerStep.FailureKind.INVALID_CREDENTIALS, "wrong password");
    }

    /** Looks a user up; a failing store becomes an exception the caller turns into TEMPORARY. */
    static Optional<UserCredentials> find(CredentialStore store, String username) throws IOException {
        try {
            return store.find(username);
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
