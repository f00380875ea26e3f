package io.github.smtplab.core.net;

import io.github.smtplab.core.AuthClient;
import io.github.smtplab.core.Capabilities;
import io.github.smtplab.core.ClientSession;
import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.DotStuffer;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.MailTransaction;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSize;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.core.SmtpExtension;
import io.github.smtplab.core.SmtpProtocolException;
import io.github.smtplab.core.SmtpReplyException;
import io.github.smtplab.core.TlsInfo;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.TranscriptListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * An SMTP client on {@code java.net}: connects, lets the {@link ClientSession} engine lead the dialogue,
 * streams message content through a {@link DotStuffer}, and returns one {@link TransactionResult} per
 * message with every recipient's outcome.
 *
 * <pre>{@code
 * try (SmtpClient client = SmtpClient.connect(new InetSocketAddress("127.0.0.1", 2525), SmtpClient.Options.defaults("mail.monentreprise.fr"))) {
 *     TransactionResult result = client.send(new Mailbox("alice", "monentreprise.fr"), List.of(new Mailbox("bob", "exemple.com")), messageBytes);
 * }
 * }</pre>
 */
public final class SmtpClient implements AutoCloseable {

    /**
     * How the client behaves.
     *
     * @param clientDomain   the name sent in EHLO/HELO
     * @param connectTimeout how long to wait for the TCP connection
     * @param deadlines      how long each reply may take to arrive, whole, and each write may take
     *                       (RFC 5321 §4.5.3.2: 5 minutes for the greeting, MAIL and RCPT, 2 for DATA, 3 per
     *                       data write, 10 after the final dot)
     * @param transcript     sees every line of the dialogue
     * @param tlsPolicy      when to use TLS
     * @param tls            the TLS implementation (smtp-tls); needed unless the policy is NONE
     * @param authentication how to authenticate after EHLO (smtp-auth), or null for no AUTH
     * @param clock          where reply deadlines read the time (tests pass a clock they move themselves)
     * @param sevenBit       how to re-encode 8-bit content for a server without 8BITMIME (RFC 6152 §3), or
     *                       null to refuse to send it there ({@link TransactionResult#localError()})
     */
    public record Options(String clientDomain, Duration connectTimeout, ReplyDeadlines deadlines,
                          TranscriptListener transcript, ClientTlsPolicy tlsPolicy, ClientTls tls, ClientAuthentication authentication,
                          InstantSource clock, SevenBitEncoder sevenBit) {

        public Options {
            Objects.requireNonNull(deadlines, "deadlines");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(tlsPolicy, "tlsPolicy");
            if (tlsPolicy != ClientTlsPolicy.NONE && tls == null) {
                throw new IllegalArgumentException("TLS policy " + tlsPolicy + " needs a ClientTls implementation (smtp-tls)");
            }
        }

        /** RFC 5321's deadlines ({@link ReplyDeadlines#rfc5321()}), 30 s to connect, no TLS, no AUTH. */
        public static Options defaults(String clientDomain) {
            return new Options(clientDomain, Duration.ofSeconds(30), ReplyDeadlines.rfc5321(), TranscriptListener.NONE,
                    ClientTlsPolicy.NONE, null, null, InstantSource.system(), null);
        }

        public Options withTranscript(TranscriptListener newTranscript) {
            return new Options(clientDomain, connectTimeout, deadlines, newTranscript, tlsPolicy, tls, authentication, clock, sevenBit);
        }

        /**
         * Short form of {@link #withDeadlines}: {@code command} for every reply and write but the one after
         * the final dot, which gets {@code dataEnd}.
         */
        public Options withTimeouts(Duration connect, Duration command, Duration dataEnd) {
            ReplyDeadlines each = new ReplyDeadlines(command, command, command, command, command, dataEnd, command);
            return new Options(clientDomain, connect, each, transcript, tlsPolicy, tls, authentication, clock, sevenBit);
        }

        public Options withDeadlines(Duration connect, ReplyDeadlines newDeadlines) {
            return new Options(clientDomain, connect, newDeadlines, transcript, tlsPolicy, tls, authentication, clock, sevenBit);
        }

        public Options withClock(InstantSource newClock) {
            return new Options(clientDomain, connectTimeout, deadlines, transcript, tlsPolicy, tls, authentication, newClock, sevenBit);
        }

        /** Lets the client re-encode 8-bit content for a server that lacks 8BITMIME, instead of refusing to send. */
        public Options withSevenBitEncoder(SevenBitEncoder encoder) {
            return new Options(clientDomain, connectTimeout, deadlines, transcript, tlsPolicy, tls, authentication, clock, encoder);
        }

        public Options withTls(ClientTlsPolicy policy, ClientTls implementation) {
            return new Options(clientDomain, connectTimeout, deadlines, transcript, policy, implementation, authentication, clock, sevenBit);
        }

        public Options withAuthentication(ClientAuthentication newAuthentication) {
            return new Options(clientDomain, connectTimeout, deadlines, transcript, tlsPolicy, tls, newAuthentication, clock, sevenBit);
        }
    }

    /** Message content the client can read as often as it needs (to scan it, then to send it). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;

        static Content of(byte[] bytes) {
            return () -> new java.io.ByteArrayInputStream(bytes);
        }

        static Content of(Path file) {
            return () -> Files.newInputStream(file);
        }
    }

    static final int BUFFER = 64 * 1024;

    /** What a write is, for the message when its deadline passes. */
    private static final String WRITE = "a write to the server (RFC 5321 section 4.5.3.2.5; the server stopped reading?)";

    /** The longest wait for the reply to QUIT: the client is leaving anyway. */
    static final Duration QUIT_WAIT = Duration.ofSeconds(5);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String serverName;
    private TlsInfo tlsInfo;
    private final ClientSession session;
    private final Options options;
    private final byte[] readBuffer = new byte[8192];
    /** The content of the transaction in progress, streamed when the engine asks for it. */
    private Content pendingContent;
    /** When the reply being read must be complete, and which reply that deadline is for. */
    private Instant replyDeadline;
    private long deadlineForReply = -1;
    private ClientSession.Awaiting deadlineFor;

    private SmtpClient(Socket socket, String serverName, Options options) throws IOException {
        this.socket = socket;
        this.serverName = serverName;
        this.options = options;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.session = new ClientSession(options.clientDomain(), options.transcript(), options.tlsPolicy());
    }

    /**
     * Connects, reads the greeting, and introduces itself (EHLO, or HELO for an old server).
     *
     * @throws SmtpReplyException when the server refuses the session
     */
    public static SmtpClient connect(InetSocketAddress server, Options options) throws IOException, SmtpProtocolException {
        Socket socket = new Socket();
        try {
            socket.connect(server, Math.toIntExact(options.connectTimeout().toMillis()));
            socket.setTcpNoDelay(true);
            SmtpClient client = new SmtpClient(socket, server.getHostString(), options);
            options.transcript().event("connected to " + server);
            if (options.tlsPolicy() == ClientTlsPolicy.IMPLICIT) {
                client.handshake();   // RFC 8314 §3: TLS first; the greeting comes inside it
            }
            List<ClientSession.Event> events = client.until(e -> e.stream().anyMatch(ev -> ev instanceof ClientSession.Event.Ready
                    || ev instanceof ClientSession.Event.Refused || ev instanceof ClientSession.Event.Closed
                    || ev instanceof ClientSession.Event.TlsUnavailable));
            for (ClientSession.Event event : events) {
                switch (event) {
                    case ClientSession.Event.Refused refused -> {
                        client.quit();
                        throw new SmtpReplyException("the server refused the session", refused.reply());
                    }
                    case ClientSession.Event.Closed closed -> throw new SmtpReplyException("the server closed the session",
                            closed.reply().orElse(Replies.SERVICE_NOT_AVAILABLE));
                    case ClientSession.Event.TlsUnavailable noTls -> {
                        client.quit();
                        throw new SmtpProtocolException("TLS is required and " + noTls.reason() + " (no fallback to plain text)");
                    }
                    default -> { }
                }
            }
            if (options.authentication() != null) {
                client.authenticate(options.authentication());
            }
            return client;
        } catch (IOException | SmtpProtocolException | RuntimeException e) {
            SmtpServer.closeQuietly(socket);
            throw e;
        }
    }

    /** RFC 4954: picks a mechanism from what the server offers now, runs the exchange, fails loudly. */
    private void authenticate(ClientAuthentication authentication) throws IOException, SmtpProtocolException {
        AuthClient mechanism = authentication.choose(capabilities().authMechanisms(), session.tlsActive())
                .orElseThrow(() -> new SmtpProtocolException("no acceptable AUTH mechanism among " + capabilities().authMechanisms()
                        + (session.tlsActive() ? "" : " outside TLS")));
        List<ClientSession.Event> events = new ArrayList<>();
        handle(session.authenticate(mechanism), events);
        events = until(events, e -> e.stream().anyMatch(ev -> ev instanceof ClientSession.Event.Authenticated
                || ev instanceof ClientSession.Event.AuthFailed));
        for (ClientSession.Event event : events) {
            if (event instanceof ClientSession.Event.AuthFailed failed) {
                throw new SmtpReplyException("authentication with " + mechanism.mechanism() + " failed", failed.reply());
            }
        }
    }

    /** What TLS agreed, when the session runs inside TLS. */
    public java.util.Optional<TlsInfo> tls() {
        return java.util.Optional.ofNullable(tlsInfo);
    }

    /** What the server offers (inside TLS: what it offers there, RFC 3207 §4.2). */
    public Capabilities capabilities() {
        return session.capabilities().orElseThrow();
    }

    /** Sends a message held in memory. */
    public TransactionResult send(ReversePath sender, List<? extends ForwardPath> recipients, byte[] message)
            throws IOException, SmtpProtocolException {
        return send(sender, recipients, Content.of(message));
    }

    /**
     * Sends one message: its size (for SIZE, counted as the server will receive it: {@link MessageSize})
     * and whether it has 8-bit octets (for BODY=8BITMIME) are found by reading it once, then it is
     * streamed, never held whole in memory.
     */
    public TransactionResult send(ReversePath sender, List<? extends ForwardPath> recipients, Content content)
            throws IOException, SmtpProtocolException {
        Scan scan = scan(content);
        if (scan.eightBit() && options.sevenBit() != null && !capabilities().offers(SmtpExtension.EIGHT_BIT_MIME)) {
            // RFC 6152 §3: no 8-bit data to a server that did not offer 8BITMIME; re-encode it (the one place this is decided)
            byte[] whole;
            try (InputStream in = content.open()) {
                whole = in.readAllBytes();
            }
            content = Content.of(options.sevenBit().toSevenBit(whole));
            scan = scan(content);
            options.transcript().event(capabilities().serverDomain() + " does not offer 8BITMIME: 8-bit parts re-encoded as 7-bit MIME");
        }
        return send(new MailTransaction(sender, List.copyOf(recipients), OptionalLong.of(scan.size()), scan.eightBit()), content);
    }

    /** What one reading of the content tells: its declared size (RFC 1870) and whether it has 8-bit octets. */
    private record Scan(long size, boolean eightBit) {}

    private static Scan scan(Content content) throws IOException {
        MessageSize size = new MessageSize();
        boolean eightBit = false;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = content.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size.add(buffer, 0, n);
                for (int i = 0; i < n && !eightBit; i++) {
                    eightBit = buffer[i] < 0;
                }
            }
        }
        return new Scan(size.octets(), eightBit);
    }

    /** Sends one message with an explicit transaction description. */
    public TransactionResult send(MailTransaction transaction, Content content) throws IOException, SmtpProtocolException {
        pendingContent = content;
        List<ClientSession.Event> events = new ArrayList<>();
        handle(session.send(transaction), events);
        events = until(events, e -> e.stream().anyMatch(ev -> ev instanceof ClientSession.Event.Done));
        for (ClientSession.Event e : events) {
            if (e instanceof ClientSession.Event.Done done) {
                // an RSET may still be in flight: read its reply so the session is READY again
                if (session.state() == ClientSession.State.RESETTING) {
                    until(ev -> session.state() != ClientSession.State.RESETTING);
                }
                return done.result();
            }
        }
        throw new IllegalStateException("no result");
    }

    /** Says QUIT and waits for the 221 (briefly). */
    public void quit() throws IOException {
        if (session.state() == ClientSession.State.CLOSED) {
            return;
        }
        try {
            handle(session.quit(), new ArrayList<>());
            until(events -> session.state() == ClientSession.State.CLOSED);
        } catch (SmtpProtocolException | SocketTimeoutException e) {
            // the server broke the last exchange or is too slow; the connection closes anyway
        }
    }

    @Override
    public void close() throws IOException {
        try {
            quit();
        } finally {
            session.connectionClosed();
            socket.close();
        }
    }

    // ---- the loop ---------------------------------------------------------------------------------------

    private List<ClientSession.Event> until(Predicate<List<ClientSession.Event>> done)
            throws IOException, SmtpProtocolException {
        return until(new ArrayList<>(), done);
    }

    /** Reads and handles server bytes until {@code done} holds for the events gathered. */
    private List<ClientSession.Event> until(List<ClientSession.Event> events, Predicate<List<ClientSession.Event>> done)
            throws IOException, SmtpProtocolException {
        while (!done.test(events)) {
            if (session.state() == ClientSession.State.CLOSED) {
                throw new SmtpProtocolException("the server closed the session: " + events);
            }
            int n = readBeforeDeadline();
            if (n < 0) {
                session.connectionClosed();
                throw new SmtpProtocolException("the server closed the connection in state " + session.state());
            }
            handle(session.receive(ByteBuffer.wrap(readBuffer, 0, n)), events);
        }
        return events;
    }

    /**
     * One read, bounded by the deadline of the reply the server owes (RFC 5321 §4.5.3.2). The deadline
     * starts with the first read for that reply and is not moved by the bytes that arrive: only a
     * complete reply starts the next one's.
     */
    private int readBeforeDeadline() throws IOException {
        ClientSession.Awaiting awaiting = session.awaiting().orElseThrow(() -> new IllegalStateException("no reply is due"));
        if (session.repliesReceived() != deadlineForReply || awaiting != deadlineFor) {
            replyDeadline = options.clock().instant().plus(limitFor(awaiting));
            deadlineForReply = session.repliesReceived();
            deadlineFor = awaiting;
        }
        Duration left = Duration.between(options.clock().instant(), replyDeadline);
        if (left.isNegative() || left.isZero()) {
            throw deadlinePassed(awaiting);
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left.toMillis())));
        try {
            return in.read(readBuffer);
        } catch (SocketTimeoutException e) {
            throw deadlinePassed(awaiting);
        }
    }

    private DeadlineExceededException deadlinePassed(ClientSession.Awaiting awaiting) {
        session.connectionClosed();   // the reply may still come: the dialogue cannot go on in step
        return new DeadlineExceededException("no complete reply to " + describe(awaiting) + " within "
                + human(limitFor(awaiting)) + " (" + ReplyDeadlines.basis(awaiting) + ")");
    }

    private Duration limitFor(ClientSession.Awaiting awaiting) {
        Duration limit = options.deadlines().forReply(awaiting);
        return awaiting == ClientSession.Awaiting.QUIT && limit.compareTo(QUIT_WAIT) > 0 ? QUIT_WAIT : limit;
    }

    /** "5 min", "1.5 s": a deadline as a person reads it. */
    static String human(Duration limit) {
        return limit.toMillis() % 60_000 == 0 ? limit.toMinutes() + " min" : limit.toMillis() / 1000.0 + " s";
    }

    private static String describe(ClientSession.Awaiting awaiting) {
        return switch (awaiting) {
            case GREETING -> "the connection (the 220 greeting)";
            case END_OF_DATA -> "the end of data";
            default -> awaiting.name();
        };
    }

    /** Writes the commands of one engine output (one write: a pipelined group), and the content if asked. */
    private void handle(ClientSession.Output output, List<ClientSession.Event> events) throws IOException {
        events.addAll(output.events());
        if (!output.commands().isEmpty() || output.exchangeLine().isPresent()) {
            StringBuilder group = new StringBuilder();
            output.commands().forEach(c -> group.append(c.format()).append("\r\n"));
            output.exchangeLine().ifPresent(line -> group.append(line).append("\r\n"));
            write(group.toString().getBytes(StandardCharsets.UTF_8));
        }
        switch (output.content()) {
            case NONE -> { }
            case MESSAGE -> {
                streamContent();
                handle(session.contentSent(), events);
            }
            case EMPTY_MESSAGE -> {
                write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                handle(session.contentSent(), events);
            }
        }
        if (output.startTls()) {
            handshake();
            handle(session.tlsStarted(), events);   // EHLO again, inside TLS
        }
    }

    /** Layers TLS over the connection; a failed handshake fails the session (no silent downgrade). */
    private void handshake() throws IOException {
        TlsUpgrade.Upgraded[] result = new TlsUpgrade.Upgraded[1];
        within(options.deadlines().other(), "the TLS handshake",
                () -> result[0] = options.tls().handshake(socket, serverName, options.tlsPolicy().verifies()));
        TlsUpgrade.Upgraded upgraded = result[0];
        socket = upgraded.socket();
        in = socket.getInputStream();
        out = socket.getOutputStream();
        tlsInfo = upgraded.info();
        options.transcript().event("TLS " + upgraded.info().protocol() + " " + upgraded.info().cipherSuite()
                + upgraded.info().peer().map(p -> ", peer " + p).orElse("") + (options.tlsPolicy().verifies() ? ", verified" : ", not verified"));
    }

    private void streamContent() throws IOException {
        DotStuffer stuffer = new DotStuffer();
        ByteBuffer encoded = ByteBuffer.allocate(2 * BUFFER + 8);
        byte[] chunk = new byte[BUFFER];
        long sent = 0;
        try (InputStream content = Objects.requireNonNull(pendingContent, "content").open()) {
            for (int n; (n = content.read(chunk)) > 0; ) {
                ByteBuffer input = ByteBuffer.wrap(chunk, 0, n);
                while (input.hasRemaining()) {
                    stuffer.encode(input, encoded);
                    sent += drain(encoded);
                }
            }
        }
        while (!stuffer.finish(encoded)) {
            sent += drain(encoded);
        }
        sent += drain(encoded);
        options.transcript().messageContent(sent);
    }

    private int drain(ByteBuffer encoded) throws IOException {
        encoded.flip();
        int n = encoded.remaining();
        int from = encoded.arrayOffset() + encoded.position();
        within(options.deadlines().dataBlock(), WRITE, () -> {
            out.write(encoded.array(), from, n);
            out.flush();
        });
        encoded.clear();
        return n;
    }

    /** A blocking step within its deadline; past it the socket is closed and so is the session. */
    private void within(Duration limit, String what, SocketDeadline.Blocking step) throws IOException {
        try {
            SocketDeadline.within(limit, socket, what, step);
        } catch (DeadlineExceededException e) {
            session.connectionClosed();
            throw e;
        }
    }

    /** Writes and flushes, within the data-block deadline (RFC 5321 §4.5.3.2.5). */
    private void write(byte[] bytes) throws IOException {
        within(options.deadlines().dataBlock(), WRITE, () -> {
            out.write(bytes);
            out.flush();
        });
    }
}
