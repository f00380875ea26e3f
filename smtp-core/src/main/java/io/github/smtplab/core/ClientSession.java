package io.github.smtplab.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of one SMTP session, as a pure state machine: server bytes in, commands and events
 * out. The socket shell writes the commands it returns, streams the message content when told to, and
 * feeds back whatever the server sends.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>The client waits for the greeting (RFC 5321 §3.1), introduces itself with EHLO and falls back to
 * HELO when the server does not know EHLO (§3.2: 500, 501, 502 or 550). The EHLO reply says what the
 * server offers ({@link Capabilities}). Each {@link MailTransaction} is then sent as MAIL, one RCPT per
 * recipient, and DATA (§3.3):
 * <ul>
 *   <li>with PIPELINING (RFC 2920 §3.1) the three go out as one group, DATA last; the replies are matched
 *       to the commands by counting them, never by their text;</li>
 *   <li>without it, one command at a time, stopping at the first failure.</li>
 * </ul>
 * After {@code 354} the shell sends the content ({@link ContentAction#MESSAGE}, dot-stuffed by a
 * {@link DotStuffer}). If the server said 354 although no recipient was accepted, the client sends an
 * empty message (a lone ".", {@link ContentAction#EMPTY_MESSAGE}, RFC 2920 §3.1). Each transaction ends
 * with a {@link TransactionResult} that keeps every recipient's reply: some may fail while others pass.
 *
 * <p>The client adds the MAIL parameters the content calls for: {@code SIZE} when offered (RFC 1870),
 * {@code BODY=8BITMIME} for 8-bit content (RFC 6152), {@code SMTPUTF8} for UTF-8 addresses (RFC 6531);
 * when the server lacks a needed extension the transaction is not started and the result says why.
 *
 * <p>A hostile server cannot make the client hold much: each reply is bounded by {@link ReplyParser} (512
 * octets a line, RFC 5321 §4.5.3.1.5; {@link ReplyParser#MAX_LINES_PER_REPLY} lines;
 * {@link ReplyParser#MAX_REPLY_OCTETS} octets), past which {@link #receive} throws
 * {@link ReplyTooLargeException} and the session is closed. How long each reply may take is the shell's
 * business: {@link #awaiting()} says which reply is due, and the socket shell's
 * {@code core.net.ReplyDeadlines} how long it may take.
 *
 * <p>Not thread-safe: one session per connection.
 */
public final class ClientSession {

    /** Where the dialogue is. */
    public enum State {
        /** Waiting for the 220 greeting. */
        GREETING,
        /** EHLO or HELO sent. */
        INTRODUCING,
        /** STARTTLS accepted (220): the shell performs the handshake, then calls {@link #tlsStarted()}. */
        STARTING_TLS,
        /** Ready for a transaction. */
        READY,
        /** AUTH sent; the exchange goes on until 235 or a failure (RFC 4954 §4). */
        AUTHENTICATING,
        /** MAIL, RCPT, DATA sent; waiting for their replies. */
        TRANSACTION,
        /** The shell is sending the content. */
        CONTENT,
        /** Content sent; waiting for the final reply. */
        END_OF_DATA,
        /** RSET sent after a failed transaction. */
        RESETTING,
        /** QUIT sent. */
        QUITTING,
        /** The dialogue is over. */
        CLOSED
    }

    /** What the shell sends after writing the commands. */
    public enum ContentAction {
        /** Nothing. */
        NONE,
        /** The message content, dot-stuffed, then {@code CRLF.CRLF}; then call {@link #contentSent()}. */
        MESSAGE,
        /** Only the end-of-data line {@code .CRLF}; then call {@link #contentSent()} (RFC 2920 §3.1). */
        EMPTY_MESSAGE
    }

    /** Something the application should know. */
    public sealed interface Event {
        /** The server greeted us. */
        record Greeted(Reply reply) implements Event {}

        /** The server accepted EHLO or HELO; transactions may start. */
        record Ready(Capabilities capabilities) implements Event {}

        /** A transaction ended. */
        record Done(TransactionResult result) implements Event {}

        /** The server refused the session (greeting, EHLO and HELO); the client quits. */
        record Refused(Reply reply) implements Event {}

        /**
         * The policy asked for TLS and the server cannot give it (STARTTLS not offered, or refused): the
         * client does not fall back to plain text (RFC 3207 §4.1 leaves it to the client; REQUIRED says no).
         */
        record TlsUnavailable(String reason) implements Event {}

        /** AUTH succeeded (235): the server now knows who we are. */
        record Authenticated(String mechanism) implements Event {}

        /** AUTH failed: 535 bad credentials, 534/538 mechanism too weak or needs TLS, 454 try later... */
        record AuthFailed(Reply reply) implements Event {}

        /** The session is over: after QUIT, or because the server closed it (421). */
        record Closed(Optional<Reply> reply) implements Event {}
    }

    /**
     * What one call produced.
     *
     * @param commands commands to write now, in order (each followed by CRLF), flushed together
     * @param content  whether to send message content after them
     * @param events   what happened
     * @param startTls after writing the commands, start the TLS handshake and call {@link #tlsStarted()}
     * @param exchangeLine a line of an AUTH exchange to write (after the commands), not itself a command
     */
    public record Output(List<Command> commands, ContentAction content, List<Event> events, boolean startTls,
                         Optional<String> exchangeLine) {
        public Output {
            commands = List.copyOf(commands);
            events = List.copyOf(events);
        }
    }

    /**
     * What a reply in flight answers: the shell gives each its own deadline (RFC 5321 §4.5.3.2 names the
     * greeting, MAIL, RCPT, DATA and the end of data).
     */
    public enum Awaiting {
        /** The 220 greeting (§4.5.3.2.1). */
        GREETING,
        /** The reply to EHLO. */
        EHLO,
        /** The reply to HELO. */
        HELO,
        /** The reply to STARTTLS (RFC 3207). */
        STARTTLS,
        /** A reply during AUTH (RFC 4954). */
        AUTH,
        /** The reply to MAIL (§4.5.3.2.2). */
        MAIL,
        /** The reply to one RCPT (§4.5.3.2.3). */
        RCPT,
        /** The reply to DATA, 354 or a refusal (§4.5.3.2.4). */
        DATA,
        /** The reply after the final dot (§4.5.3.2.6). */
        END_OF_DATA,
        /** The reply to RSET. */
        RSET,
        /** The reply to QUIT. */
        QUIT
    }

    private final String clientDomain;
    private final TranscriptListener transcript;
    private LineReader lines = new LineReader(LineReader.MAX_REPLY_LINE, true);
    private ReplyParser replies = new ReplyParser(false);
    private final Deque<Awaiting> inFlight = new ArrayDeque<>();

    private State state = State.GREETING;
    private long repliesReceived;
    private Capabilities capabilities;

    // the current transaction
    private MailTransaction transaction;
    private Reply mailReply;
    private final List<TransactionResult.RecipientOutcome> outcomes = new ArrayList<>();
    private boolean pipelined;

    // this call's output
    private final List<Command> commands = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private ContentAction content = ContentAction.NONE;
    private boolean startTls;
    private String exchangeLine;
    private AuthClient authClient;

    // TLS (RFC 3207)
    private final ClientTlsPolicy tlsPolicy;
    private boolean tlsActive;

    /**
     * @param clientDomain the name given in EHLO/HELO: the client's fully-qualified domain name, or an
     *                     address literal (§4.1.1.1)
     */
    public ClientSession(String clientDomain, TranscriptListener transcript, ClientTlsPolicy tlsPolicy) {
        this.clientDomain = Objects.requireNonNull(clientDomain, "clientDomain");
        this.transcript = Objects.requireNonNull(transcript, "transcript");
        this.tlsPolicy = Objects.requireNonNull(tlsPolicy, "tlsPolicy");
        this.tlsActive = tlsPolicy == ClientTlsPolicy.IMPLICIT;   // the shell handshakes before the greeting
        inFlight.add(Awaiting.GREETING);
    }

    public ClientSession(String clientDomain, TranscriptListener transcript) {
        this(clientDomain, transcript, ClientTlsPolicy.NONE);
    }

    public ClientSession(String clientDomain) {
        this(clientDomain, TranscriptListener.NONE);
    }

    /** True once the session runs inside TLS. */
    public boolean tlsActive() {
        return tlsActive;
    }

    /**
     * The shell finished the TLS handshake after {@link Output#startTls()}. Everything learnt before is
     * forgotten and the client says EHLO again (RFC 3207 §4.2), using only what the server offers now.
     */
    public Output tlsStarted() {
        if (state != State.STARTING_TLS) {
            throw new IllegalStateException("no STARTTLS was in progress");
        }
        tlsActive = true;
        capabilities = null;
        lines = new LineReader(LineReader.MAX_REPLY_LINE, true);
        replies = new ReplyParser(false);
        transcript.event("TLS started");
        state = State.INTRODUCING;
        send(new Command.Ehlo(clientDomain), Awaiting.EHLO);
        return flush();
    }

    public State state() {
        return state;
    }

    /** The reply the server owes next, if any: what the shell's read deadline is for. */
    public Optional<Awaiting> awaiting() {
        return Optional.ofNullable(inFlight.peek());
    }

    /** How many complete replies have arrived so far: a new one restarts the shell's read deadline. */
    public long repliesReceived() {
        return repliesReceived;
    }

    /** What the server offered; empty before its EHLO/HELO reply. */
    public Optional<Capabilities> capabilities() {
        return Optional.ofNullable(capabilities);
    }

    /**
     * Consumes the server's bytes and handles every complete reply in them.
     *
     * <p>After an exception the session is {@link State#CLOSED}: replies can no longer be matched to
     * commands, so the shell drops the connection without QUIT.
     *
     * @throws ReplyTooLargeException when a reply breaks a bound: a line over 512 octets (§4.5.3.1.5),
     *                               too many lines or octets ({@link ReplyParser})
     * @throws SmtpProtocolException when the server breaks the reply syntax (§4.2) or replies when no
     *                               command is in flight
     */
    public Output receive(ByteBuffer in) throws SmtpProtocolException {
        try {
            return readReplies(in);
        } catch (SmtpProtocolException e) {
            state = State.CLOSED;
            inFlight.clear();
            throw e;
        }
    }

    private Output readReplies(ByteBuffer in) throws SmtpProtocolException {
        while (in.hasRemaining()) {
            LineReader.Result result = lines.read(in);
            switch (result) {
                case LineReader.NeedMore ignored -> {
                    return flush();
                }
                case LineReader.TooLong tooLong -> throw new ReplyTooLargeException(ReplyTooLargeException.Limit.LINE_OCTETS,
                        "reply line of " + tooLong.length() + " octets, over the " + Reply.MAX_REPLY_LINE + " of RFC 5321 section 4.5.3.1.5");
                case LineReader.BareLf bareLf -> throw new IllegalStateException("the reply reader accepts bare LF");
                case LineReader.Line line -> {
                    Optional<Reply> reply = replies.accept(new String(line.bytes(), StandardCharsets.UTF_8));
                    if (reply.isPresent()) {
                        onReply(reply.get());
                    }
                    if (state == State.STARTING_TLS) {
                        // the client-side STARTTLS injection: nothing read before the handshake may be
                        // taken as coming from inside TLS, so the rest of this read is dropped
                        in.position(in.limit());
                        return flush();
                    }
                }
            }
        }
        return flush();
    }

    /** Starts a transaction; only when {@link State#READY}. */
    public Output send(MailTransaction mail) {
        if (state != State.READY) {
            throw new IllegalStateException("a transaction starts when the session is READY, not " + state);
        }
        Optional<String> problem = missingExtension(mail);
        if (problem.isPresent()) {
            events.add(new Event.Done(new TransactionResult(mail, Optional.empty(), List.of(), Optional.empty(), problem)));
            return flush();
        }
        transaction = mail;
        mailReply = null;
        outcomes.clear();
        pipelined = capabilities.offers(SmtpExtension.PIPELINING);
        state = State.TRANSACTION;
        send(new Command.MailFrom(mail.sender(), mailParameters(mail)), Awaiting.MAIL);
        if (pipelined) {
            for (ForwardPath recipient : mail.recipients()) {
                send(new Command.RcptTo(recipient), Awaiting.RCPT);
            }
            send(new Command.Data(), Awaiting.DATA);
        }
        return flush();
    }

    /**
     * Authenticates with one SASL mechanism (RFC 4954 §4); only when {@link State#READY}. The result
     * comes as an {@link Event.Authenticated} or {@link Event.AuthFailed} event.
     */
    public Output authenticate(AuthClient mechanism) {
        if (state != State.READY) {
            throw new IllegalStateException("AUTH is sent when the session is READY, not " + state);
        }
        authClient = Objects.requireNonNull(mechanism, "mechanism");
        state = State.AUTHENTICATING;
        send(new Command.Auth(mechanism.mechanism(), mechanism.initialResponse()), Awaiting.AUTH);
        return flush();
    }

    /** The shell finished sending the content (or the lone dot) after a {@link ContentAction}. */
    public Output contentSent() {
        if (state != State.CONTENT) {
            throw new IllegalStateException("no content was asked for");
        }
        state = State.END_OF_DATA;
        inFlight.add(Awaiting.END_OF_DATA);
        return flush();
    }

    /** Ends the session politely (§4.1.1.10). */
    public Output quit() {
        if (state == State.CLOSED || state == State.QUITTING) {
            return flush();
        }
        state = State.QUITTING;
        send(new Command.Quit(), Awaiting.QUIT);
        return flush();
    }

    /** The connection is gone. */
    public void connectionClosed() {
        state = State.CLOSED;
    }

    // ---- replies ----------------------------------------------------------------------------------------

    private void onReply(Reply reply) throws SmtpProtocolException {
        repliesReceived++;
        transcript.serverReply(reply);
        Awaiting expected = inFlight.poll();
        if (expected == null && reply.code() != 421) {
            throw new SmtpProtocolException("a reply that answers no command: " + reply);
        }
        // §3.8: 421 means the server is closing the channel, whatever the command was
        if (reply.code() == 421) {
            finish(Optional.of(reply), false);
            inFlight.clear();
            state = State.CLOSED;
            events.add(new Event.Closed(Optional.of(reply)));
            return;
        }
        switch (expected) {
            case GREETING -> greeting(reply);
            case EHLO -> ehlo(reply);
            case HELO -> helo(reply);
            case STARTTLS -> startTlsReply(reply);
            case AUTH -> authReply(reply);
            case MAIL -> mail(reply);
            case RCPT -> rcpt(reply);
            case DATA -> data(reply);
            case END_OF_DATA -> finish(Optional.of(reply), false);
            case RSET -> state = State.READY;
            case QUIT -> {
                state = State.CLOSED;
                events.add(new Event.Closed(Optional.of(reply)));
            }
        }
    }

    private void greeting(Reply reply) {
        if (reply.code() == 220) {
            events.add(new Event.Greeted(reply));
            state = State.INTRODUCING;
            send(new Command.Ehlo(clientDomain), Awaiting.EHLO);
        } else {
            refused(reply);
        }
    }

    private void ehlo(Reply reply) {
        if (reply.code() == 250) {
            capabilities = Capabilities.fromEhloReply(reply);
            replies = new ReplyParser(capabilities.offers(SmtpExtension.ENHANCED_STATUS_CODES));
            boolean wantTls = !tlsActive && (tlsPolicy == ClientTlsPolicy.OPPORTUNISTIC || tlsPolicy == ClientTlsPolicy.REQUIRED);
            if (wantTls && capabilities.offers("STARTTLS")) {
                send(new Command.StartTls(), Awaiting.STARTTLS);
            } else if (wantTls && tlsPolicy == ClientTlsPolicy.REQUIRED) {
                tlsUnavailable(capabilities.serverDomain() + " does not offer STARTTLS");
            } else {
                if (wantTls) {
                    // RFC 7435: opportunistic security goes on in clear, and says so
                    transcript.event("STARTTLS not offered by " + capabilities.serverDomain() + ", continuing without TLS");
                }
                ready();
            }
        } else if (reply.code() == 500 || reply.code() == 501 || reply.code() == 502 || reply.code() == 550) {
            send(new Command.Helo(clientDomain), Awaiting.HELO);   // §3.2: an old server, fall back to HELO
        } else {
            refused(reply);
        }
    }

    /** RFC 3207 §4: 220 means "start the handshake now"; anything else means no TLS on this connection. */
    private void startTlsReply(Reply reply) {
        if (reply.code() == 220) {
            state = State.STARTING_TLS;
            startTls = true;
        } else if (tlsPolicy == ClientTlsPolicy.REQUIRED) {
            tlsUnavailable("STARTTLS refused: " + reply);
        } else {
            ready();   // opportunistic: carry on in plain text, and say so through the transcript
            transcript.event("STARTTLS refused, continuing without TLS: " + reply);
        }
    }

    /** RFC 4954 §4: 334 carries a challenge, 235 ends in success, anything else in failure. */
    private void authReply(Reply reply) {
        if (reply.code() == 334) {
            String response = authClient.respond(reply.lines().getFirst());
            transcript.clientLine(response);
            exchangeLine = response;
            inFlight.add(Awaiting.AUTH);
        } else if (reply.code() == 235 && !authClient.acceptsSuccess()) {
            // RFC 5802 §5.1: the server never proved it knows the password; do not trust this success
            events.add(new Event.AuthFailed(Reply.of(535, "5.7.8", "The server's " + authClient.mechanism()
                    + " proof is missing or wrong; not trusting its 235")));
            authClient = null;
            state = State.READY;
        } else if (reply.code() == 235) {
            events.add(new Event.Authenticated(authClient.mechanism()));
            authClient = null;
            state = State.READY;
        } else {
            events.add(new Event.AuthFailed(reply));
            authClient = null;
            state = State.READY;
        }
    }

    private void tlsUnavailable(String reason) {
        events.add(new Event.TlsUnavailable(reason));
        state = State.QUITTING;
        send(new Command.Quit(), Awaiting.QUIT);
    }

    private void helo(Reply reply) {
        if (tlsPolicy == ClientTlsPolicy.REQUIRED && !tlsActive && reply.code() == 250) {
            tlsUnavailable("the server does not speak ESMTP, so it cannot offer STARTTLS");
            return;
        }
        if (reply.code() == 250) {
            capabilities = Capabilities.none(reply.lines().getFirst().split(" ")[0]);
            ready();
        } else {
            refused(reply);
        }
    }

    private void ready() {
        state = State.READY;
        events.add(new Event.Ready(capabilities));
    }

    private void refused(Reply reply) {
        events.add(new Event.Refused(reply));
        if (reply.code() != 421) {
            state = State.QUITTING;
            send(new Command.Quit(), Awaiting.QUIT);
        }
    }

    private void mail(Reply reply) {
        mailReply = reply;
        if (pipelined) {
            return;   // the RCPT and DATA replies follow
        }
        if (reply.isPositiveCompletion()) {
            send(new Command.RcptTo(transaction.recipients().getFirst()), Awaiting.RCPT);
        } else {
            finish(Optional.empty(), false);
        }
    }

    private void rcpt(Reply reply) {
        outcomes.add(new TransactionResult.RecipientOutcome(transaction.recipients().get(outcomes.size()), reply));
        if (pipelined) {
            return;
        }
        if (outcomes.size() < transaction.recipients().size()) {
            send(new Command.RcptTo(transaction.recipients().get(outcomes.size())), Awaiting.RCPT);
        } else if (outcomes.stream().anyMatch(TransactionResult.RecipientOutcome::accepted)) {
            send(new Command.Data(), Awaiting.DATA);
        } else {
            finish(Optional.empty(), true);   // no recipient: RSET closes the server's open transaction
        }
    }

    private void data(Reply reply) {
        if (reply.code() == 354) {
            boolean anyRecipient = mailReply.isPositiveCompletion() && outcomes.stream().anyMatch(TransactionResult.RecipientOutcome::accepted);
            content = anyRecipient ? ContentAction.MESSAGE : ContentAction.EMPTY_MESSAGE;
            state = State.CONTENT;
        } else {
            // DATA refused: RFC 2920 §3.1 "the client SMTP can just issue RSET"
            finish(Optional.of(reply), mailReply.isPositiveCompletion());
        }
    }

    /**
     * Ends the transaction with its result.
     *
     * @param resetServer the server still holds an open transaction (MAIL accepted, no message): RSET it
     */
    private void finish(Optional<Reply> finalReply, boolean resetServer) {
        if (transaction == null) {
            return;
        }
        events.add(new Event.Done(new TransactionResult(transaction, Optional.ofNullable(mailReply), outcomes,
                finalReply, Optional.empty())));
        transaction = null;
        if (resetServer) {
            state = State.RESETTING;
            send(new Command.Rset(), Awaiting.RSET);
        } else {
            state = State.READY;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** An extension the content needs and the server lacks, said in one sentence. */
    private Optional<String> missingExtension(MailTransaction mail) {
        if (mail.eightBit() && !capabilities.offers(SmtpExtension.EIGHT_BIT_MIME)) {
            return Optional.of("the message has 8-bit content and " + capabilities.serverDomain()
                    + " does not offer 8BITMIME (RFC 6152); re-encode it as 7-bit MIME first");
        }
        if (mail.needsSmtpUtf8() && !capabilities.offers(SmtpExtension.SMTPUTF8)) {
            return Optional.of("an address has non-ASCII characters and " + capabilities.serverDomain()
                    + " does not offer SMTPUTF8 (RFC 6531)");
        }
        if (mail.size().isPresent() && capabilities.maxSize().isPresent()
                && mail.size().getAsLong() > capabilities.maxSize().getAsLong()) {
            return Optional.of("the message has " + mail.size().getAsLong() + " octets and " + capabilities.serverDomain()
                    + " accepts at most " + capabilities.maxSize().getAsLong() + " (RFC 1870)");
        }
        return Optional.empty();
    }

    private EsmtpParameters mailParameters(MailTransaction mail) {
        Map<String, Optional<String>> params = new LinkedHashMap<>();
        if (capabilities.offers(SmtpExtension.SIZE) && mail.size().isPresent()) {
            params.put("SIZE", Optional.of(String.valueOf(mail.size().getAsLong())));
        }
        if (mail.eightBit()) {
            params.put("BODY", Optional.of("8BITMIME"));
        }
        if (mail.needsSmtpUtf8()) {
            params.put("SMTPUTF8", Optional.empty());
        }
        return new EsmtpParameters(params);
    }

    private void send(Command command, Awaiting expect) {
        transcript.clientLine(command.format());
        commands.add(command);
        inFlight.add(expect);
    }

    private Output flush() {
        Output output = new Output(commands, content, events, startTls, Optional.ofNullable(exchangeLine));
        commands.clear();
        events.clear();
        content = ContentAction.NONE;
        startTls = false;
        exchangeLine = null;
        return output;
    }
}
