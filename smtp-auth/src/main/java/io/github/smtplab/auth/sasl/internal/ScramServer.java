package io.github.smtplab.auth.sasl.internal;

import io.github.smtplab.auth.sasl.CredentialStore;
import io.github.smtplab.auth.sasl.ScramCredentials;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.internal.ServerStep.FailureKind;
import io.github.smtplab.mime.Base64Codec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * SCRAM-SHA-256, server side (RFC 5802 §5, RFC 7677), without channel binding:
 *
 * <pre>
 *   C: n,,n=user,r=cnonce                        client-first-message (usually the initial response)
 *   S: r=cnonce+snonce,s=salt,i=4096             server-first-message
 *   C: c=biws,r=cnonce+snonce,p=ClientProof      client-final-message
 *   S: v=ServerSignature                         server-final-message (a 334: SMTP has no success data, RFC 4954 §4)
 *   C: (empty line)
 *   S: 235
 * </pre>
 *
 * The server checks {@code H(ClientProof XOR HMAC(StoredKey, AuthMessage)) == StoredKey}: it never
 * needs the password, only the verifier of {@link ScramCredentials}.
 */
public final class ScramServer implements ServerMechanism {

    private enum State { CLIENT_FIRST, CLIENT_FINAL, SERVER_FINAL_SENT, ERROR_SENT, DONE }

    /** RFC 5802 §7 server-error for a client that requires channel binding (gs2-cbind-flag {@code p=}). */
    static final String CHANNEL_BINDING_NOT_SUPPORTED = "e=channel-binding-not-supported";

    /** Secret of this process, so that an unknown user gets a stable fake salt (RFC 5802 §5.1: do not reveal which users exist). */
    private static final byte[] FAKE_SALT_KEY = Crypto.randomBytes(32);

    private final CredentialStore store;
    private final String serverNonce;
    private final int fakeIterations;
    private State state = State.CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String username;
    private ScramCredentials credentials;
    private boolean knownUser;

    /** A server with a fresh nonce; unknown users are shown {@code fakeIterations} like real ones. */
    public ScramServer(CredentialStore store, int fakeIterations) {
        this(store, Scram.newNonce(), fakeIterations);
    }

    /** A server with a given nonce part (tests: RFC 7677 §3's example). */
    public ScramServer(CredentialStore store, String serverNonce, int fakeIterations) {
        if (!Scram.isValidNonce(serverNonce)) {
            throw new IllegalArgumentException("RFC 5802 section 7: a nonce is printable characters without a comma");
        }
        this.store = store;
        this.serverNonce = serverNonce;
        this.fakeIterations = fakeIterations;
    }

    @Override
    public ServerStep start(Optional<byte[]> initialResponse) {
        // RFC 5802 §5: the client speaks first; without an initial response, send an empty challenge (RFC 4954 §4).
        return initialResponse.map(this::next).orElseGet(() -> new ServerStep.Challenge(new byte[0]));
    }

    @Override
    public ServerStep next(byte[] response) {
        State current = state;
        state = State.DONE;   // any failure ends the exchange; success paths set the next state
        Optional<String> text = Utf8.decode(response);
        if (text.isEmpty()) {
            return malformed("not UTF-8");
        }
        return switch (current) {
            case CLIENT_FIRST -> clientFirst(text.get());
            case CLIENT_FINAL -> clientFinal(text.get());
            case SERVER_FINAL_SENT -> text.get().isEmpty()
                    ? new ServerStep.Success(username)
                    : malformed("RFC 4954 section 4: the answer to the server-final message is empty");
            case ERROR_SENT -> new ServerStep.Failure(FailureKind.UNSUPPORTED_OPTION,
                    "RFC 5802 section 6: channel binding (p=) is not offered");
            case DONE -> malformed("the exchange is over");
        };
    }

    /** RFC 5802 §7 {@code client-first-message = gs2-header client-first-message-bare}. */
    private ServerStep clientFirst(String message) {
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (secondComma < 0) {
            return malformed("RFC 5802 section 7: no gs2-header");
        }
        String cbindFlag = message.substring(0, firstComma);
        String authzid = message.substring(firstComma + 1, secondComma);
        if (cbindFlag.startsWith("p=")) {
            // RFC 5802 §6: we do not offer SCRAM-SHA-256-PLUS, so a client asking for binding must fail, with the
            // mechanism's own error in place of the server-final-message (§7 server-error), not as a wrong password.
            state = State.ERROR_SENT;
            return new ServerStep.Challenge(CHANNEL_BINDING_NOT_SUPPORTED.getBytes(StandardCharsets.US_ASCII));
        }
        if (!cbindFlag.equals("n") && !cbindFlag.equals("y")) {
            return malformed("RFC 5802 section 7: gs2-cbind-flag is n, y or p=");
        }
        Optional<String> authorization = Optional.empty();
        if (!authzid.isEmpty()) {
            if (!authzid.startsWith("a=")) {
                return malformed("RFC 5802 section 7: authzid is a=saslname");
            }
            authorization = Scram.unescapeUsername(authzid.substring(2));
            if (authorization.isEmpty()) {
                return malformed("RFC 5802 section 5.1: bad escape in authzid");
            }
        }
        gs2Header = message.substring(0, secondComma + 1);
        clientFirstBare = message.substring(secondComma + 1);
        Optional<List<Scram.Attribute>> attributes = Scram.attributes(clientFirstBare);
        if (attributes.isEmpty() || attributes.get().size() < 2) {
            return malformed("RFC 5802 section 7: client-first-message-bare is n=...,r=...");
        }
        List<Scram.Attribute> a = attributes.get();
        if (a.getFirst().name() == 'm') {
            return malformed("RFC 5802 section 5.1: mandatory extension m= not supported");
        }
        if (a.get(0).name() != 'n' || a.get(1).name() != 'r' || !Scram.isValidNonce(a.get(1).value())) {
            return malformed("RFC 5802 section 7: n=username,r=nonce");
        }
        Optional<String> user = Scram.unescapeUsername(a.get(0).value());
        if (user.isEmpty() || user.get().isEmpty() || user.get().getBytes(StandardCharsets.UTF_8).length > UserCredentials.MAX_USERNAME_OCTETS) {
            return malformed("RFC 5802 section 5.1: bad username");
        }
        username = user.get();
        if (authorization.isPresent() && !authorization.get().equals(username)) {
            return new ServerStep.Failure(FailureKind.INVALID_CREDENTIALS, "RFC 5802 section 5.1: " + username + " may not act as " + authorization.get());
        }
        Optional<UserCredentials> found;
        try {
            found = Users.find(store, username);
        } catch (IOException e) {
            return new ServerStep.Failure(FailureKind.TEMPORARY, "credential store: " + e.getMessage());
        }
        knownUser = found.isPresent();
        credentials = found.map(UserCredentials::scram).orElseGet(this::fakeCredentials);
        nonce = a.get(1).value() + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64Codec.encode(credentials.salt()) + ",i=" + credentials.iterations();
        state = State.CLIENT_FINAL;
        return new ServerStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5802 §7 {@code client-final-message = channel-binding "," nonce ["," extensions] "," proof}. */
    private ServerStep clientFinal(String message) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return malformed("RFC 5802 section 7: no proof");
        }
        String withoutProof = message.substring(0, proofAt);
        Optional<List<Scram.Attribute>> attributes = Scram.attributes(withoutProof);
        if (attributes.isEmpty() || attributes.get().size() < 2
                || attributes.get().get(0).name() != 'c' || attributes.get().get(1).name() != 'r') {
            return malformed("RFC 5802 section 7: c=...,r=...,p=...");
        }
        Optional<byte[]> binding = Scram.base64(attributes.get().get(0).value());
        if (binding.isEmpty() || !Crypto.sameBytes(binding.get(), gs2Header.getBytes(StandardCharsets.UTF_8))) {
            return new ServerStep.Failure(FailureKind.INVALID_CREDENTIALS, "RFC 5802 section 5.1: c= is not the gs2-header");
        }
        if (!attributes.get().get(1).value().equals(nonce)) {
            return new ServerStep.Failure(FailureKind.INVALID_CREDENTIALS, "RFC 5802 section 5.1: nonce mismatch");
        }
        Optional<byte[]> proof = Scram.base64(message.substring(proofAt + 3));
        if (proof.isEmpty() || proof.get().length != ScramCredentials.KEY_OCTETS) {
            return malformed("RFC 5802 section 7: proof is base64 of 32 octets");
        }
        String authMessage = Scram.authMessage(clientFirstBare, serverFirst, withoutProof);
        byte[] clientSignature = Crypto.hmacSha256(credentials.storedKey(), authMessage);
        byte[] clientKey = Crypto.xor(proof.get(), clientSignature);
        boolean proven = Crypto.sameBytes(Crypto.sha256(clientKey), credentials.storedKey());
        if (!proven || !knownUser) {
            return new ServerStep.Failure(FailureKind.INVALID_CREDENTIALS, knownUser ? "wrong proof" : "no such user");
        }
        byte[] serverSignature = Crypto.hmacSha256(credentials.serverKey(), authMessage);
        state = State.SERVER_FINAL_SENT;
        return new ServerStep.Challenge(("v=" + Base64Codec.encode(serverSignature)).getBytes(StandardCharsets.US_ASCII));
    }

    /** Credentials no password matches, with a salt that is the same each time for the same name. */
    private ScramCredentials fakeCredentials() {
        byte[] salt = java.util.Arrays.copyOf(Crypto.hmacSha256(FAKE_SALT_KEY, username), ScramCredentials.SALT_OCTETS);
        return new ScramCredentials(salt, fakeIterations, Crypto.randomBytes(32), Crypto.randomBytes(32));
    }

    private static ServerStep malformed(String reason) {
        return new ServerStep.Failure(FailureKind.MALFORMED, reason);
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }
}
