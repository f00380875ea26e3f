package io.github.smtplab.auth.sasl;

import io.github.smtplab.auth.sasl.internal.FailureTracker;
import io.github.smtplab.auth.sasl.internal.ServerMechanisms;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
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
 * <p>Failures and rate limiting, the choice made here (RFC 4954 §6 leaves it to the server):
 * <ul>
 *   <li>every AUTH exchange that does not succeed counts as a failure: bad credentials, but also a
 *       malformed message, a response that is not base64, an unknown mechanism, a cancel — except a
 *       temporary failure of the credential store, which is the server's fault;</li>
 *   <li>after a failure the connection pauses before its reply; the pause doubles with each failure of
 *       the same user from the same address (1 s, 2 s, 4 s, at most {@link AuthPolicy#maxFailureDelay()}),
 *       whatever connection they came on, and is forgotten after a success or 15 quiet minutes;</li>
 *   <li>after {@link AuthPolicy#maxFailures()} failures on one connection the server closes it with
 *       {@code 421 4.7.0};</li>
 *   <li>there is no lockout: a client that gives the right password is let in at once, however many
 *       failures others (or itself) had before, so an attacker behind the same address — or guessing
 *       the same user name — cannot lock the real user out. Guessing stays slow: one attempt per pause
 *       per connection, and the connections per address are limited by the server.</li>
 * </ul>
 * The pause blocks only this connection's (virtual) thread.
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
    /** RFC 5802 section 6: SCRAM with channel binding (p=, the -PLUS variant) is not offered here. */
    static final Reply CHANNEL_BINDING_NOT_OFFERED = Reply.of(504, "5.5.4", "SCRAM channel binding (SCRAM-SHA-256-PLUS) is not offered");
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
    /** Failures per connection (the session object), forgotten with the connection. */
    private final Map<SessionView, Integer> connectionFailures = Collections.synchronizedMap(new WeakHashMap<>());
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
        this.failures = new FailureTracker(policy.failureDelay(), policy.maxFailureDelay(), clock);
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
        Attempt attempt = new Attempt(session, addressOf(session));
        Optional<Mechanism> mechanism = Mechanism.byWireName(auth.mechanism()).filter(policy.mechanisms()::contains);
        if (mechanism.isEmpty()) {
            return failed(attempt, Optional.empty(), UNKNOWN_MECHANISM);
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
                return failed(attempt, Optional.empty(), NOT_BASE64);
            }
        }
        ServerMechanism server = ServerMechanisms.of(mechanism.get(), store, hostname, policy.iterations());
        return apply(server.start(initial), server, attempt);
    }

    /** Who is trying: the connection (for its failure count) and its address (for the pause). */
    private record Attempt(SessionView session, String address) {}

    /** The next line of an exchange: {@code *} cancels, anything else must be strict base64 (RFC 4954 §4). */
    private ExtensionReply onLine(String line, ServerMechanism server, Attempt attempt) {
        if (line.equals("*")) {
            return failed(attempt, server.username(), CANCELLED);
        }
        if (!(Base64Codec.decodeStrict(line) instanceof DecodeResult.Decoded d)) {
            return failed(attempt, server.username(), NOT_BASE64);
        }
        return apply(server.next(d.bytes()), server, attempt);
    }

    private ExtensionReply apply(ServerStep step, ServerMechanism server, Attempt attempt) {
        return switch (step) {
            case ServerStep.Challenge c -> new ExtensionReply.Challenge(
                    // RFC 4954 §4: "334" SP base64; an empty challenge is "334 " with nothing after the space
                    new Reply(334, Optional.empty(), List.of(Base64Codec.encode(c.data()))),
                    (line, session) -> onLine(line, server, attempt));
            case ServerStep.Success s -> {
                failures.succeed(key(attempt, Optional.of(s.identity())));
                connectionFailures.remove(attempt.session());
                yield new ExtensionReply.Authenticated(SUCCESS, s.identity());
            }
            case ServerStep.Failure f -> switch (f.kind()) {
                case TEMPORARY -> done(TEMPORARY);   // the store's fault, not the client's: not counted
                case MALFORMED -> failed(attempt, server.username(), MALFORMED);
                case UNEXPECTED_INITIAL_RESPONSE -> failed(attempt, server.username(), NO_INITIAL_RESPONSE);
                case INVALID_CREDENTIALS -> failed(attempt, server.username(), INVALID);
                case UNSUPPORTED_OPTION -> done(CHANNEL_BINDING_NOT_OFFERED);   // RFC 5802 section 6: not a password failure
            };
        };
    }

    /**
     * RFC 4954 §6: {@code reply} after a pause that grows with the failures of this user from this
     * address; {@code 421} once this connection has used its attempts.
     */
    private ExtensionReply failed(Attempt attempt, Optional<String> user, Reply reply) {
        Duration wait = failures.delayAfter(failures.fail(key(attempt, user)));
        if (!wait.isZero()) {
            pause.pause(wait);
        }
        int onThisConnection = connectionFailures.merge(attempt.session(), 1, Integer::sum);
        return onThisConnection >= policy.maxFailures() ? tooMany() : done(reply);
    }

    /** The key of the pause: the address and the user named (none when the exchange broke before a name). */
    private static String key(Attempt attempt, Optional<String> user) {
        return attempt.address() + " " + user.orElse("");
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
