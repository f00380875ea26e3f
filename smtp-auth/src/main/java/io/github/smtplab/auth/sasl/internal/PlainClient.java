package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.core.AuthClient;
import io.github.smtplab.mime.Base64Codec;
import java.util.Optional;

/**
 * SASL PLAIN, client side (RFC 4616): the whole message as the initial response of AUTH. If the server
 * nonetheless sends a challenge, an empty one is answered with the message (RFC 4954 §4, "334 "); any
 * other is cancelled with {@code *}.
 */
public final class PlainClient implements AuthClient {

    private final PlainMessage message;
    private boolean sent;

    /** A client for one exchange; {@code authzid} empty to act as {@code authcid}. */
    public PlainClient(String authzid, String authcid, String password) {
        this.message = new PlainMessage(authzid, authcid, password);
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    public Optional<String> initialResponse() {
        sent = true;
        return Optional.of(Base64Codec.encode(message.encode()));
    }

    @Override
    public String respond(String challenge) {
        if (!sent && challenge.isEmpty()) {
            sent = true;
            return Base64Codec.encode(message.encode());
        }
        return "*";   // RFC 4616 §2: PLAIN has no further step
    }
}
