package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.auth.sasl.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SASL PLAIN, server side (RFC 4616): one message from the client, usually as the initial response of
 * AUTH; without one, the server sends an empty challenge ({@code "334 "}, RFC 4954 §4) and waits.
 */
public final class PlainServer implements ServerMechanism {

    private final CredentialStore store;
    private String username;

    /** A server checking passwords against {@code store}. */
    public PlainServer(CredentialStore store) {
        this.store = store;
    }

    @Override
    public ServerStep start(Optional<byte[]> initialResponse) {
        return initialResponse.map(this::next).orElseGet(() -> new ServerStep.Challenge(new byte[0]));
    }

    @Override
    public ServerStep next(byte[] response) {
        Optional<PlainMessage> message = PlainMessage.decode(response);
        if (message.isEmpty()) {
            return new ServerStep.Failure(ServerStep.FailureKind.MALFORMED, "RFC 4616 section 2: not authzid NUL authcid NUL passwd");
        }
        PlainMessage m = message.get();
        username = m.authcid();
        ServerStep checked = Users.checkPassword(store, m.authcid().getBytes(StandardCharsets.UTF_8),
                m.password().getBytes(StandardCharsets.UTF_8));
        // RFC 4616 §2: the server acts as authzid only if authcid may; smtplab lets a user act only as itself.
        if (checked instanceof ServerStep.Success success && !m.authzid().isEmpty() && !m.authzid().equals(success.identity())) {
            return new ServerStep.Failure(ServerStep.FailureKind.INVALID_CREDENTIALS,
                    "RFC 4616 section 2: " + success.identity() + " may not act as " + m.authzid());
        }
        return checked;
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }
}
