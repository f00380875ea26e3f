package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.auth.sasl.CredentialStore;
import io.github.smtplab.auth.sasl.UserCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SASL CRAM-MD5, server side (RFC 2195 §2). The server sends a challenge it never sends again, in the
 * form of an RFC 822 msg-id {@code <random.timestamp@hostname>}; the client answers
 * {@code user SP hex(HMAC-MD5(secret, challenge))}, and the server computes the same digest with the
 * secret it holds. That is why this mechanism needs a recoverable secret (see {@link UserCredentials}).
 */
public final class CramMd5Server implements ServerMechanism {

    /** RFC 2195 §2: the digest is 16 octets, written as 32 lower-case hexadecimal digits. */
    public static final int DIGEST_HEX_LENGTH = 32;

    private final CredentialStore store;
    private final byte[] challenge;
    private String username;

    /** A server with a fresh challenge for {@code hostname}. */
    public CramMd5Server(CredentialStore store, String hostname) {
        this(store, freshChallenge(hostname));
    }

    /** A server with a given challenge (tests: RFC 2195's example). */
    public CramMd5Server(CredentialStore store, byte[] challenge) {
        this.store = store;
        this.challenge = challenge.clone();
    }

    /**
     * RFC 2195 §2: "the challenge ... consists of a presumptively arbitrary string of random digits, a
     * timestamp, and the fully-qualified primary host name of the server", as a msg-id.
     */
    public static byte[] freshChallenge(String hostname) {
        long random = Long.parseUnsignedLong(Crypto.hex(Crypto.randomBytes(7)), 16);
        return ("<" + random + "." + System.currentTimeMillis() + "@" + hostname + ">").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ServerStep start(Optional<byte[]> initialResponse) {
        if (initialResponse.isPresent()) {
            return new ServerStep.Failure(ServerStep.FailureKind.UNEXPECTED_INITIAL_RESPONSE,
                    "RFC 4954 section 4: CRAM-MD5 starts with the server's challenge");
        }
        return new ServerStep.Challenge(challenge.clone());
    }

    @Override
    public ServerStep next(byte[] response) {
        int space = -1;
        for (int i = response.length - 1; i >= 0; i--) {
            if (response[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space <= 0 || response.length - space - 1 != DIGEST_HEX_LENGTH || space > PlainMessage.MAX_FIELD_OCTETS) {
            return new ServerStep.Failure(ServerStep.FailureKind.MALFORMED, "RFC 2195 section 2: not 'user SP 32 hex digits'");
        }
        Optional<String> user = Utf8.decode(java.util.Arrays.copyOf(response, space));
        String digest = new String(response, space + 1, DIGEST_HEX_LENGTH, StandardCharsets.US_ASCII);
        if (user.isEmpty() || !digest.matches("[0-9a-f]{32}")) {
            return new ServerStep.Failure(ServerStep.FailureKind.MALFORMED, "RFC 2195 section 2: lower-case hex digest");
        }
        username = user.get();
        Optional<UserCredentials> found;
        try {
            found = Users.find(store, user.get());
        } catch (IOException e) {
            return new ServerStep.Failure(ServerStep.FailureKind.TEMPORARY, "credential store: " + e.getMessage());
        }
        if (found.isEmpty() || found.get().cramSecret().isEmpty()) {
            return new ServerStep.Failure(ServerStep.FailureKind.INVALID_CREDENTIALS, "no CRAM-MD5 secret for this user");
        }
        byte[] expected = Crypto.hex(Crypto.hmacMd5(Users.utf8(found.get().cramSecret().get()), challenge))
                .getBytes(StandardCharsets.US_ASCII);
        return Crypto.sameBytes(expected, digest.getBytes(StandardCharsets.US_ASCII))
                ? new ServerStep.Success(found.get().username())
                : new ServerStep.Failure(ServerStep.FailureKind.INVALID_CREDENTIALS, "wrong digest");
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }
}
