package io.github.smtplab.pop3;

import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.PasswordAuthentication;
import io.github.smtplab.auth.sasl.SaslClients;
import io.github.smtplab.core.AuthClient;
import io.github.smtplab.core.DataDecoder;
import io.github.smtplab.core.LineReader;
import io.github.smtplab.core.net.ClientTls;
import io.github.smtplab.core.net.TlsUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A POP3 client (RFC 1939) with CAPA (RFC 2449), STLS (RFC 2595), implicit TLS (RFC 8314 §3) and AUTH
 * (RFC 5034) using smtp-auth's SASL mechanisms.
 *
 * <pre>{@code
 * try (Pop3Client pop = Pop3Client.connect(new InetSocketAddress("127.0.0.1", 995), "localhost",
 *         Pop3Client.Options.implicitTls(JsseClientTls.trusting(caPem)))) {
 *     pop.login("bob", password);
 *     for (Pop3Client.Listing m : pop.list()) { pop.retrieve(m.number(), out); }
 *     pop.quit();   // only QUIT applies DELE (RFC 1939 §6)
 * }
 * }</pre>
 *
 * <p>Every read has the deadline of {@link Options#readTimeout()}; status lines are at most 512 octets
 * (RFC 2449 §4), messages are streamed to the caller's {@link OutputStream} with the byte-stuffing removed
 * by smtp-core's {@link DataDecoder}, so memory stays bounded.
 */
public final class Pop3Client implements AutoCloseable {

    /** The most lines a CAPA, LIST or UIDL listing may have before the client gives up. */
    static final int MAX_LISTING_LINES = 1_000_000;

    /** How the connection is protected. */
    public enum Security {
        /** No TLS at all: passwords are refused unless {@link Options#passwordInClear()}. */
        NONE,
        /** Plain connection, then STLS before login (RFC 2595 §4); a server without STLS is an error. */
        STLS,
        /** TLS from the first byte (RFC 8314 §3, port 995). */
        IMPLICIT
    }

    /**
     * How to connect.
     *
     * @param security        NONE, STLS or IMPLICIT
     * @param tls             the TLS handshake (smtp-tls's {@code JsseClientTls}); null for NONE
     * @param connectTimeout  deadline of the TCP connection
     * @param readTimeout     deadline of every read
     * @param transcript      sees the dialogue
     * @param passwordInClear allow USER/PASS and PLAIN/LOGIN without TLS (tests, a trusted loopback)
     */
    public record Options(Security security, ClientTls tls, Duration connectTimeout, Duration readTimeout,
                          Pop3Transcript transcript, boolean passwordInClear) {
        public Options {
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(transcript, "transcript");
            if (security != Security.NONE && tls == null) {
                throw new IllegalArgumentException(security + " needs a ClientTls");
            }
        }

        /** Plain text, 10 s to connect, 60 s per read. */
        public static Options plain() {
            return new Options(Security.NONE, null, Duration.ofSeconds(10), Duration.ofSeconds(60), Pop3Transcript.NONE, false);
        }

        /** STLS before login, certificate verified. */
        public static Options stls(ClientTls tls) {
            return new Options(Security.STLS, tls, Duration.ofSeconds(10), Duration.ofSeconds(60), Pop3Transcript.NONE, false);
        }

        /** Implicit TLS, certificate verified. */
        public static Options implicitTls(ClientTls tls) {
            return new Options(Security.IMPLICIT, tls, Duration.ofSeconds(10), Duration.ofSeconds(60), Pop3Transcript.NONE, false);
        }

        /** The same with another transcript. */
        public Options withTranscript(Pop3Transcript newTranscript) {
            return new Options(security, tls, connectTimeout, readTimeout, newTranscript, passwordInClear);
        }

        /** The same, allowing passwords without TLS or not. */
        public Options withPasswordInClear(boolean inClear) {
            return new Options(security, tls, connectTimeout, readTimeout, transcript, inClear);
        }

        /** The same with other deadlines. */
        public Options withTimeouts(Duration connect, Duration read) {
            return new Options(security, tls, connect, read, transcript, passwordInClear);
        }
    }

    /** STAT's answer (RFC 1939 §5). */
    public record Stat(int messages, long octets) {}

    /** One line of LIST: a message number and its size in octets. */
    public record Listing(int number, long size) {}

    /** One line of UIDL: a message number and its unique-id (RFC 1939 §7). */
    public record UniqueId(int number, String uniqueId) {}

    private final String serverName;
    private final Options options;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteBuffer received = ByteBuffer.allocate(16 * 1024).flip();
    private final LineReader lines = new LineReader(Pop3Text.MAX_RESPONSE_LINE, true);
    private boolean tlsActive;
    private String greeting;
    private List<String> capabilities;

    private Pop3Client(String serverName, Options options) {
        this.serverName = serverName;
        this.options = options;
    }

    /**
     * Connects, reads the greeting and, for STLS, switches to TLS at once.
     *
     * @param serverName the name to verify the certificate against (and send as SNI)
     */
    public static Pop3Client connect(InetSocketAddress address, String serverName, Options options) throws IOException {
        Pop3Client client = new Pop3Client(serverName, options);
        try {
            client.open(address);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void open(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, Math.toIntExact(options.connectTimeout().toMillis()));
        socket.setSoTimeout(Math.toIntExact(options.readTimeout().toMillis()));
        if (options.security() == Security.IMPLICIT) {
            handshake();   // RFC 8314 §3: TLS first, then the greeting
        }
        in = socket.getInputStream();
        out = socket.getOutputStream();
        greeting = expectOk("(greeting)", readLine());
        if (options.security() == Security.STLS) {
            stls();
        }
    }

    /** The greeting's text after +OK (with the APOP timestamp, if the server offers APOP). */
    public String greeting() {
        return greeting;
    }

    /** True once TLS protects the connection. */
    public boolean tlsActive() {
        return tlsActive;
    }

    /** RFC 2449 §5: the capabilities, asked once and kept until STLS (RFC 2595 §4 forgets them). */
    public List<String> capabilities() throws IOException {
        if (capabilities == null) {
            send("CAPA", "CAPA");
            capabilities = List.copyOf(readListing("CAPA"));
        }
        return capabilities;
    }

    /** RFC 2595 §4: STLS, then the TLS handshake; the capabilities are asked again afterwards. */
    public void stls() throws IOException {
        send("STLS", "STLS");
        expectOk("STLS", readLine());
        if (received.hasRemaining()) {
            // anything after the +OK came before TLS: an attacker's injection (the client-side CVE-2011-0411)
            throw new IOException("the server sent data after +OK to STLS: refusing it (RFC 2595 section 4)");
        }
        handshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
        capabilities = null;
    }

    /**
     * Logs in: AUTH with the strongest SASL mechanism offered (RFC 5034; SCRAM-SHA-256 before PLAIN and
     * LOGIN), else USER/PASS (RFC 1939 §7). Passwords never leave without TLS unless the options allow it.
     *
     * @throws Pop3RefusedException when the server refuses the credentials
     */
    public void login(String user, String password) throws IOException {
        List<String> offered = saslMechanisms();
        Optional<Mechanism> mechanism = PasswordAuthentication.of(user, password)
                .withPasswordInClear(options.passwordInClear()).strongest(offered, tlsActive);
        if (mechanism.isPresent()) {
            authenticate(SaslClients.of(mechanism.get(), user, password), mechanism.get().sendsPassword());
        } else {
            userPass(user, password);
        }
    }

    /** RFC 1939 §7: USER then PASS, the password masked in the transcript. */
    public void userPass(String user, String password) throws IOException {
        if (!tlsActive && !options.passwordInClear()) {
            throw new IOException("refusing to send a password without TLS (use STLS or implicit TLS)");
        }
        send("USER " + user, "USER " + user);
        expectOk("USER", readLine());
        send("PASS " + password, "PASS ****");
        expectOk("PASS", readLine());
    }

    /** RFC 5034 §4: one SASL exchange; responses of password-carrying mechanisms are masked. */
    public void authenticate(AuthClient sasl, boolean maskResponses) throws IOException {
        String command = "AUTH " + sasl.mechanism() + sasl.initialResponse().map(r -> " " + r).orElse("");
        send(command, maskResponses && sasl.initialResponse().isPresent() ? "AUTH " + sasl.mechanism() + " ****" : command);
        for (int round = 0; round < 10; round++) {
            String line = readLine();
            if (line.startsWith("+ ") || line.equals("+")) {
                String response = sasl.respond(line.length() > 2 ? line.substring(2) : "");
                send(response, maskResponses ? "****" : response);
                continue;
            }
            expectOk("AUTH " + sasl.mechanism(), line);
            if (!sasl.acceptsSuccess()) {
                throw new IOException("the server said +OK without proving it knows the password (RFC 5802 section 5.1)");
            }
            return;
        }
        throw new IOException("AUTH " + sasl.mechanism() + ": too many rounds");
    }

    /** RFC 1939 §5: how many messages, how many octets. */
    public Stat stat() throws IOException {
        send("STAT", "STAT");
        String[] fields = expectOk("STAT", readLine()).split(" ");
        try {
            return new Stat(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
        } catch (RuntimeException e) {
            throw new IOException("STAT: not \"+OK count octets\"");
        }
    }

    /** RFC 1939 §5: every message not deleted, with its size. */
    public List<Listing> list() throws IOException {
        send("LIST", "LIST");
        List<Listing> listings = new ArrayList<>();
        for (String line : readListing("LIST")) {
            String[] fields = line.split(" ");
            try {
                listings.add(new Listing(Integer.parseInt(fields[0]), Long.parseLong(fields[1])));
            } catch (RuntimeException e) {
                throw new IOException("LIST: not \"number size\": " + printable(line));
            }
        }
        return listings;
    }

    /** RFC 1939 §7: every message's unique-id. */
    public List<UniqueId> uidl() throws IOException {
        send("UIDL", "UIDL");
        List<UniqueId> ids = new ArrayList<>();
        for (String line : readListing("UIDL")) {
            String[] fields = line.split(" ");
            try {
                ids.add(new UniqueId(Integer.parseInt(fields[0]), fields[1]));
            } catch (RuntimeException e) {
                throw new IOException("UIDL: not \"number unique-id\": " + printable(line));
            }
        }
        return ids;
    }

    /** RFC 1939 §5: message {@code number}, written to {@code to} as stored; returns its size. */
    public long retrieve(int number, OutputStream to) throws IOException {
        send("RETR " + number, "RETR " + number);
        expectOk("RETR " + number, readLine());
        return readContent(to);
    }

    /** RFC 1939 §7: the header and the first {@code bodyLines} lines of message {@code number}. */
    public long top(int number, int bodyLines, OutputStream to) throws IOException {
        send("TOP " + number + " " + bodyLines, "TOP " + number + " " + bodyLines);
        expectOk("TOP", readLine());
        return readContent(to);
    }

    /** RFC 1939 §5: marks message {@code number} deleted; it goes only when {@link #quit()} succeeds. */
    public void delete(int number) throws IOException {
        send("DELE " + number, "DELE " + number);
        expectOk("DELE " + number, readLine());
    }

    /** RFC 1939 §5: unmarks every deletion. */
    public void reset() throws IOException {
        send("RSET", "RSET");
        expectOk("RSET", readLine());
    }

    /** RFC 1939 §6: QUIT; in TRANSACTION the server enters UPDATE and applies the deletions. */
    public void quit() throws IOException {
        send("QUIT", "QUIT");
        expectOk("QUIT", readLine());
        options.transcript().event("connection closed");
        closeSocket();
    }

    /** Closes without QUIT: the server deletes nothing (RFC 1939 §6). */
    @Override
    public void close() {
        closeSocket();
    }

    // ---------------------------------------------------------------- the wire

    private List<String> saslMechanisms() throws IOException {
        List<String> capa;
        try {
            capa = capabilities();
        } catch (Pop3RefusedException noCapa) {
            return List.of();   // a server from before RFC 2449: USER/PASS only
        }
        for (String line : capa) {
            if (line.toUpperCase(Locale.ROOT).startsWith("SASL ")) {
                return List.of(line.substring(5).trim().split(" +"));
            }
        }
        return List.of();
    }

    private void handshake() throws IOException {
        TlsUpgrade.Upgraded upgraded = options.tls().handshake(socket, serverName, true);
        socket = upgraded.socket();
        tlsActive = true;
        options.transcript().event("TLS " + upgraded.info().protocol() + " " + upgraded.info().cipherSuite()
                + upgraded.info().peer().map(p -> ", server certificate " + p).orElse(""));
    }

    private void send(String line, String shown) throws IOException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a command line has no CR or LF");
        }
        options.transcript().clientLine(shown);
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String readLine() throws IOException {
        while (true) {
            switch (lines.read(received)) {
                case LineReader.Line line -> {
                    String text = new String(line.bytes(), StandardCharsets.ISO_8859_1);
                    options.transcript().serverLine(printable(text));
                    return text;
                }
                case LineReader.BareLf bareLf -> {
                    return new String(bareLf.bytes(), StandardCharsets.ISO_8859_1);   // not produced: bare LF accepted
                }
                case LineReader.TooLong tooLong -> throw new IOException(
                        "a response line of " + tooLong.length() + " octets (RFC 2449 section 4: at most 512)");
                case LineReader.NeedMore needMore -> fill();
            }
        }
    }

    /** The text after "+OK ", or a {@link Pop3RefusedException} for -ERR. */
    private static String expectOk(String command, String line) throws IOException {
        if (line.startsWith("+OK")) {
            return line.length() > 4 ? line.substring(4) : "";
        }
        if (line.startsWith("-ERR")) {
            throw new Pop3RefusedException(command, printable(line));
        }
        throw new IOException(command + ": neither +OK nor -ERR: " + printable(line));
    }

    /** A multi-line listing (RFC 1939 §3): lines up to ".", a leading "." removed from the others. */
    private List<String> readListing(String command) throws IOException {
        expectOk(command, readLine());
        List<String> listing = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.equals(".")) {
                return listing;
            }
            if (listing.size() == MAX_LISTING_LINES) {
                throw new IOException(command + ": more than " + MAX_LISTING_LINES + " lines");
            }
            listing.add(line.startsWith(".") ? line.substring(1) : line);
        }
    }

    /** A message after its +OK line: byte-stuffing removed, up to the ".", streamed to {@code to}. */
    private long readContent(OutputStream to) throws IOException {
        DataDecoder decoder = new DataDecoder(Integer.MAX_VALUE);
        ByteBuffer content = ByteBuffer.allocate(received.capacity());
        while (true) {
            DataDecoder.Status status = decoder.decode(received, content);
            to.write(content.array(), 0, content.position());
            content.clear();
            switch (status) {
                case END_OF_DATA -> {
                    options.transcript().messageContent(decoder.contentLength());
                    return decoder.contentLength();
                }
                case BARE_LINE_ENDING -> throw new IOException("a bare CR or LF in a message (RFC 1939 section 3: CRLF lines)");
                case NEED_MORE -> {
                    if (!received.hasRemaining()) {
                        fill();
                    }
                }
            }
        }
    }

    /** Reads more bytes into {@code received} (which is kept in read mode). */
    private void fill() throws IOException {
        received.compact();
        int n;
        try {
            n = in.read(received.array(), received.position(), received.remaining());
        } finally {
            received.flip();
        }
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        received.limit(received.limit() + n);
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.chars().limit(Pop3Text.MAX_RESPONSE_LINE).forEach(c -> shown.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return shown.toString();
    }

    private void closeSocket() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
