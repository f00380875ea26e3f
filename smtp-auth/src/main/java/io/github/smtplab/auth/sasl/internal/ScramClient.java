package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.auth.sasl.ScramCredentials;
import io.github.smtplab.core.AuthClient;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * SCRAM-SHA-256, client side (RFC 5802 §5, RFC 7677), without channel binding (GS2 header {@code n,,}).
 * Besides proving the password, the client checks the server: the nonce must start with its own
 * (RFC 5802 §5.1), the iteration count must be at least 4096 (RFC 7677 §4), and the server's signature
 * must match — otherwise the client cancels with {@code *}, even if the server would have said 235.
 */
public final class ScramClient implements AuthClient {

    private enum State { SENT_FIRST, SENT_FINAL, VERIFIED, FAILED }

    private final byte[] password;
    private final String clientNonce;
    private final String clientFirstBare;
    private State state = State.SENT_FIRST;
    private byte[] expectedServerSignature;
    private String failure = "";

    /** A client for one exchange, with a fresh random nonce. */
    public ScramClient(String username, String password) {
        this(username, password, Scram.newNonce());
    }

    /** A client with a given nonce (tests: RFC 7677 §3's example). */
    public ScramClient(String username, String password, String clientNonce) {
        if (!Scram.isValidNonce(clientNonce)) {
            throw new IllegalArgumentException("RFC 5802 section 7: a nonce is printable characters without a comma");
        }
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + Scram.escapeUsername(username) + ",r=" + clientNonce;
    }

    @Override
    public String mechanism() {
        return "SCRAM-SHA-256";
    }

    /** {@code n,,n=user,r=cnonce}, in base64. */
    @Override
    public Optional<String> initialResponse() {
        return Optional.of(Base64Codec.encode((Scram.GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String respond(String challenge) {
        Optional<byte[]> decoded = Scram.base64(challenge);
        if (decoded.isEmpty()) {
            return fail("RFC 4954 section 4: the challenge is not base64");
        }
        Optional<String> text = Utf8.decode(decoded.get());
        if (text.isEmpty()) {
            return fail("the challenge is not UTF-8");
        }
        return switch (state) {
            case SENT_FIRST -> serverFirst(text.get());
            case SENT_FINAL -> serverFinal(text.get());
            case VERIFIED, FAILED -> fail("unexpected challenge");
        };
    }

    /** A 235 is believed only after the server's signature checked out (RFC 5802 §5.1). */
    @Override
    public boolean acceptsSuccess() {
        return serverVerified();
    }

    /** True once the server proved it holds this user's verifier (RFC 5802 §5.1 {@code v=}). */
    public boolean serverVerified() {
        return state == State.VERIFIED;
    }

    /** Why the client gave up, for transcripts; empty if it did not. */
    public String failure() {
        return failure;
    }

    private String serverFirst(String message) {
        Optional<List<Scram.Attribute>> attributes = Scram.attributes(message);
        if (attributes.isEmpty() || attributes.get().size() < 3) {
            return fail("RFC 5802 section 7: server-first-message is r=...,s=...,i=...");
        }
        List<Scram.Attribute> a = attributes.get();
        if (a.get(0).name() != 'r' || a.get(1).name() != 's' || a.get(2).name() != 'i') {
            return fail("RFC 5802 section 7: r=, s=, i= in this order (m= is not supported)");
        }
        String nonce = a.get(0).value();
        if (!Scram.isValidNonce(nonce) || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            return fail("RFC 5802 section 5.1: the server nonce must extend ours");
        }
        Optional<byte[]> salt = a.get(1).value().length() > Scram.MAX_SALT_LENGTH ? Optional.empty() : Scram.base64(a.get(1).value());
        if (salt.isEmpty() || salt.get().length == 0) {
            return fail("RFC 5802 section 7: s= is a non-empty base64 salt");
        }
        String count = a.get(2).value();
        if (!count.matches("[1-9][0-9]{0,8}")) {
            return fail("RFC 5802 section 7: i= is a positive number");
        }
        int iterations = Integer.parseInt(count);
        if (iterations < ScramCredentials.MIN_ITERATIONS || iterations > ScramCredentials.MAX_ITERATIONS) {
            return fail("RFC 7677 section 4: iteration count " + iterations + " outside " + ScramCredentials.MIN_ITERATIONS
                    + ".." + ScramCredentials.MAX_ITERATIONS);
        }
        byte[] saltedPassword = Crypto.hi(password, salt.get(), iterations);
        byte[] clientKey = Crypto.hmacSha256(saltedPassword, Scram.CLIENT_KEY);
        byte[] storedKey = Crypto.sha256(clientKey);
        String withoutProof = "c=" + Base64Codec.encode(Scram.GS2_HEADER.getBytes(StandardCharsets.US_ASCII)) + ",r=" + nonce;
        String authMessage = Scram.authMessage(clientFirstBare, message, withoutProof);
        byte[] clientProof = Crypto.xor(clientKey, Crypto.hmacSha256(storedKey, authMessage));
        expectedServerSignature = Crypto.hmacSha256(Crypto.hmacSha256(saltedPassword, Scram.SERVER_KEY), authMessage);
        state = State.SENT_FINAL;
        return Base64Codec.encode((withoutProof + ",p=" + Base64Codec.encode(clientProof)).getBytes(StandardCharsets.UTF_8));
    }

    private String serverFinal(String message) {
        if (!message.startsWith("v=")) {
            return fail("RFC 5802 section 7: server-final-message is v=... (or e=... on error): " + message);
        }
        Optional<byte[]> signature = Scram.base64(message.substring(2));
        if (signature.isEmpty() || !Crypto.sameBytes(signature.get(), expectedServerSignature)) {
            return fail("RFC 5802 section 5.1: the server signature does not match: this server does not know the verifier");
        }
        state = State.VERIFIED;
        return "";   // RFC 4954 §4: an empty response acknowledges the last challenge
    }

    private String fail(String reason) {
        state = State.FAILED;
        failure = reason;
        return "*";
    }
}
