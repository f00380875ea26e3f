package io.github.smtplab.auth.sasl;

import io.github.smtplab.auth.sasl.internal.CramMd5Server;
import io.github.smtplab.auth.sasl.internal.FailureTracker;
import io.github.smtplab.auth.sasl.internal.LoginServer;
import io.github.smtplab.auth.sasl.internal.PlainServer;
import io.github.smtplab.auth.sasl.internal.ScramServer;
import io.github.smtplab.auth.sasl.internal.ServerMechanism;
import io.github.smtplab.auth.sasl.internal.ServerStep;
import io.github.smtplab.core.Command;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerExtension;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.Xtext;
import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.DecodeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The AUTH extension of RFC 4954 for smtp-core's server engine. One instance serves every connection
 * of a listener; the state of an exchange lives in the {@link LineHandler}s it returns.
 *
 * <pre>
 *   S: 250-AUTH SCRAM-SHA-256 PLAIN LOGIN        (only the mechanisms allowed on this connection now, §3)
 *   C: AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm    (optional initial response, "=" for an empty one, §4)
 *   S: 334 ...                                   (a challenge, base64, §4)
 *   C: ...                                       (a response, base64, or "*" to cancel: 501 5.7.0)
 *   S: 235 2.7.0 Authentication successful       (or 535 5.7.8, 454 4.7.0, 501 5.5.2, §6)
 * </pre>
 *
 * <p>After a failure the connection pauses (the pause doubles with each failure from the same client
 * address), and after {@link AuthPolicy#maxFailures()} the server closes with {@code 421 4.7.0}. The
 * pause blocks only this connection's (virtual) thread.
 *
 * <p>In the submission role, give smtp-core's {@code RoleHooks} the relay rule
 * {@link #relayAllowed(SessionView)}: relaying is for authenticated clients only (RFC 6409 §4.3).
 */
public final class AuthExtension implements ServerExtension {

    /** How the extension waits after a failure; tests pass one that only records. */
    @FunctionalInterface
    public interface Pause {
        /** Waits {@code duration}. */
        void pause(Duration duration);

        /** {@link Thread#sleep(Duration)}, keeping the interrupt flag. */
        Pause SLEEP = duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** RFC 4954 §6. */
    static final Reply SUCCESS = Reply.of(235, "2.7.0", "Authentication successful");
    /** RFC 4954 §6: bad user or password. */
    static final Reply INVALID = Reply.of(535, "5.7.8", "Authentication credentials invalid");
    /** RFC 4954 §4: the client cancelled with "*". */
    static final Reply CANCELLED = Reply.of(501, "5.7.0", "Authentication cancelled");
    /** RFC 4954 §4: a response that is not base64. */
    static final Reply NOT_BASE64 = Reply.of(501, "5.5.2", "Cannot decode response (RFC 4954 section 4: strict base64)");
    /** RFC 4954 §4: a mechanism's message that breaks its own grammar. */
    static final Reply MALFORMED = Reply.of(501, "5.5.2", "Malformed authentication message");
    /** RFC 4954 §4: an initial response where the server speaks first. */
    static final Reply NO_INITIAL_RESPONSE = Reply.of(501, "5.7.0", "This mechanism takes no initial response");
    /** RFC 4954 §4: unknown or disabled mechanism. */
    static final Reply UNKNOWN_MECHANISM = Reply.of(504, "5.5.4", "Unrecognized authentication type");
    /** RFC 4954 §6: the mechanism needs TLS here. */
    static final Reply ENCRYPTION_REQUIRED = Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    /** RFC 4954 §6: the credential store failed. */
    static final Reply TEMPORARY = Reply.of(454, "4.7.0", "Temporary authentication failure");
    /** RFC 4954 §6: MAIL without AUTH where the policy requires it. */
    static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");
    /** RFC 6409 §6.1 / RFC 3463 X.7.1: the sender does not belong to the user. */
    static final Reply SENDER_REFUSED = Reply.of(553, "5.7.1", "Sender address not owned by the authenticated user");
    /** RFC 4954 §5: the AUTH= value is neither xtext nor {@code <>}. */
    static final Reply BAD_AUTH_PARAMETER = Reply.of(501, "5.5.4", "AUTH= is an xtext or <> (RFC 4954 section 5)");

    private final CredentialStore store;
    private final AuthPolicy policy;
    private final String hostname;
    private final FailureTracker failures;
    private final Pause pause;

    /** An extension that really pauses after failures. */
    public AuthExtension(CredentialStore store, AuthPolicy policy, String hostname) {
        this(store, policy, hostname, Pause.SLEEP, Instant::now);
    }

    /** An extension with the given pause and clock (tests). */
    public AuthExtension(CredentialStore store, AuthPolicy policy, String hostname, Pause pause, Supplier<Instant> clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.failures = new FailureTracker(policy.maxFailures(), policy.failureDelay(), policy.maxFailureDelay(), clock);
    }

    /** The relay rule for the submission role (RFC 6409 §4.3): only authenticated sessions relay. */
    public static boolean relayAllowed(SessionView session) {
        return session.authenticatedAs().isPresent();
    }

    /** RFC 4954 §3: {@code AUTH} and the mechanisms allowed now; nothing when none is (e.g. before TLS). */
    @Override
    public List<String> ehloKeywords(SessionView session) {
        Set<Mechanism> allowed = policy.allowed(session.tls().isPresent());
        if (allowed.isEmpty()) {
            return List.of();
        }
        return List.of("AUTH " + allowed.stream().map(Mechanism::wireName).collect(Collectors.joining(" ")));
    }

    /** RFC 4954 §5: the AUTH= parameter of MAIL. */
    @Override
    public Set<String> mailParameters() {
        return Set.of("AUTH");
    }

    /** RFC 6409 §4.1 and RFC 4954 §5, §6: MAIL needs AUTH first; the sender must be the user's. */
    @Override
    public Optional<Reply> beforeMail(Command.MailFrom mail, SessionView session) {
        Optional<String> authValue = mail.parameters().auth();
        if (mail.parameters().has("AUTH") && (authValue.isEmpty()
                || !(authValue.get().equals("<>") || Xtext.decode(authValue.get()).isPresent()))) {
            return Optional.of(BAD_AUTH_PARAMETER);
        }
        Optional<String> identity = session.authenticatedAs();
        if (identity.isEmpty()) {
            return policy.requireAuthForMail() ? Optional.of(AUTH_REQUIRED) : Optional.empty();
        }
        return policy.senders().allows(identity.get(), mail.path()) ? Optional.empty() : Optional.of(SENDER_REFUSED);
    }

    /** RFC 4954 §4: the AUTH command. */
    @Override
    public Optional<ExtensionReply> onCommand(Command command, SessionView session) {
        if (!(command instanceof Command.Auth auth)) {
            return Optional.empty();
        }
        return Optional.of(begin(auth, session));
    }

    private ExtensionReply begin(Command.Auth auth, SessionView session) {
        if (!session.extended() || session.authenticatedAs().isPresent() || session.inTransaction()) {
            return done(Replies.BAD_SEQUENCE.withText(!session.extended() ? "Send EHLO first (RFC 4954 section 4)"
                    : session.inTransaction() ? "AUTH is not allowed during a mail transaction (RFC 4954 section 4)"
                    : "Already authenticated (RFC 4954 section 4)"));
        }
        String address = addressOf(session);
        if (failures.exhausted(address)) {
            return tooMany();
        }
        Optional<Mechanism> mechanism = Mechanism.byWireName(auth.mechanism()).filter(policy.mechanisms()::contains);
        if (mechanism.isEmpty()) {
            return done(UNKNOWN_MECHANISM);
        }
        if (!policy.allowed(session.tls().isPresent()).contains(mechanism.get())) {
            return done(ENCRYPTION_REQUIRED);
        }
        Optional<byte[]> initial = Optional.empty();
        if (auth.initialResponse().isPresent()) {
            String text = auth.initialResponse().get();
            if (text.equals("=")) {
                initial = Optional.of(new byte[0]);   // RFC 4954 §4: "=" is a present, empty response
            } else if (Base64Codec.decodeStrict(text) instanceof DecodeResult.Decoded d) {
                initial = Optional.of(d.bytes());
            } else {
                return done(NOT_BASE64);
            }
        }
        ServerMechanism server = switch (mechanism.get()) {
            case PLAIN -> new PlainServer(store);
            case LOGIN -> new LoginServer(store);
            case CRAM_MD5 -> new CramMd5Server(store, hostname);
            case SCRAM_SHA_256 -> new ScramServer(store, policy.iterations());
        };
        return apply(server.start(initial), server, address);
    }

    /** The next line of an exchange: {@code *} cancels, anything else must be strict base64 (RFC 4954 §4). */
    private ExtensionReply onLine(String line, ServerMechanism server, String address) {
        if (line.equals("*")) {
            return done(CANCELLED);
        }
        if (!(Base64Codec.decodeStrict(line) instanceof DecodeResult.Decoded d)) {
            return done(NOT_BASE64);
        }
        return apply(server.next(d.bytes()), server, address);
    }

    private ExtensionReply apply(ServerStep step, ServerMechanism server, String address) {
        return switch (step) {
            case ServerStep.Challenge c -> new ExtensionReply.Challenge(
                    // RFC 4954 §4: "334" SP base64; an empty challenge is "334 " with nothing after the space
                    new Reply(334, Optional.empty(), List.of(Base64Codec.encode(c.data()))),
                    (line, session) -> onLine(line, server, address));
            case ServerStep.Success s -> {
                failures.succeed(address);
                yield new ExtensionReply.Authenticated(SUCCESS, s.identity());
            }
            case ServerStep.Failure f -> switch (f.kind()) {
                case TEMPORARY -> done(TEMPORARY);
                case MALFORMED -> done(MALFORMED);
                case UNEXPECTED_INITIAL_RESPONSE -> done(NO_INITIAL_RESPONSE);
                case INVALID_CREDENTIALS -> failed(address);
            };
        };
    }

    /** RFC 4954 §6: 535 after a pause that grows per address; 421 once the address has used its attempts. */
    private ExtensionReply failed(String address) {
        int count = failures.fail(address);
        Duration wait = failures.delayAfter(count);
        if (!wait.isZero()) {
            pause.pause(wait);
        }
        return count >= policy.maxFailures() ? tooMany() : done(INVALID);
    }

    private ExtensionReply tooMany() {
        return new ExtensionReply.Close(Reply.of(421, "4.7.0", hostname + " Too many authentication failures, closing connection"));
    }

    private static ExtensionReply done(Reply reply) {
        return new ExtensionReply.Done(reply);
    }

    /** The key under which failures are counted: the client's IP address, without the port. */
    private static String addressOf(SessionView session) {
        return session.clientAddress()
                .map(a -> a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString())
                .orElse("unknown");
    }
}
