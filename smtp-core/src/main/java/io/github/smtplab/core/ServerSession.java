package io.github.smtplab.core;

import io.github.smtplab.core.ServerExtension.ExtensionReply;
import io.github.smtplab.core.ServerExtension.LineHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The server side of one SMTP session, as a pure state machine: bytes in, replies out. It never touches
 * a socket, a thread or a clock; the socket shell feeds it what arrived and writes what it returns.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>A session is a dialogue of commands and replies (RFC 5321 §2.1, §4.1). The server speaks first
 * ({@link #start()}: {@code 220} greeting, §4.3.1). The client then introduces itself (EHLO or HELO),
 * opens a mail transaction with MAIL, names one or more recipients with RCPT, and sends the content
 * with DATA (or BDAT chunks, RFC 3030). After the content the transaction is over and another may
 * start. RSET abandons a transaction; NOOP, HELP, VRFY and QUIT are allowed at any point.
 *
 * <pre>
 *                 EHLO/HELO            MAIL               RCPT (accepted)
 *   CONNECTED ───────────────► READY ────────► MAIL ─────────────────────► RCPT ──┐ RCPT
 *       ▲                       ▲ ▲                                         │  ◄──┘
 *       │ STARTTLS done         │ │ end of data (250 / 5yz / 4yz)       DATA │ BDAT
 *       │ (RFC 3207 §4.2)       │ └────────────────────────── DATA, BDAT ◄──┘
 *       │                       │ RSET, EHLO, HELO: back to READY from any state after the greeting
 * </pre>
 *
 * <p>The ordering rules of §4.1.4 become {@code 503 Bad sequence of commands}: MAIL before EHLO/HELO,
 * MAIL inside a transaction, RCPT before MAIL, DATA before MAIL. DATA after MAIL with no accepted
 * recipient gets {@code 554 No valid recipients} (§3.3).
 *
 * <p>Input is consumed in one of four modes: command lines (through one {@link LineReader}, 512
 * octets, §4.5.3.1.4), message data (through a {@link DataDecoder}: dot-unstuffing, end of data only at
 * {@code CRLF.CRLF}, bare CR or LF refused — the SMTP smuggling defence), BDAT chunks (counted octets),
 * and exchange lines given to an extension (the AUTH dialogue). Pipelined input (RFC 2920) needs nothing
 * special: every complete line in the buffer is handled in order and its replies are returned together,
 * which is when a pipelining server flushes (RFC 2920 §3.2: replies in order, sent as a unit).
 *
 * <p>Decisions that are not the protocol's belong to the application ({@link ServerHooks}: accept
 * this sender, this recipient, store this message) or to an extension from another module
 * ({@link ServerExtension}: STARTTLS, AUTH).
 *
 * <p>Not thread-safe: one session per connection, driven by one thread at a time.
 */
public final class ServerSession implements SessionView {

    /** Where the session is in the dialogue of §4.1.4. */
    public enum State {
        /** Greeted; waiting for EHLO or HELO. */
        CONNECTED,
        /** The greeting refused the client (554): only QUIT is accepted (§3.1). */
        REFUSED,
        /** Introduced; no transaction. */
        READY,
        /** MAIL accepted; no recipient yet. */
        MAIL,
        /** At least one RCPT accepted. */
        RCPT,
        /** Reading message content after 354. */
        DATA,
        /** Reading the octets of a BDAT chunk. */
        BDAT,
        /** An extension's multi-line exchange (AUTH) is in progress. */
        EXCHANGE,
        /** 220 to STARTTLS sent; waiting for the shell's handshake. */
        TLS_PENDING,
        /** The session is over; the shell closes the connection. */
        CLOSED
    }

    /** What the shell does after writing the replies. */
    public enum Action {
        /** Keep reading. */
        CONTINUE,
        /** Close the connection. */
        CLOSE,
        /** Start the TLS handshake on this connection, then call {@link #tlsStarted}. */
        START_TLS
    }

    /**
     * What one call produced: the replies to write, in order (flush them together), and what to do next.
     *
     * @param replies the replies, already formatted for this session (enhanced status codes or not)
     * @param action  what the shell does after writing them
     */
    public record Output(List<Reply> replies, Action action) {
        public Output {
            replies = List.copyOf(replies);
        }
    }

    /** Content is copied from the decoder to the sink through a buffer of this size (bounded memory). */
    static final int DATA_BUFFER = 8192;

    /** RFC 3461 §4.4: an ENVID is at most 100 characters. */
    static final int MAX_ENVID = 100;

    private final ServerConfig config;
    private final ServerHooks hooks;
    private final TranscriptListener transcript;
    private final InetSocketAddress clientAddress;
    private final CommandParser parser;

    private State state = State.CONNECTED;
    private LineReader lines;
    private final DataDecoder decoder;
    private ByteBuffer dataBuffer;

    // what the client told us (forgotten after STARTTLS, RFC 3207 §4.2)
    private String heloDomain;
    private boolean extended;
    private TlsInfo tls;
    private String authenticatedAs;
    private int errors;

    // the transaction
    private ReversePath sender;
    private EsmtpParameters mailParameters;
    private final List<Envelope.Recipient> recipients = new ArrayList<>();
    private MessageSink sink;
    private boolean sinkFailed;
    private boolean chunking;     // this transaction used BDAT
    private long bdatRemaining;
    private boolean bdatLast;
    private long bdatTotal;
    /** True while the current BDAT chunk is read only to be dropped (its command was refused). */
    private boolean skipOnlyChunk;
    /** The greeting refused this client (§3.1): only QUIT is accepted. */
    private boolean refusedSession;

    private LineHandler exchange;

    // the replies of the current call
    private final List<Reply> out = new ArrayList<>();
    private Action action = Action.CONTINUE;

    /**
     * A new session.
     *
     * @param clientAddress the peer, or {@code null} when unknown (tests)
     */
    public ServerSession(ServerConfig config, ServerHooks hooks, TranscriptListener transcript,
                         InetSocketAddress clientAddress) {
        this.config = Objects.requireNonNull(config, "config");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.transcript = Objects.requireNonNull(transcript, "transcript");
        this.clientAddress = clientAddress;
        this.parser = new CommandParser(config.policy());
        this.lines = new LineReader(config.maxCommandLine(), config.policy().bareLfInCommands());
        this.decoder = new DataDecoder(config.policy().maxDataLineLength());
    }

    /** A session with default hooks and no transcript, for tests and examples. */
    public ServerSession(ServerConfig config) {
        this(config, new ServerHooks() {}, TranscriptListener.NONE, null);
    }

    // ---- the shell's calls ------------------------------------------------------------------------------

    /** The greeting (§4.3.1, §3.1): {@code 220 <host> ESMTP smtplab}, or the hooks' refusal. */
    public Output start() {
        Optional<Reply> refusal = hooks.onConnect(this);
        if (refusal.isPresent()) {
            state = State.REFUSED;
            refusedSession = true;
            reply(refusal.get());
        } else {
            reply(Reply.of(220, null, config.hostname() + " ESMTP smtplab"));
        }
        return flush();
    }

    /**
     * Consumes the bytes that arrived, handling every complete command (and any message content) in
     * them. Bytes of an unfinished line stay inside the session until more arrive. {@code in} is left
     * consumed, except after {@link Action#START_TLS} or {@link Action#CLOSE}, when the rest is
     * discarded.
     */
    public Output receive(ByteBuffer in) {
        while (in.hasRemaining() && action == Action.CONTINUE) {
            boolean progressed = switch (state) {
                case DATA -> readData(in);
                case BDAT -> readChunk(in);
                case TLS_PENDING, CLOSED -> discard(in);
                default -> readLine(in);
            };
            if (!progressed) {
                break;
            }
        }
        if (action != Action.CONTINUE) {
            in.position(in.limit());   // RFC 3207 §4.2 / CVE-2011-0411: nothing sent before TLS is kept
        }
        return flush();
    }

    /** The client sent nothing for too long (§4.5.3.2): {@code 421 4.4.2} and close. */
    public Output timeout() {
        resetTransaction();
        transcript.event("timeout");
        reply(Replies.TIMEOUT);
        close();
        return flush();
    }

    /** The server is shutting down: {@code 421} and close (§3.8). */
    public Output shutdown() {
        resetTransaction();
        reply(Reply.of(421, "4.3.2", config.hostname() + " Service shutting down, closing transmission channel"));
        close();
        return flush();
    }

    /** The connection broke: whatever was being received is dropped, nothing is delivered. */
    public void connectionLost() {
        resetTransaction();
        transcript.event("connection lost");
        state = State.CLOSED;
    }

    /**
     * The TLS handshake after STARTTLS succeeded. The session returns to the state right after the
     * greeting: the client must send EHLO again, and everything learnt before is forgotten (RFC 3207
     * §4.2). Also used by an implicit-TLS listener (RFC 8314) before {@link #start()}.
     */
    public void tlsStarted(TlsInfo info) {
        tls = Objects.requireNonNull(info, "info");
        transcript.event("TLS " + info.protocol() + " " + info.cipherSuite());
        heloDomain = null;
        extended = false;
        authenticatedAs = null;
        resetTransaction();
        lines = new LineReader(config.maxCommandLine(), config.policy().bareLfInCommands());
        if (state != State.CLOSED) {
            state = State.CONNECTED;
            action = Action.CONTINUE;
        }
    }

    /** The current state, for tests and shells. */
    public State state() {
        return state;
    }

    /** True once the session is over and the shell should close the connection. */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---- SessionView ------------------------------------------------------------------------------------

    @Override
    public Optional<InetSocketAddress> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    @Override
    public Optional<String> heloDomain() {
        return Optional.ofNullable(heloDomain);
    }

    @Override
    public boolean extended() {
        return extended;
    }

    @Override
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tls);
    }

    @Override
    public Optional<String> authenticatedAs() {
        return Optional.ofNullable(authenticatedAs);
    }

    @Override
    public boolean inTransaction() {
        return sender != null;
    }

    // ---- command lines ----------------------------------------------------------------------------------

    private boolean readLine(ByteBuffer in) {
        LineReader.Result result = lines.read(in);
        switch (result) {
            case LineReader.NeedMore ignored -> {
                return false;
            }
            case LineReader.TooLong tooLong -> {
                transcript.clientLine("<line of " + tooLong.length() + " octets, over the limit>");
                boolean inExchange = state == State.EXCHANGE;
                endExchange();   // RFC 4954 §4: a line over the AUTH buffer fails the AUTH command with 500
                error(inExchange ? Replies.AUTH_LINE_TOO_LONG : Replies.LINE_TOO_LONG);
            }
            case LineReader.BareLf bareLf -> {
                transcript.clientLine(new String(bareLf.bytes(), StandardCharsets.UTF_8));
                endExchange();
                error(Replies.BARE_LF_IN_COMMAND);
            }
            case LineReader.Line line -> {
                if (state == State.EXCHANGE) {
                    String text = new String(line.bytes(), StandardCharsets.UTF_8);
                    transcript.clientLine(text);
                    LineHandler handler = exchange;
                    exchange = null;
                    state = restingState();
                    apply(handler.onLine(text, this));
                    if (state != State.EXCHANGE) {
                        lines.setMaxLineLength(config.maxCommandLine());
                    }
                } else {
                    Command command = parser.parse(line.bytes());
                    transcript.clientLine(command.format());
                    handle(command);
                }
            }
        }
        return true;
    }

    /** Abandons an extension's exchange (AUTH) after a broken line; back to command lines. */
    private void endExchange() {
        if (state == State.EXCHANGE) {
            exchange = null;
            state = restingState();
            lines.setMaxLineLength(config.maxCommandLine());
        }
    }

    /** One command, in the current state: §4.1.4 ordering, §4.3.2 replies. */
    private void handle(Command command) {
        if (state == State.REFUSED) {
            if (command instanceof Command.Quit) {
                quit();
            } else {
                error(Replies.BAD_SEQUENCE.withText("Connection refused; only QUIT is accepted (RFC 5321 section 3.1)"));
                if (command instanceof Command.Bdat bdat && action == Action.CONTINUE) {
                    skipChunk(bdat);   // its octets are message text, never commands
                }
            }
            return;
        }
        for (ServerExtension extension : config.serverExtensions()) {
            Optional<ExtensionReply> handled = extension.onCommand(command, this);
            if (handled.isPresent()) {
                apply(handled.get());
                return;
            }
        }
        switch (command) {
            case Command.Ehlo ehlo -> ehlo(ehlo);
            case Command.Helo helo -> helo(helo);
            case Command.MailFrom mail -> mail(mail);
            case Command.RcptTo rcpt -> rcpt(rcpt);
            case Command.Data data -> data();
            case Command.Bdat bdat -> bdat(bdat);
            case Command.Rset rset -> {
                resetTransaction();
                reply(Replies.OK);
            }
            case Command.Noop noop -> reply(Replies.OK);
            case Command.Help help -> reply(Replies.HELP);
            case Command.Vrfy vrfy -> reply(hooks.onVrfy(vrfy.argument(), this));
            case Command.Expn expn -> reply(Replies.COMMAND_NOT_IMPLEMENTED.withText("EXPN is disabled (RFC 5321 section 7.3)"));
            case Command.Quit quit -> quit();
            case Command.StartTls startTls -> error(Replies.COMMAND_NOT_IMPLEMENTED.withText("STARTTLS is not offered here"));
            case Command.Auth auth -> error(Replies.COMMAND_NOT_IMPLEMENTED.withText("AUTH is not offered here"));
            case Command.Unknown unknown -> error(unknown.verb().isEmpty()
                    ? Replies.COMMAND_UNRECOGNIZED.withText("Syntax error, empty command")
                    : Replies.COMMAND_UNRECOGNIZED);
            case Command.Malformed malformed -> error(malformed.reply());
        }
    }

    /** §4.1.1.1: EHLO starts an extended session and lists the extensions; it resets any transaction. */
    private void ehlo(Command.Ehlo ehlo) {
        resetTransaction();
        heloDomain = ehlo.domain();
        extended = true;
        state = State.READY;
        List<String> text = new ArrayList<>();
        text.add(greeting(ehlo.domain()));
        for (SmtpExtension extension : SmtpExtension.values()) {
            if (config.offers(extension)) {
                text.add(extension == SmtpExtension.SIZE && config.maxMessageSize() > 0
                        ? "SIZE " + config.maxMessageSize()
                        : extension.keyword());
            }
        }
        for (ServerExtension extension : config.serverExtensions()) {
            text.addAll(extension.ehloKeywords(this));
        }
        reply(new Reply(250, Optional.empty(), text));
    }

    /** §4.1.1.1: HELO starts a plain session (no extensions); it resets any transaction. */
    private void helo(Command.Helo helo) {
        resetTransaction();
        heloDomain = helo.domain();
        extended = false;
        state = State.READY;
        reply(Reply.of(250, null, greeting(helo.domain())));
    }

    /**
     * The first line of the HELO/EHLO reply, {@code Domain [SP ehlo-greet]} (§4.1.1.1). The client's
     * name is echoed only when the line stays within 512 octets (§4.5.3.1.5).
     */
    private String greeting(String clientDomain) {
        String line = config.hostname() + " greets " + Reply.printable(clientDomain);   // a U-label is UTF-8 (RFC 6531)
        return line.length() + 6 <= Reply.MAX_REPLY_LINE ? line : config.hostname() + " greets you";
    }

    /** §4.1.1.2: MAIL opens a transaction; §4.1.4: only after EHLO/HELO and not inside a transaction. */
    private void mail(Command.MailFrom mail) {
        if (heloDomain == null) {
            error(Replies.BAD_SEQUENCE.withText("Send EHLO or HELO first (RFC 5321 section 4.1.4)"));
            return;
        }
        if (inTransaction()) {
            error(Replies.BAD_SEQUENCE.withText("Sender already given; RSET to start over (RFC 5321 section 4.1.4)"));
            return;
        }
        for (ServerExtension extension : config.serverExtensions()) {
            Optional<Reply> refusal = extension.beforeMail(mail, this);
            if (refusal.isPresent()) {
                reply(refusal.get());
                return;
            }
        }
        Optional<Reply> problem = checkMailParameters(mail.parameters());
        if (problem.isEmpty() && mail.path() instanceof Mailbox m && m.needsSmtpUtf8() && !mail.parameters().smtpUtf8()) {
            problem = Optional.of(Reply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8 (RFC 6531 section 3.4)"));
        }
        if (problem.isPresent()) {
            error(problem.get());
            return;
        }
        Reply decision = hooks.onMail(mail.path(), mail.parameters(), this);
        if (decision.isPositiveCompletion()) {
            sender = mail.path();
            mailParameters = mail.parameters();
            state = State.MAIL;
        }
        reply(decision);
    }

    /** MAIL parameters: each must belong to an offered extension (555 otherwise, §4.1.1.11). */
    private Optional<Reply> checkMailParameters(EsmtpParameters parameters) {
        Set<String> fromExtensions = new HashSet<>();
        config.serverExtensions().forEach(e -> fromExtensions.addAll(e.mailParameters()));
        for (var entry : parameters.values().entrySet()) {
            String keyword = entry.getKey();
            Optional<String> value = entry.getValue();
            Optional<Reply> problem = switch (keyword) {
                case "SIZE" -> offered(SmtpExtension.SIZE).or(() -> checkSize(parameters.size()));
                case "BODY" -> offered(SmtpExtension.EIGHT_BIT_MIME).or(() -> checkBody(parameters.body().orElse("")));
                case "SMTPUTF8" -> offered(SmtpExtension.SMTPUTF8).or(() -> value.isPresent()
                        ? Optional.of(invalid("SMTPUTF8 takes no value (RFC 6531 section 3.4)")) : Optional.empty());
                case "RET" -> offered(SmtpExtension.DSN).or(() -> parameters.ret().filter(r -> r.equals("FULL") || r.equals("HDRS")).isPresent()
                        ? Optional.empty() : Optional.of(invalid("RET is FULL or HDRS (RFC 3461 section 4.3)")));
                case "ENVID" -> offered(SmtpExtension.DSN).or(() -> parameters.envid().filter(e -> e.length() <= MAX_ENVID).isPresent()
                        ? Optional.empty() : Optional.of(invalid("ENVID is xtext of at most 100 characters (RFC 3461 section 4.4)")));
                default -> extended && fromExtensions.contains(keyword) ? Optional.empty() : Optional.of(notRecognized(keyword));
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** RCPT parameters: NOTIFY and ORCPT belong to DSN (RFC 3461 §4.1, §4.2). */
    private Optional<Reply> checkRcptParameters(EsmtpParameters parameters) {
        for (String keyword : parameters.values().keySet()) {
            Optional<Reply> problem = switch (keyword) {
                case "NOTIFY" -> offered(SmtpExtension.DSN).or(() -> validNotify(parameters.notifyConditions().orElse(""))
                        ? Optional.empty() : Optional.of(invalid("NOTIFY is NEVER or a list of SUCCESS, FAILURE, DELAY (RFC 3461 section 4.1)")));
                case "ORCPT" -> offered(SmtpExtension.DSN).or(() -> parameters.orcpt().isPresent()
                        ? Optional.empty() : Optional.of(invalid("ORCPT is addr-type \";\" xtext (RFC 3461 section 4.2)")));
                default -> Optional.of(notRecognized(keyword));
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** A parameter is allowed only after EHLO and when its extension is offered. */
    private Optional<Reply> offered(SmtpExtension extension) {
        return extended && config.offers(extension) ? Optional.empty() : Optional.of(notRecognized(extension.keyword()));
    }

    private Optional<Reply> checkSize(OptionalLong size) {
        if (size.isEmpty()) {
            return Optional.of(invalid("SIZE is a number of octets (RFC 1870 section 3)"));
        }
        if (config.maxMessageSize() > 0 && size.getAsLong() > config.maxMessageSize()) {
            return Optional.of(Replies.MESSAGE_TOO_BIG);
        }
        return Optional.empty();
    }

    private static Optional<Reply> checkBody(String body) {
        return switch (body) {
            case "7BIT", "8BITMIME" -> Optional.empty();
            case "BINARYMIME" -> Optional.of(Replies.PARAMETER_NOT_RECOGNIZED.withText("BODY=BINARYMIME is not offered (RFC 3030 section 3)"));
            default -> Optional.of(invalid("BODY is 7BIT or 8BITMIME (RFC 6152 section 2)"));
        };
    }

    private static boolean validNotify(String notify) {
        if (notify.equals("NEVER")) {
            return true;
        }
        List<String> items = List.of(notify.split(",", -1));
        return !notify.isEmpty() && items.stream().allMatch(i -> i.equals("SUCCESS") || i.equals("FAILURE") || i.equals("DELAY"))
                && items.stream().distinct().count() == items.size();
    }

    private static Reply invalid(String why) {
        return Replies.SYNTAX_ERROR_IN_PARAMETERS.withText(why);
    }

    private static Reply notRecognized(String keyword) {
        return Replies.PARAMETER_NOT_RECOGNIZED.withText("Parameter " + keyword + " not recognized or not offered (RFC 5321 section 4.1.1.11)");
    }

    /** §4.1.1.3: RCPT adds one recipient to the open transaction. */
    private void rcpt(Command.RcptTo rcpt) {
        if (!inTransaction()) {
            error(Replies.BAD_SEQUENCE.withText("Need MAIL before RCPT (RFC 5321 section 4.1.4)"));
            return;
        }
        if (chunking) {
            error(Replies.BAD_SEQUENCE.withText("RCPT after BDAT; the recipients are settled (RFC 3030 section 2)"));
            return;
        }
        Optional<Reply> problem = checkRcptParameters(rcpt.parameters());
        if (problem.isEmpty() && rcpt.path() instanceof Mailbox m && m.needsSmtpUtf8() && !mailParameters.smtpUtf8()) {
            problem = Optional.of(Reply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8 on MAIL (RFC 6531 section 3.4)"));
        }
        if (problem.isPresent()) {
            error(problem.get());
            return;
        }
        if (recipients.size() >= config.maxRecipients()) {
            reply(Replies.TOO_MANY_RECIPIENTS);   // §4.5.3.1.10: 452, the client sends the rest later
            return;
        }
        Reply decision = hooks.onRcpt(rcpt.path(), rcpt.parameters(), this);
        if (decision.isPositiveCompletion()) {
            recipients.add(new Envelope.Recipient(rcpt.path(), rcpt.parameters()));
            state = State.RCPT;
        }
        reply(decision);
    }

    /** §4.1.1.4: DATA, after at least one accepted recipient; the content follows the 354 reply. */
    private void data() {
        if (!inTransaction()) {
            error(Replies.BAD_SEQUENCE.withText("Need MAIL and RCPT before DATA (RFC 5321 section 4.1.4)"));
            return;
        }
        if (recipients.isEmpty()) {
            error(Replies.NO_VALID_RECIPIENTS);   // §3.3
            return;
        }
        if (chunking) {
            error(Replies.BAD_SEQUENCE.withText("DATA after BDAT in one transaction (RFC 3030 section 2)"));
            return;
        }
        if (!openSink()) {
            return;
        }
        decoder.reset();
        state = State.DATA;
        reply(Replies.START_MAIL_INPUT);
    }

    /** RFC 3030 §2: BDAT size [LAST]; the chunk's octets follow the command line directly. */
    private void bdat(Command.Bdat bdat) {
        boolean ok = true;
        if (!extended || !config.offers(SmtpExtension.CHUNKING)) {
            // still read the announced octets: they are message text, never commands
            error(Replies.COMMAND_NOT_IMPLEMENTED.withText("BDAT needs CHUNKING, offered only after EHLO (RFC 3030)"));
            ok = false;
        } else if (!inTransaction()) {
            error(Replies.BAD_SEQUENCE.withText("Need MAIL and RCPT before BDAT (RFC 3030 section 2)"));
            ok = false;
        } else if (recipients.isEmpty()) {
            error(Replies.NO_VALID_RECIPIENTS);
            ok = false;
        } else if (!chunking) {
            chunking = true;
            ok = openSink();
        }
        if (action != Action.CONTINUE) {
            return;   // too many errors: the connection closes
        }
        if (!ok) {
            skipChunk(bdat);
            return;
        }
        // the chunk's octets follow the command line: read them into the message
        bdatRemaining = bdat.size();
        bdatLast = bdat.last();
        state = State.BDAT;
        if (bdatRemaining == 0) {
            endOfChunk();
        }
    }

    /** The BDAT command was refused: its octets are still read (and dropped) to stay in step with the client. */
    private void skipChunk(Command.Bdat bdat) {
        bdatRemaining = bdat.size();
        bdatLast = bdat.last();
        skipOnlyChunk = true;
        state = State.BDAT;
        if (bdatRemaining == 0) {
            endOfChunk();
        }
    }

    private boolean openSink() {
        try {
            sink = hooks.onData(new Envelope(sender, mailParameters, recipients), this);
            sinkFailed = false;
            return true;
        } catch (IOException | RuntimeException e) {
            resetTransaction();
            reply(Replies.LOCAL_ERROR);
            return false;
        }
    }

    private void quit() {
        resetTransaction();
        reply(Replies.CLOSING);
        close();
    }

    // ---- message content --------------------------------------------------------------------------------

    /** Content after DATA, through the decoder, into the sink; a bare CR or LF ends the session. */
    private boolean readData(ByteBuffer in) {
        if (dataBuffer == null) {
            dataBuffer = ByteBuffer.allocate(DATA_BUFFER);
        }
        dataBuffer.clear();
        DataDecoder.Status status = decoder.decode(in, dataBuffer);
        dataBuffer.flip();
        deliver(dataBuffer, decoder.contentLength());
        switch (status) {
            case NEED_MORE -> { }
            case BARE_LINE_ENDING -> {
                resetTransaction();
                reply(Replies.BARE_LINE_ENDING_IN_DATA);
                close();
            }
            case END_OF_DATA -> endOfMessage(decoder.contentLength(), decoder.lineTooLong());
        }
        return true;
    }

    /** The octets of a BDAT chunk: counted, not decoded (RFC 3030 §2). */
    private boolean readChunk(ByteBuffer in) {
        int n = (int) Math.min(bdatRemaining, in.remaining());
        ByteBuffer chunk = in.slice(in.position(), n);
        in.position(in.position() + n);
        bdatRemaining -= n;
        bdatTotal += n;
        if (!skipOnlyChunk) {
            deliver(chunk, bdatTotal);
        }
        if (bdatRemaining == 0) {
            endOfChunk();
        }
        return true;
    }

    private void endOfChunk() {
        state = restingState();
        if (skipOnlyChunk) {
            skipOnlyChunk = false;
            state = refusedSession ? State.REFUSED : state;
            return;   // the refusal was already sent with the command
        }
        if (bdatLast) {
            endOfMessage(bdatTotal, false);
        } else if (sinkFailed || sink == null || tooBig(bdatTotal)) {
            reply(tooBig(bdatTotal) ? Replies.MESSAGE_TOO_BIG : Replies.LOCAL_ERROR);
            resetTransaction();
        } else {
            reply(Reply.of(250, "2.0.0", bdatTotal + " octets received"));
        }
    }

    /** Gives content to the sink unless the message is already lost (too big, or the sink failed). */
    private void deliver(ByteBuffer content, long totalSoFar) {
        if (sink == null || sinkFailed || !content.hasRemaining()) {
            return;
        }
        if (tooBig(totalSoFar)) {
            dropSink();   // keep reading to the end of data, then reply 552
            return;
        }
        try {
            sink.write(content);
        } catch (IOException | RuntimeException e) {
            dropSink();   // keep reading to the end of data, then reply 451
        }
    }

    private void dropSink() {
        sink.abort();
        sink = null;
        sinkFailed = true;
    }

    private boolean tooBig(long size) {
        return config.maxMessageSize() > 0 && size > config.maxMessageSize();
    }

    /** The whole message is in: the sink decides (and must have it on disk before a 250). */
    private void endOfMessage(long size, boolean lineTooLong) {
        transcript.messageContent(size);
        Reply result;
        if (tooBig(size)) {
            result = Replies.MESSAGE_TOO_BIG;
        } else if (lineTooLong) {
            result = Replies.DATA_LINE_TOO_LONG;
        } else if (sinkFailed || sink == null) {
            result = Replies.LOCAL_ERROR;
        } else {
            MessageSink completing = sink;
            sink = null;   // MessageSink: complete() or abort(), never both — a failing complete() cleans up itself
            try {
                result = completing.complete();
            } catch (IOException | RuntimeException e) {
                result = Replies.LOCAL_ERROR;
            }
        }
        resetTransaction();
        state = restingState();
        reply(result);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void apply(ExtensionReply reply) {
        switch (reply) {
            case ExtensionReply.Done done -> reply(done.reply());
            case ExtensionReply.Authenticated auth -> {
                authenticatedAs = auth.identity();
                reply(auth.reply());
            }
            case ExtensionReply.Challenge challenge -> {
                exchange = challenge.next();
                state = State.EXCHANGE;
                lines.setMaxLineLength(ServerConfig.MAX_AUTH_LINE);   // RFC 4954 §4
                reply(challenge.reply());
            }
            case ExtensionReply.StartTls startTls -> {
                reply(startTls.reply());
                state = State.TLS_PENDING;
                action = Action.START_TLS;
            }
            case ExtensionReply.Close closing -> {
                reply(closing.reply());
                close();
            }
        }
    }

    /** The state that matches what the client has told us so far, when nothing is being received. */
    private State restingState() {
        if (inTransaction()) {
            return recipients.isEmpty() ? State.MAIL : State.RCPT;
        }
        return heloDomain == null ? State.CONNECTED : State.READY;
    }

    /** Ends or abandons the transaction: what an open sink holds is dropped (never delivered). */
    private void resetTransaction() {
        if (sink != null) {
            sink.abort();
            sink = null;
        }
        sender = null;
        mailParameters = null;
        recipients.clear();
        sinkFailed = false;
        chunking = false;
        bdatRemaining = 0;
        bdatTotal = 0;
        bdatLast = false;
        skipOnlyChunk = false;
        if (state == State.MAIL || state == State.RCPT || state == State.DATA || state == State.BDAT) {
            state = restingState();
        }
    }

    private boolean discard(ByteBuffer in) {
        in.position(in.limit());
        return true;
    }

    /** A 5yz for a client mistake; too many of them and the server gives up on the client. */
    private void error(Reply reply) {
        reply(reply);
        errors++;
        if (errors >= config.maxErrors() && action == Action.CONTINUE) {
            resetTransaction();
            reply(Reply.of(421, "4.7.0", config.hostname() + " Too many errors, closing transmission channel"));
            close();
        }
    }

    private void close() {
        state = State.CLOSED;
        action = Action.CLOSE;
    }

    /**
     * Queues a reply. Enhanced status codes are sent only when the client asked for the extended
     * protocol and the server offers ENHANCEDSTATUSCODES (RFC 2034 §3).
     */
    private void reply(Reply reply) {
        Reply formatted = extended && config.offers(SmtpExtension.ENHANCED_STATUS_CODES) ? reply : reply.withoutStatus();
        transcript.serverReply(formatted);
        out.add(formatted);
    }

    private Output flush() {
        Output result = new Output(out, action);
        out.clear();
        return result;
    }

    @Override
    public String toString() {
        return "ServerSession[" + state.name().toLowerCase(Locale.ROOT) + ", " + heloDomain().orElse("-") + "]";
    }
}
