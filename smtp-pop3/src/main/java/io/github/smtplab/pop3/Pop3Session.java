package io.github.smtplab.pop3;

import io.github.smtplab.auth.sasl.CredentialStore;
import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.internal.ServerMechanism;
import io.github.smtplab.auth.sasl.internal.ServerMechanisms;
import io.github.smtplab.auth.sasl.internal.ServerStep;
import io.github.smtplab.auth.sasl.internal.Users;
import io.github.smtplab.core.LineReader;
import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.DecodeResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The POP3 server engine (RFC 1939), without sockets: bytes in, typed responses out.
 *
 * <h2>Theory of operation</h2>
 *
 * <pre>
 *   greeting +OK ──> AUTHORIZATION ──USER/PASS, APOP, AUTH ok──> TRANSACTION ──QUIT──> UPDATE ──> end
 *                     │    │  ^                                   │                    (deletions and
 *                     │   AUTH  │ challenge / response             │ connection lost,    "seen" applied,
 *                     │    v  │  (RFC 5034 §4)                      │ timeout:            lock released)
 *                     │  SASL EXCHANGE                              v
 *                     │                                            end (nothing changed, lock released)
 *                     └── STLS (RFC 2595 §4): +OK, the shell runs the TLS handshake, AUTHORIZATION again
 * </pre>
 *
 * <p>Each state is a record holding only what is valid in it: the user name given by USER exists only in
 * {@link Authorization}; the SASL mechanism's state only in {@link SaslExchange}; the locked maildrop, the
 * messages marked deleted and those retrieved only in {@link Transaction}. A command that does not belong
 * to the current state gets {@code -ERR}; nothing in the maildrop changes before UPDATE (RFC 1939 §6),
 * so a dropped connection deletes nothing.
 *
 * <p>The socket shell ({@link Pop3Server}) feeds {@link #receive(ByteBuffer)} with whatever arrived and
 * writes the {@link Output}: responses, a pause to take first (after a failed login), and an action
 * (go on, start TLS, close). Commands may be pipelined (RFC 2449 §6.6): all complete lines in the input are
 * answered in order.
 *
 * <p><b>STLS and plaintext injection.</b> Anything the client sent after the STLS line, in the same
 * packet, was sent in clear and could come from an attacker on the path (the STARTTLS command-injection
 * flaw of 2011, CVE-2011-0411): it is discarded, never read as a command inside TLS.
 *
 * <p>Not thread-safe: one session per connection.
 */
public final class Pop3Session {

    /** RFC 2449 §4: a command line is at most 255 octets, its CRLF included. */
    public static final int MAX_COMMAND_LINE = 255;
    /**
     * A line of a SASL exchange may be longer than a command (RFC 5034 §4 sets no limit of its own); we
     * allow what SMTP allows (RFC 4954 §4: 12288 octets).
     */
    public static final int MAX_SASL_LINE = 12288;

    /** What the shell does after writing the responses. */
    public enum Action {
        /** Read the next bytes. */
        CONTINUE,
        /** Run the server side of a TLS handshake, then call {@link #tlsStarted()} (RFC 2595 §4). */
        START_TLS,
        /** Close the connection. */
        CLOSE
    }

    /**
     * What to do after some input.
     *
     * @param responses the responses, in order
     * @param pause     how long to wait before writing them (after a failed login)
     * @param action    what to do after writing them
     */
    public record Output(List<Pop3Response> responses, Duration pause, Action action) {
        public Output {
            responses = List.copyOf(responses);
            Objects.requireNonNull(pause, "pause");
            Objects.requireNonNull(action, "action");
        }
    }

    /** The states of a session (the diagram above). */
    sealed interface State permits Authorization, SaslExchange, Transaction, Ended {}

    /** Waiting for credentials; {@code user} is the name given by USER, if any (RFC 1939 §7). */
    record Authorization(Optional<String> user) implements State {}

    /** Inside AUTH: the mechanism's own state machine waits for the client's next response. */
    record SaslExchange(ServerMechanism exchange) implements State {}

    /**
     * Logged in, the maildrop locked (RFC 1939 §5).
     *
     * @param deleted   the messages marked deleted, 0-based (applied only at UPDATE)
     * @param retrieved the messages sent by RETR, 0-based (marked seen at UPDATE)
     */
    record Transaction(String user, MailboxSnapshot mailbox, Set<Integer> deleted, Set<Integer> retrieved) implements State {
        Transaction {
            deleted = Set.copyOf(deleted);
            retrieved = Set.copyOf(retrieved);
        }

        Transaction delete(int index) {
            return new Transaction(user, mailbox, plus(deleted, index), retrieved);
        }

        Transaction retrieve(int index) {
            return new Transaction(user, mailbox, deleted, plus(retrieved, index));
        }

        private static Set<Integer> plus(Set<Integer> set, int index) {
            TreeSet<Integer> more = new TreeSet<>(set);
            more.add(index);
            return more;
        }
    }

    /** The session is over; the maildrop (if any) was released or updated. */
    record Ended() implements State {}

    /** The result of one command: responses, a pause, what next, and the new state. */
    private record Step(List<Pop3Response> responses, Duration pause, Action action, State next) {
        static Step reply(Pop3Response response, State next) {
            return new Step(List.of(response), Duration.ZERO, Action.CONTINUE, next);
        }
    }

    private final Pop3Config config;
    private final CredentialStore users;
    private final MailStore store;
    private final AuthFailures failures;
    private final String clientAddress;
    private final Optional<String> apopTimestamp;
    private final LineReader lines = new LineReader(MAX_COMMAND_LINE, true);
    private boolean tls;
    private State state = new Authorization(Optional.empty());

    /**
     * A session for one connection.
     *
     * @param clientAddress  the client's IP address, for the failure counter
     * @param apopTimestamp  the greeting's timestamp {@code <...>} when APOP is offered (RFC 1939 §7: unique
     *                       per greeting; the shell makes it), else empty
     */
    public Pop3Session(Pop3Config config, CredentialStore users, MailStore store, AuthFailures failures,
                       String clientAddress, Optional<String> apopTimestamp) {
        this.config = Objects.requireNonNull(config, "config");
        this.users = Objects.requireNonNull(users, "users");
        this.store = Objects.requireNonNull(store, "store");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.apopTimestamp = config.apop() ? apopTimestamp.map(Pop3Text::checked) : Optional.empty();
    }

    /** The greeting (RFC 1939 §4), with the APOP timestamp when APOP is offered. */
    public Output start() {
        String text = config.hostname() + " POP3 server ready" + apopTimestamp.map(t -> " " + t).orElse("");
        return new Output(List.of(new Pop3Response.Ok(text)), Duration.ZERO, Action.CONTINUE);
    }

    /** TLS is in place: on an implicit-TLS port before {@link #start()}, or after STLS's handshake. */
    public void tlsStarted() {
        tls = true;
    }

    /** True once the session has ended (QUIT, too many failures, {@link #end()}). */
    public boolean isClosed() {
        return state instanceof Ended;
    }

    /**
     * The connection is gone (closed by the client, timed out, broken): the session ends WITHOUT the
     * UPDATE state (RFC 1939 §6: nothing is deleted), and the maildrop lock is released. Safe to call
     * more than once, and after QUIT.
     */
    public void end() {
        if (state instanceof Transaction t) {
            t.mailbox().release();
        }
        state = new Ended();
    }

    /**
     * Reads every complete line in {@code in} and answers each, in order.
     *
     * @param in bytes from the client; consumed up to the last complete line, or entirely when the
     *           session starts TLS or closes (what follows is discarded)
     */
    public Output receive(ByteBuffer in) {
        List<Pop3Response> responses = new ArrayList<>();
        Duration pause = Duration.ZERO;
        while (in.hasRemaining() && !(state instanceof Ended)) {
            Step step = switch (lines.read(in)) {
                case LineReader.NeedMore needMore -> null;
                case LineReader.TooLong tooLong -> tooLong();
                case LineReader.Line line -> onLine(line.bytes());
                case LineReader.BareLf bareLf -> onLine(bareLf.bytes());   // not produced: the reader accepts bare LF
            };
            if (step == null) {
                break;
            }
            responses.addAll(step.responses());
            pause = pause.plus(step.pause());
            state = step.next();
            lines.setMaxLineLength(state instanceof SaslExchange ? MAX_SASL_LINE : MAX_COMMAND_LINE);
            if (step.action() != Action.CONTINUE) {
                // STLS: what followed in the same read was sent in clear; CLOSE: nobody will read it
                in.position(in.limit());
                return new Output(responses, pause, step.action());
            }
        }
        return new Output(responses, pause, state instanceof Ended ? Action.CLOSE : Action.CONTINUE);
    }

    private Step tooLong() {
        Pop3Response err = Pop3Response.Err.of("line too long (RFC 2449 section 4: 255 octets)");
        return Step.reply(err, state instanceof SaslExchange ? new Authorization(Optional.empty()) : state);
    }

    private Step onLine(byte[] line) {
        if (state instanceof SaslExchange sasl) {
            return saslResponse(sasl, new String(line, StandardCharsets.ISO_8859_1));
        }
        Pop3Command command = Pop3CommandParser.parse(line);
        return switch (state) {
            case Authorization auth -> authorization(auth, command);
            case Transaction transaction -> transaction(transaction, command);
            case SaslExchange sasl -> throw new IllegalStateException("handled above");
            case Ended ended -> Step.reply(Pop3Response.Err.of("session ended"), ended);
        };
    }

    // ---------------------------------------------------------------- AUTHORIZATION (RFC 1939 §4, §7)

    private Step authorization(Authorization auth, Pop3Command command) {
        Authorization fresh = new Authorization(Optional.empty());
        return switch (command) {
            case Pop3Command.Capa capa -> Step.reply(capabilities(), auth);
            case Pop3Command.Stls stls -> startTls(fresh);
            case Pop3Command.User user -> config.userPassAllowed(tls)
                    ? Step.reply(new Pop3Response.Ok("send PASS"), new Authorization(Optional.of(user.name())))
                    : Step.reply(needsTls("USER"), fresh);
            case Pop3Command.Pass pass -> pass(auth, pass);
            case Pop3Command.Apop apop -> apop(apop);
            case Pop3Command.Auth sasl -> beginSasl(sasl);
            case Pop3Command.Quit quit -> new Step(List.of(new Pop3Response.Ok(config.hostname() + " signing off")),
                    Duration.ZERO, Action.CLOSE, new Ended());
            case Pop3Command.Unknown unknown -> Step.reply(Pop3Response.Err.of("unknown command"), auth);
            case Pop3Command.Invalid invalid -> Step.reply(Pop3Response.Err.of(invalid.reason()), auth);
            case Pop3Command.Stat s -> notYet(auth);
            case Pop3Command.List l -> notYet(auth);
            case Pop3Command.Retr r -> notYet(auth);
            case Pop3Command.Dele d -> notYet(auth);
            case Pop3Command.Noop n -> notYet(auth);
            case Pop3Command.Rset r -> notYet(auth);
            case Pop3Command.Top t -> notYet(auth);
            case Pop3Command.Uidl u -> notYet(auth);
        };
    }

    private static Step notYet(Authorization auth) {
        return Step.reply(Pop3Response.Err.of("log in first (RFC 1939 section 4: AUTHORIZATION state)"), auth);
    }

    /** RFC 2595 §4: only in AUTHORIZATION, only once, only when offered. */
    private Step startTls(Authorization fresh) {
        if (tls) {
            return Step.reply(Pop3Response.Err.of("TLS is already active (RFC 2595 section 4)"), fresh);
        }
        if (!config.stls()) {
            return Step.reply(Pop3Response.Err.of("STLS is not offered here"), fresh);
        }
        return new Step(List.of(new Pop3Response.Ok("begin TLS negotiation")), Duration.ZERO, Action.START_TLS, fresh);
    }

    private Pop3Response needsTls(String what) {
        return Pop3Response.Err.of(what + " is refused without TLS: " + (config.stls() ? "send STLS first (RFC 2595 section 4)" : "use the TLS port (RFC 8314)"));
    }

    private Step pass(Authorization auth, Pop3Command.Pass pass) {
        Authorization fresh = new Authorization(Optional.empty());
        if (auth.user().isEmpty()) {
            return Step.reply(Pop3Response.Err.of("send USER first (RFC 1939 section 7)"), fresh);
        }
        if (!config.userPassAllowed(tls)) {
            return Step.reply(needsTls("PASS"), fresh);
        }
        if (failures.exhausted(clientAddress)) {
            return tooManyFailures(Duration.ZERO);
        }
        ServerStep checked = Users.checkPassword(users, auth.user().get().getBytes(StandardCharsets.UTF_8),
                pass.password().getBytes(StandardCharsets.ISO_8859_1));
        return outcome(checked);
    }

    /** RFC 1939 §7: digest = MD5(timestamp + secret), in lower-case hex; only for users with a stored secret. */
    private Step apop(Pop3Command.Apop apop) {
        Authorization fresh = new Authorization(Optional.empty());
        if (apopTimestamp.isEmpty()) {
            return Step.reply(Pop3Response.Err.of("APOP is not offered here"), fresh);
        }
        if (failures.exhausted(clientAddress)) {
            return tooManyFailures(Duration.ZERO);
        }
        Optional<UserCredentials> user;
        try {
            user = users.find(apop.name());
        } catch (IOException | RuntimeException e) {
            return Step.reply(Pop3Response.Err.of(ResponseCode.SYS_TEMP, "cannot check credentials now"), fresh);
        }
        Optional<String> secret = user.flatMap(UserCredentials::cramSecret);
        byte[] expected = md5Hex(apopTimestamp.get() + secret.orElse("no secret stored for this user"));
        boolean match = MessageDigest.isEqual(expected, apop.digest().getBytes(StandardCharsets.US_ASCII));
        return match && secret.isPresent()
                ? outcome(new ServerStep.Success(user.get().username()))
                : outcome(new ServerStep.Failure(ServerStep.FailureKind.INVALID_CREDENTIALS, "APOP digest"));
    }

    /** RFC 5034 §4: AUTH mechanism [initial-response]. */
    private Step beginSasl(Pop3Command.Auth auth) {
        Authorization fresh = new Authorization(Optional.empty());
        Optional<Mechanism> mechanism = Mechanism.byWireName(auth.mechanism()).filter(config.auth().mechanisms()::contains);
        if (mechanism.isEmpty()) {
            return Step.reply(Pop3Response.Err.of("unknown SASL mechanism (RFC 5034 section 4)"), fresh);
        }
        if (!config.auth().allowed(tls).contains(mechanism.get())) {
            return Step.reply(needsTls(mechanism.get().wireName()), fresh);
        }
        if (failures.exhausted(clientAddress)) {
            return tooManyFailures(Duration.ZERO);
        }
        Optional<byte[]> initial = Optional.empty();
        if (auth.initialResponse().isPresent()) {
            String text = auth.initialResponse().get();
            if (text.equals("=")) {
                initial = Optional.of(new byte[0]);   // RFC 5034 §4: "=" is a present, empty initial response
            } else if (Base64Codec.decodeStrict(text) instanceof DecodeResult.Decoded decoded) {
                initial = Optional.of(decoded.bytes());
            } else {
                return Step.reply(Pop3Response.Err.of("the initial response is not base64 (RFC 5034 section 4)"), fresh);
            }
        }
        ServerMechanism exchange = ServerMechanisms.of(mechanism.get(), users, config.hostname(), config.auth().iterations());
        return sasl(exchange, exchange.start(initial));
    }

    /** A client response inside AUTH: "*" cancels, anything else is base64 (RFC 5034 §4). */
    private Step saslResponse(SaslExchange exchange, String line) {
        Authorization fresh = new Authorization(Optional.empty());
        if (line.equals("*")) {
            return Step.reply(Pop3Response.Err.of("AUTH cancelled by the client (RFC 5034 section 4)"), fresh);
        }
        if (!(Base64Codec.decodeStrict(line) instanceof DecodeResult.Decoded decoded)) {
            return Step.reply(Pop3Response.Err.of("the response is not base64 (RFC 5034 section 4)"), fresh);
        }
        return sasl(exchange.exchange(), exchange.exchange().next(decoded.bytes()));
    }

    private Step sasl(ServerMechanism exchange, ServerStep step) {
        if (step instanceof ServerStep.Challenge challenge) {
            return Step.reply(new Pop3Response.Challenge(Base64Codec.encode(challenge.data())), new SaslExchange(exchange));
        }
        return outcome(step);
    }

    /** The end of a login attempt, whichever command made it. */
    private Step outcome(ServerStep step) {
        Authorization fresh = new Authorization(Optional.empty());
        return switch (step) {
            case ServerStep.Success success -> openMaildrop(success.identity());
            case ServerStep.Challenge challenge -> throw new IllegalStateException("a challenge is not an outcome");
            case ServerStep.Failure failure -> switch (failure.kind()) {
                case TEMPORARY -> Step.reply(Pop3Response.Err.of(ResponseCode.SYS_TEMP, "cannot check credentials now"), fresh);
                case MALFORMED -> Step.reply(Pop3Response.Err.of("malformed authentication message"), fresh);
                case UNEXPECTED_INITIAL_RESPONSE -> Step.reply(Pop3Response.Err.of("this mechanism takes no initial response"), fresh);
                // RFC 5802 section 6: channel binding asked for, not offered here; not a credential failure
                case UNSUPPORTED_OPTION -> Step.reply(Pop3Response.Err.of("unsupported option of the mechanism: " + failure.reason()), fresh);
                case INVALID_CREDENTIALS -> {
                    AuthFailures.Verdict verdict = failures.fail(clientAddress);
                    yield verdict.close() ? tooManyFailures(verdict.pause())
                            : new Step(List.of(Pop3Response.Err.of(ResponseCode.AUTH, "authentication failed")),
                                    verdict.pause(), Action.CONTINUE, fresh);
                }
            };
        };
    }

    /** RFC 3206 §4 [AUTH], then the connection closes (the POP3 counterpart of SMTP's 421). */
    private static Step tooManyFailures(Duration pause) {
        return new Step(List.of(Pop3Response.Err.of(ResponseCode.AUTH, "too many authentication failures, closing")),
                pause, Action.CLOSE, new Ended());
    }

    /** RFC 1939 §4: the exclusive-access lock, then TRANSACTION with the maildrop as it is now. */
    private Step openMaildrop(String user) {
        failures.succeed(clientAddress);
        Authorization fresh = new Authorization(Optional.empty());
        return switch (store.open(user)) {
            case MailStore.OpenResult.Opened opened -> {
                Transaction transaction = new Transaction(user, opened.mailbox(), Set.of(), Set.of());
                yield Step.reply(new Pop3Response.Ok(user(user) + "'s maildrop has " + summary(transaction)), transaction);
            }
            case MailStore.OpenResult.InUse inUse ->
                    Step.reply(Pop3Response.Err.of(ResponseCode.IN_USE, "maildrop already locked by another session"), fresh);
            case MailStore.OpenResult.Unavailable unavailable ->
                    Step.reply(Pop3Response.Err.of(ResponseCode.SYS_TEMP, "maildrop unavailable now, try later"), fresh);
        };
    }

    /** A user name as it may be echoed: printable ASCII only, at most 64 characters. */
    private static String user(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) c : '?'));
        return out.toString();
    }

    // ---------------------------------------------------------------- TRANSACTION (RFC 1939 §5, §7)

    private Step transaction(Transaction t, Pop3Command command) {
        List<MailboxSnapshot.Entry> messages = t.mailbox().messages();
        return switch (command) {
            case Pop3Command.Stat stat -> Step.reply(new Pop3Response.Ok(count(t) + " " + octets(t)), t);
            case Pop3Command.List list -> listing(t, list.message(), "messages", i -> (i + 1) + " " + messages.get(i).size());
            case Pop3Command.Uidl uidl -> listing(t, uidl.message(), "unique-ids", i -> (i + 1) + " " + messages.get(i).uniqueId());
            case Pop3Command.Retr retr -> withMessage(t, retr.message(), i -> Step.reply(
                    new Pop3Response.Content(messages.get(i).size() + " octets", t.mailbox().source(i), OptionalInt.empty()),
                    t.retrieve(i)));
            case Pop3Command.Top top -> withMessage(t, top.message(), i -> Step.reply(
                    new Pop3Response.Content("top of message follows", t.mailbox().source(i), OptionalInt.of(top.lines())), t));
            case Pop3Command.Dele dele -> withMessage(t, dele.message(), i -> Step.reply(
                    new Pop3Response.Ok("message " + (i + 1) + " deleted"), t.delete(i)));
            case Pop3Command.Noop noop -> Step.reply(new Pop3Response.Ok(""), t);
            case Pop3Command.Rset rset -> {
                Transaction reset = new Transaction(t.user(), t.mailbox(), Set.of(), t.retrieved());
                yield Step.reply(new Pop3Response.Ok("maildrop has " + summary(reset)), reset);
            }
            case Pop3Command.Quit quit -> update(t);
            case Pop3Command.Capa capa -> Step.reply(capabilities(), t);
            case Pop3Command.Unknown unknown -> Step.reply(Pop3Response.Err.of("unknown command"), t);
            case Pop3Command.Invalid invalid -> Step.reply(Pop3Response.Err.of(invalid.reason()), t);
            case Pop3Command.User u -> alreadyIn(t);
            case Pop3Command.Pass p -> alreadyIn(t);
            case Pop3Command.Apop a -> alreadyIn(t);
            case Pop3Command.Auth a -> alreadyIn(t);
            case Pop3Command.Stls s -> Step.reply(Pop3Response.Err.of("STLS only before login (RFC 2595 section 4)"), t);
        };
    }

    private static Step alreadyIn(Transaction t) {
        return Step.reply(Pop3Response.Err.of("already logged in (RFC 1939 section 5: TRANSACTION state)"), t);
    }

    /** RFC 1939 §5: a message number that exists and is not marked deleted, else -ERR. */
    private static Step withMessage(Transaction t, int number, java.util.function.IntFunction<Step> then) {
        int size = t.mailbox().messages().size();
        if (number > size) {
            return Step.reply(Pop3Response.Err.of("no such message, only " + size + " in maildrop"), t);
        }
        if (t.deleted().contains(number - 1)) {
            return Step.reply(Pop3Response.Err.of("message " + number + " already deleted"), t);
        }
        return then.apply(number - 1);
    }

    /** LIST and UIDL: one line for one message, or a multi-line listing of every message not deleted. */
    private static Step listing(Transaction t, OptionalInt number, String what, java.util.function.IntFunction<String> line) {
        if (number.isPresent()) {
            return withMessage(t, number.getAsInt(), i -> Step.reply(new Pop3Response.Ok(line.apply(i)), t));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < t.mailbox().messages().size(); i++) {
            if (!t.deleted().contains(i)) {
                lines.add(line.apply(i));
            }
        }
        return Step.reply(new Pop3Response.MultiLine(lines.size() + " " + what + " follow", lines), t);
    }

    /** RFC 1939 §6: QUIT in TRANSACTION enters UPDATE: deletions and "seen" are applied, the lock released. */
    private Step update(Transaction t) {
        int notRemoved = t.mailbox().update(t.deleted(), t.retrieved());
        Pop3Response response = notRemoved == 0
                ? new Pop3Response.Ok(config.hostname() + " signing off (" + t.deleted().size() + " messages deleted)")
                : Pop3Response.Err.of(ResponseCode.SYS_TEMP, "some deleted messages not removed");
        return new Step(List.of(response), Duration.ZERO, Action.CLOSE, new Ended());
    }

    private static int count(Transaction t) {
        return t.mailbox().messages().size() - t.deleted().size();
    }

    private static long octets(Transaction t) {
        List<MailboxSnapshot.Entry> messages = t.mailbox().messages();
        long sum = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!t.deleted().contains(i)) {
                sum += messages.get(i).size();
            }
        }
        return sum;
    }

    private static String summary(Transaction t) {
        return count(t) + " messages (" + octets(t) + " octets)";
    }

    // ---------------------------------------------------------------- CAPA (RFC 2449 §5, §6)

    /** What the server can do now: USER, SASL and STLS depend on TLS and on the state. */
    private Pop3Response capabilities() {
        List<String> lines = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        boolean beforeLogin = state instanceof Authorization;
        if (beforeLogin && config.userPassAllowed(tls)) {
            lines.add("USER");
        }
        Set<Mechanism> sasl = config.auth().allowed(tls);
        if (beforeLogin && !sasl.isEmpty()) {
            lines.add("SASL " + sasl.stream().map(Mechanism::wireName).collect(Collectors.joining(" ")));
        }
        if (beforeLogin && config.stls() && !tls) {
            lines.add("STLS");
        }
        lines.add("IMPLEMENTATION " + config.implementation());
        return new Pop3Response.MultiLine("capability list follows", lines);
    }

    private static byte[] md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
