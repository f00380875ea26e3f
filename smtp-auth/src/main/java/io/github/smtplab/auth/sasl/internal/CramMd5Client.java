package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.core.AuthClient;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SASL CRAM-MD5, client side (RFC 2195 §2): answers the server's challenge with
 * {@code user SP hex(HMAC-MD5(password, challenge))}. A challenge that is not strict base64 is
 * cancelled with {@code *} (RFC 4954 §4), as is any second challenge.
 */
public final class CramMd5Client implements AuthClient {

    private final String username;
    private final byte[] password;
    private boolean answered;

    /** A client for one exchange. */
    public CramMd5Client(String username, String password) {
        this.username = username;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String mechanism() {
        return "CRAM-MD5";
    }

    @Override
    public Optional<String> initialResponse() {
        return Optional.empty();   // RFC 2195 §2: the server speaks first
    }

    @Override
    public String respond(String challenge) {
        Optional<byte[]> decoded = Scram.base64(challenge);
        if (answered || decoded.isEmpty() || decoded.get().length == 0) {
            return "*";
        }
        answered = true;
        String response = username + " " + Crypto.hex(Crypto.hmacMd5(password, decoded.get()));
        return Base64Codec.encode(response.getBytes(StandardCharsets.UTF_8));
    }
}
