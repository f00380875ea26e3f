package io.github.smtplab.core;

import io.github.smtplab.core.ServerExtension.ExtensionReply;
import io.github.smtplab.core.ServerExtension.LineHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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
 * <p>The state is data, so that an impossible combination cannot be written:
 * <ul>
 *   <li>what the client told us about itself: its {@link Hello} (none before EHLO/HELO, forgotten after
 *       STARTTLS), the TLS report, the authenticated user;</li>
 *   <li>the open {@link Transaction}, if any: sender, parameters, accepted recipients and what became of
 *       the content ({@link Content}: not started, streaming into a sink, or lost and read to its end);</li>
 *   <li>what the next input is ({@link Input}): command lines, message data, the octets of a BDAT chunk
 *       (kept or skipped), an extension's exchange line, nothing (TLS pending, closed). The public
 *       {@link State} is derived from these three, never stored.</li>
 * </ul>
 *
 * <p>The §4.1.4 table this class implements (each refusal is a {@link Replies} constant):
 * <pre>
 *   command   allowed when                                   otherwise
 *   EHLO/HELO always (resets the transaction)                  -
 *   MAIL      introduced, no transaction                       503 HELLO_FIRST, 503 SENDER_ALREADY_GIVEN
 *   RCPT      in a transaction, content not started by BDAT    503 MAIL_BEFORE_RCPT, 503 RCPT_AFTER_BDAT
 *   DATA      a recipient accepted, no BDAT yet                503 MAIL_BEFORE_DATA, 554 NO_VALID_RECIPIENTS,
 *                                                              503 DATA_AFTER_BDAT
 *   BDAT      after EHLO with CHUNKING, a recipient accepted   502 BDAT_NOT_OFFERED, 503 MAIL_BEFORE_BDAT,
 *                                                              554 NO_VALID_RECIPIENTS (octets still read)
 *   RSET, NOOP, HELP, VRFY, QUIT: always; after a refused greeting only QUIT (503 ONLY_QUIT_AFTER_REFUSAL)
 * </pre>
 * MAIL and RCPT parameters follow {@link ParameterRules}.
 *
 * <p>Input is read through one {@link LineReader} (512 octets, §4.5.3.1.4), a {@link DataDecoder} for
 * message data (dot-unstuffing, end of data only at {@code CRLF.CRLF}, bare CR or LF refused — the SMTP
 * smuggling defence), or counted for BDAT chunks. Pipelined input (RFC 2920) needs nothing special: every
 * complete line in the buffer is handled in order and its replies are returned together, which is when a
 * pipelining server flushes (RFC 2920 §3.2: replies in order, sent as a unit).
 *
 * <p>Decisions that are not the protocol's belong to the application ({@link ServerHooks}: accept
 * this sender, this recipient, store this message) or to an extension from another module
 * ({@link ServerExtension}: STARTTLS, AUTH).
 *
 * <p>Not thread-safe: one session per connection, driven by one thread at a time.
 */
public final class ServerSession implements SessionView {

    /** Where the session is in the dialogue of §4.1.4 (derived from the session's data). */
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

    // ---- the session's data -----------------------------------------------------------------------------

    /** What EHLO or HELO told us (§4.1.1.1): the client's name, and whether it speaks ESMTP. */
    private record Hello(String domain, boolean extended) {}

    /**
     * An open mail transaction (§3.3): MAIL accepted, the recipients accepted so far, the content.
     *
     * @param chunked     true once BDAT has started the content (RFC 3030 §2: then no RCPT, no DATA)
     * @param chunkOctets the octets of BDAT content received so far (a 250 after each chunk names them)
     */
    private record Transaction(ReversePath sender, EsmtpParameters parameters, List<Envelope.Recipient> recipients,
                               Content content, boolean chunked, long chunkOctets) {
        Transaction {
            recipients = List.copyOf(recipients);
        }

        Transaction withRecipient(Envelope.Recipient recipient) {
            List<Envelope.Recipient> more = new ArrayList<>(recipients);
            more.add(recipient);
            return new Transaction(sender, parameters, more, content, chunked, chunkOctets);
        }

        Transaction withContent(Content newContent, boolean nowChunked) {
            return new Transaction(sender, parameters, recipients, newContent, nowChunked, chunkOctets);
        }

        Transaction withChunkOctets(long total) {
            return new Transaction(sender, parameters, recipients, content, chunked, total);
        }

        Envelope envelope() {
            return new Envelope(sender, parameters, recipients);
        }
    }

    /** What became of a transaction's content. */
    private sealed interface Content {
        /** No DATA or BDAT yet. */
        record NotStarted() implements Content {}

        /** Streaming into the application's sink. */
        record Streaming(MessageSink sink) implements Content {}

        /** The sink failed or the message is too big: read to its end, then refused (451 or 552). */
        record Lost() implements Content {}
    }

    /** What the next octets are. */
    private sealed interface Input {
        /** Command lines. */
        record Commands() implements Input {}

        /** Command lines, of which only QUIT is accepted: the greeting refused the client (§3.1). */
        record RefusedCommands() implements Input {}

        /** Message data after 354, through the decoder. */
        record MessageData() implements Input {}

        /**
         * The octets of a BDAT chunk (RFC 3030 §2).
         *
         * @param remaining octets still to come
         * @param last      the chunk was announced LAST
         * @param skipping  the BDAT command was refused: the octets are read to stay in step, and dropped
         * @param after     where the input goes once the chunk is read
         */
        record Chunk(long remaining, boolean last, boolean skipping, Input after) implements Input {}

        /** One line of an extension's exchange (AUTH), given to {@code next}. */
        record ExchangeLine(LineHandler next) implements Input {}

        /** 220 to STARTTLS sent: nothing is read until the handshake (RFC 3207 §4.2). */
        record TlsPending() implements Input {}

        /** The session is over. */
        record Closed() implements Input {}
    }

    private static final Input COMMANDS = new Input.Commands();

    /** Content is copied from the decoder to the sink through a buffer of this size (bounded memory). */
    static final int DATA_BUFFER = 8192;

    private final ServerConfig config;
    private final ServerHooks hooks;
    private final TranscriptListener transcript;
    private final InetSocketAddress clientAddress;
    private final CommandParser parser;
    private final DataDecoder decoder;
    private LineReader lines;
    private ByteBuffer dataBuffer;

    private Input input = COMMANDS;
    private Hello hello;
    private TlsInfo tls;
    private String authenticatedAs;
    private int errors;
    private Transaction transaction;

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
            input = new Input.RefusedCommands();
            reply(refusal.get());
        } else {
            reply(Replies.greeting(config.hostname()));
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
            boolean progressed = switch (input) {
                case Input.MessageData data -> readData(in);
                case Input.Chunk chunk -> readChunk(in, chunk);
                case Input.TlsPending pending -> discard(in);
                case Input.Closed closed -> discard(in);
                case Input.Commands c -> readLine(in);
                case Input.RefusedCommands r -> readLine(in);
                case Input.ExchangeLine e -> readLine(in);
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
        reply(Replies.shuttingDown(config.hostname()));
        close();
        return flush();
    }

    /** The connection broke: whatever was being received is dropped, nothing is delivered. */
    public void connectionLost() {
        resetTransaction();
        transcript.event("connection lost");
        input = new Input.Closed();
    }

    /**
     * The TLS handshake after STARTTLS succeeded. The session returns to the state right after the
     * greeting: the client must send EHLO again, and everything learnt before is forgotten (RFC 3207
     * §4.2). Also used by an implicit-TLS listener (RFC 8314) before {@link #start()}.
     */
    public void tlsStarted(TlsInfo info) {
        tls = Objects.requireNonNull(info, "info");
        transcript.event("TLS " + info.protocol() + " " + info.cipherSuite());
        hello = null;
        authenticatedAs = null;
        resetTransaction();
        lines = new LineReader(config.maxCommandLine(), config.policy().bareLfInCommands());
        if (!isClosed()) {
            input = COMMANDS;
            action = Action.CONTINUE;
        }
    }

    /** The current state, for tests and shells: derived from the session's data. */
    public State state() {
        return switch (input) {
            case Input.Commands c -> transaction != null ? (transaction.recipients().isEmpty() ? State.MAIL : State.RCPT)
                    : hello == null ? State.CONNECTED : State.READY;
            case Input.RefusedCommands r -> State.REFUSED;
            case Input.MessageData d -> State.DATA;
            case Input.Chunk c -> State.BDAT;
            case Input.ExchangeLine e -> State.EXCHANGE;
            case Input.TlsPending t -> State.TLS_PENDING;
            case Input.Closed c -> State.CLOSED;
        };
    }

    /** True once the session is over and the shell should close the connection. */
    public boolean isClosed() {
        return input instanceof Input.Closed;
    }

    // ---- SessionView ------------------------------------------------------------------------------------

    @Override
    public Optional<InetSocketAddress> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    @Override
    public Optional<String> heloDomain() {
        return Optional.ofNullable(hello).map(Hello::domain);
    }

    @Override
    public boolean extended() {
        return hello != null && hello.extended();
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
        return transaction != null;
    }

    // ---- command lines ----------------------------------------------------------------------------------

    private boolean readLine(ByteBuffer in) {
        switch (lines.read(in)) {
            case LineReader.NeedMore ignored -> {
                return false;
            }
            case LineReader.TooLong tooLong -> {
                transcript.clientLine("<line of " + tooLong.length() + " octets, over the limit>");
                boolean inExchange = input instanceof Input.ExchangeLine;
                endExchange();   // RFC 4954 §4: a line over the AUTH buffer fails the AUTH command with 500
                error(inExchange ? Replies.AUTH_LINE_TOO_LONG : Replies.LINE_TOO_LONG);
            }
            case LineReader.BareLf bareLf -> {
                transcript.clientLine(new String(bareLf.bytes(), StandardCharsets.UTF_8));
                endExchange();
                error(Replies.BARE_LF_IN_COMMAND);
            }
            case LineReader.Line line -> {
                if (input instanceof Input.ExchangeLine exchange) {
                    String text = new String(line.bytes(), StandardCharsets.UTF_8);
                    transcript.clientLine(text);
                    input = COMMANDS;
                    apply(exchange.next().onLine(text, this));
                    if (!(input instanceof Input.ExchangeLine)) {
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
        if (input instanceof Input.ExchangeLine) {
            input = COMMANDS;
            lines.setMaxLineLength(config.maxCommandLine());
        }
    }

    /** One command, in the current state: §4.1.4 ordering, §4.3.2 replies. */
    private void handle(Command command) {
        if (input instanceof Input.RefusedCommands refused) {
            if (command instanceof Command.Quit) {
                quit();
            } else {
                error(Replies.ONLY_QUIT_AFTER_REFUSAL);
                if (command instanceof Command.Bdat bdat && action == Action.CONTINUE) {
                    skipChunk(bdat, refused);   // its octets are message text, never commands
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
            case Command.Ehlo ehlo -> hello(new Hello(ehlo.domain(), true));
            case Command.Helo helo -> hello(new Hello(helo.domain(), false));
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
            case Command.Expn expn -> reply(Replies.EXPN_DISABLED);
            case Command.Quit quit -> quit();
            case Command.StartTls startTls -> error(Replies.STARTTLS_NOT_OFFERED);
            case Command.Auth auth -> error(Replies.AUTH_NOT_OFFERED);
            case Command.Unknown unknown -> error(unknown.verb().isEmpty() ? Replies.EMPTY_COMMAND : Replies.COMMAND_UNRECOGNIZED);
            case Command.Malformed malformed -> error(malformed.reply());
        }
    }

    /**
     * §4.1.1.1: EHLO starts an extended session and lists the extensions, HELO a plain one; both reset
     * any transaction.
     */
    private void hello(Hello newHello) {
        resetTransaction();
        hello = newHello;
        if (!newHello.extended()) {
            reply(Replies.hello(List.of(greeting(newHello.domain()))));
            return;
        }
        List<String> text = new ArrayList<>();
        text.add(greeting(newHello.domain()));
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
        reply(Replies.hello(text));
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
        if (hello == null) {
            error(Replies.HELLO_FIRST);
            return;
        }
        if (inTransaction()) {
            error(Replies.SENDER_ALREADY_GIVEN);
            return;
        }
        for (ServerExtension extension : config.serverExtensions()) {
            Optional<Reply> refusal = extension.beforeMail(mail, this);
            if (refusal.isPresent()) {
                reply(refusal.get());
                return;
            }
        }
        Optional<Reply> problem = ParameterRules.checkMail(mail.parameters(), config, extended());
        if (problem.isEmpty() && mail.path() instanceof Mailbox m && m.needsSmtpUtf8() && !mail.parameters().smtpUtf8()) {
            problem = Optional.of(Replies.SENDER_NEEDS_SMTPUTF8);
        }
        if (problem.isPresent()) {
            error(problem.get());
            return;
        }
        Reply decision = hooks.onMail(mail.path(), mail.parameters(), this);
        if (decision.isPositiveCompletion()) {
            transaction = new Transaction(mail.path(), mail.parameters(), List.of(), new Content.NotStarted(), false, 0);
        }
        reply(decision);
    }

    /** §4.1.1.3: RCPT adds one recipient to the open transaction. */
    private void rcpt(Command.RcptTo rcpt) {
        if (!inTransaction()) {
            error(Replies.MAIL_BEFORE_RCPT);
            return;
        }
        if (transaction.chunked()) {
            error(Replies.RCPT_AFTER_BDAT);
            return;
        }
        Optional<Reply> problem = ParameterRules.checkRcpt(rcpt.parameters(), config, extended());
        if (problem.isEmpty() && rcpt.path() instanceof Mailbox m && m.needsSmtpUtf8() && !transaction.parameters().smtpUtf8()) {
            problem = Optional.of(Replies.RECIPIENT_NEEDS_SMTPUTF8);
        }
        if (problem.isPresent()) {
            error(problem.get());
            return;
        }
        if (transaction.recipients().size() >= config.maxRecipients()) {
            reply(Replies.TOO_MANY_RECIPIENTS);   // §4.5.3.1.10: 452, the client sends the rest later
            return;
        }
        Reply decision = hooks.onRcpt(rcpt.path(), rcpt.parameters(), this);
        if (decision.isPositiveCompletion()) {
            transaction = transaction.withRecipient(new Envelope.Recipient(rcpt.path(), rcpt.parameters()));
        }
        reply(decision);
    }

    /** §4.1.1.4: DATA, after at least one accepted recipient; the content follows the 354 reply. */
    private void data() {
        if (!inTransaction()) {
            error(Replies.MAIL_BEFORE_DATA);
            return;
        }
        if (transaction.recipients().isEmpty()) {
            error(Replies.NO_VALID_RECIPIENTS);   // §3.3
            return;
        }
        if (transaction.chunked()) {
            error(Replies.DATA_AFTER_BDAT);
            return;
        }
        if (!openSink(false)) {
            return;
        }
        decoder.reset();
        input = new Input.MessageData();
        reply(Replies.START_MAIL_INPUT);
    }

    /** RFC 3030 §2: BDAT size [LAST]; the chunk's octets follow the command line directly. */
    private void bdat(Command.Bdat bdat) {
        boolean ok = true;
        if (!extended() || !config.offers(SmtpExtension.CHUNKING)) {
            // still read the announced octets: they are message text, never commands
            error(Replies.BDAT_NOT_OFFERED);
            ok = false;
        } else if (!inTransaction()) {
            error(Replies.MAIL_BEFORE_BDAT);
            ok = false;
        } else if (transaction.recipients().isEmpty()) {
            error(Replies.NO_VALID_RECIPIENTS);
            ok = false;
        } else if (!transaction.chunked()) {
            ok = openSink(true);
        }
        if (action != Action.CONTINUE) {
            return;   // too many errors: the connection closes
        }
        if (!ok) {
            skipChunk(bdat, COMMANDS);
            return;
        }
        // the chunk's octets follow the command line: read them into the message
        input = new Input.Chunk(bdat.size(), bdat.last(), false, COMMANDS);
        if (bdat.size() == 0) {
            endOfChunk((Input.Chunk) input);
        }
    }

    /** The BDAT command was refused: its octets are still read (and dropped) to stay in step with the client. */
    private void skipChunk(Command.Bdat bdat, Input after) {
        input = new Input.Chunk(bdat.size(), bdat.last(), true, after);
        if (bdat.size() == 0) {
            endOfChunk((Input.Chunk) input);
        }
    }

    /** The application's sink for this transaction's content (DATA, or the first BDAT when {@code chunked}). */
    private boolean openSink(boolean chunked) {
        try {
            MessageSink sink = hooks.onData(transaction.envelope(), this);
            transaction = transaction.withContent(new Content.Streaming(sink), chunked);
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
    private boolean readChunk(ByteBuffer in, Input.Chunk chunk) {
        int n = (int) Math.min(chunk.remaining(), in.remaining());
        ByteBuffer octets = in.slice(in.position(), n);
        in.position(in.position() + n);
        Input.Chunk rest = new Input.Chunk(chunk.remaining() - n, chunk.last(), chunk.skipping(), chunk.after());
        input = rest;
        if (!chunk.skipping()) {
            transaction = transaction.withChunkOctets(transaction.chunkOctets() + n);
            deliver(octets, transaction.chunkOctets());
        }
        if (rest.remaining() == 0) {
            endOfChunk(rest);
        }
        return true;
    }

    private void endOfChunk(Input.Chunk chunk) {
        input = chunk.after();
        if (chunk.skipping()) {
            return;   // the refusal was already sent with the command
        }
        long total = transaction.chunkOctets();
        if (chunk.last()) {
            endOfMessage(total, false);
        } else if (!(content() instanceof Content.Streaming) || tooBig(total)) {
            reply(tooBig(total) ? Replies.MESSAGE_TOO_BIG : Replies.LOCAL_ERROR);
            resetTransaction();
        } else {
            reply(Replies.chunkReceived(total));
        }
    }

    /** Gives content to the sink unless the message is already lost (too big, or the sink failed). */
    private void deliver(ByteBuffer content, long totalSoFar) {
        if (!(content() instanceof Content.Streaming streaming) || !content.hasRemaining()) {
            return;
        }
        if (tooBig(totalSoFar)) {
            lose(streaming);   // keep reading to the end of data, then reply 552
            return;
        }
        try {
            streaming.sink().write(content);
        } catch (IOException | RuntimeException e) {
            lose(streaming);   // keep reading to the end of data, then reply 451
        }
    }

    private void lose(Content.Streaming streaming) {
        streaming.sink().abort();
        transaction = transaction.withContent(new Content.Lost(), transaction.chunked());
    }

    /** The content of the open transaction; none is {@link Content.Lost}. */
    private Content content() {
        return transaction == null ? new Content.Lost() : transaction.content();
    }

    private boolean tooBig(long size) {
        return config.maxMessageSize() > 0 && size > config.maxMessageSize();
    }

    /** The whole message is in: the sink decides (and must have it on disk before a 250). */
    private void endOfMessage(long size, boolean lineTooLong) {
        transcript.messageContent(size);
        Content content = content();
        Reply result;
        if (tooBig(size)) {
            result = Replies.MESSAGE_TOO_BIG;
        } else if (lineTooLong) {
            result = Replies.DATA_LINE_TOO_LONG;
        } else if (!(content instanceof Content.Streaming streaming)) {
            result = Replies.LOCAL_ERROR;
        } else {
            // MessageSink: complete() or abort(), never both — a failing complete() cleans up itself
            transaction = transaction.withContent(new Content.NotStarted(), transaction.chunked());
            try {
                result = streaming.sink().complete();
            } catch (IOException | RuntimeException e) {
                result = Replies.LOCAL_ERROR;
            }
        }
        resetTransaction();
        input = COMMANDS;
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
                input = new Input.ExchangeLine(challenge.next());
                lines.setMaxLineLength(ServerConfig.MAX_AUTH_LINE);   // RFC 4954 §4
                reply(challenge.reply());
            }
            case ExtensionReply.StartTls startTls -> {
                reply(startTls.reply());
                input = new Input.TlsPending();
                action = Action.START_TLS;
            }
            case ExtensionReply.Close closing -> {
                reply(closing.reply());
                close();
            }
        }
    }

    /** Ends or abandons the transaction: what an open sink holds is dropped (never delivered). */
    private void resetTransaction() {
        if (transaction != null && transaction.content() instanceof Content.Streaming streaming) {
            streaming.sink().abort();
        }
        transaction = null;
        if (input instanceof Input.MessageData || input instanceof Input.Chunk) {
            input = COMMANDS;
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
            reply(Replies.tooManyErrors(config.hostname()));
            close();
        }
    }

    private void close() {
        input = new Input.Closed();
        action = Action.CLOSE;
    }

    /**
     * Queues a reply. Enhanced status codes are sent only when the client asked for the extended
     * protocol and the server offers ENHANCEDSTATUSCODES (RFC 2034 §3).
     */
    private void reply(Reply reply) {
        Reply formatted = extended() && config.offers(SmtpExtension.ENHANCED_STATUS_CODES) ? reply : reply.withoutStatus();
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
        return "ServerSession[" + state().name().toLowerCase(Locale.ROOT) + ", " + heloDomain().orElse("-") + "]";
    }
}
