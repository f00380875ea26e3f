package io.github.smtplab.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs probes against a {@link Target}: one fresh connection per probe, a deadline on every reply and on
 * the whole probe, and a verdict by the probe's level (a MUST broken fails, a SHOULD or MAY warns).
 */
public final class ProbeRunner {

    /** The EHLO name the suite gives (a domain reserved for examples, RFC 2606). */
    public static final String CLIENT_NAME = "client.example.net";
    /** The reverse-path of the suite's messages. */
    public static final String SENDER = "probe@example.net";
    /** A domain the target surely does not serve: relaying to it must be refused on the mx profile. */
    public static final String FOREIGN_DOMAIN = "relay-test.example.org";

    /** The target could not be reached at all (exit code 3 of the command). */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Target target;
    private final TlsClient tls;
    private final SecureRandom random = new SecureRandom();

    /** A runner for {@code target}; reads the {@code --trust} file now. */
    public ProbeRunner(Target target) throws IOException {
        this.target = target;
        this.tls = TlsClient.trusting(target.trust());
    }

    /** The probes of {@code all} that apply to the target's profile and {@code --only} groups, in order. */
    public List<Probe> selected(List<Probe> all) {
        return all.stream()
                .filter(p -> p.profiles().contains(target.profile()))
                .filter(p -> target.only().isEmpty() || target.only().contains(p.group()))
                .toList();
    }

    /** Runs the selected probes; {@code progress} hears of each outcome as it comes. */
    public List<Outcome> run(List<Probe> all, Consumer<Outcome> progress) throws Unreachable {
        Capabilities capabilities = discover();
        if (target.tls() == TlsMode.STARTTLS && !capabilities.offers("STARTTLS")) {
            throw new Unreachable("--tls starttls, but " + target.host() + ":" + target.port()
                    + " does not offer STARTTLS (or the TLS handshake failed)", null);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Probe probe : selected(all)) {
            Outcome outcome = run(probe, capabilities);
            progress.accept(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * Connects once to learn the EHLO keywords (after STARTTLS too with {@code --tls starttls}).
     *
     * @throws Unreachable when no TCP (or implicit TLS) connection can be made
     */
    public Capabilities discover() throws Unreachable {
        Connection c;
        try {
            c = connect();
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + target.host() + ":" + target.port() + ": " + e.getMessage(), e);
        }
        Map<String, String> keywords = new TreeMap<>();
        String greeting = "";
        try (c) {
            long deadline = System.nanoTime() + target.replyTimeout().toNanos();
            if (c.read(deadline) instanceof ReadResult.Received hello) {
                greeting = hello.reply().lines().getFirst();
                c.send(("EHLO " + CLIENT_NAME + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (c.read(deadline) instanceof ReadResult.Received ehlo && ehlo.reply().code() == 250) {
                    keywords.putAll(Capabilities.parseEhlo(ehlo.reply()));
                    if (target.tls() == TlsMode.STARTTLS && keywords.containsKey("STARTTLS")) {
                        c.send("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                        if (c.read(deadline) instanceof ReadResult.Received go && go.reply().code() == 220) {
                            c.startTls(tls, target.host(), target.port(), millisLeft(deadline));
                            c.send(("EHLO " + CLIENT_NAME + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            if (c.read(deadline) instanceof ReadResult.Received again && again.reply().code() == 250) {
                                keywords.putAll(Capabilities.parseEhlo(again.reply()));
                            }
                        }
                    }
                }
                c.send("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                c.read(deadline);
            }
        } catch (IOException e) {
            // what was learnt so far is kept: the probes themselves will report the trouble
        }
        return new Capabilities(keywords, greeting);
    }

    /** Runs one probe (whatever its profile) and judges it. */
    public Outcome run(Probe probe, Capabilities capabilities) {
        Optional<String> skip = skipReason(probe, capabilities);
        if (skip.isPresent()) {
            return new Outcome(probe, Verdict.SKIP, skip.get(), List.of());
        }
        Map<String, String> variables = variables(probe, capabilities);
        long waits = probe.steps().stream().mapToLong(s -> s instanceof Step.Wait w ? w.seconds() * 1_000_000_000L : 0).sum();
        Execution execution = new Execution(probe, variables, System.nanoTime() + target.probeTimeout().toNanos() + waits);
        return execution.run();
    }

    private Optional<String> skipReason(Probe probe, Capabilities capabilities) {
        if (probe.slow() && !target.slow()) {
            return Optional.of("waits for minutes: run with --slow");
        }
        for (String need : probe.needs()) {
            switch (need) {
                case "login" -> {
                    if (target.user().isEmpty()) {
                        return Optional.of("needs credentials: --user and --password-file");
                    }
                }
                case "tls" -> {
                    if (target.tls() == TlsMode.NONE) {
                        return Optional.of("needs --tls starttls or --tls implicit");
                    }
                }
                case "maildir" -> {
                    if (target.maildir().isEmpty()) {
                        return Optional.of("checks delivered mail: needs --maildir");
                    }
                }
                case "plain" -> {
                    if (target.tls() == TlsMode.IMPLICIT) {
                        return Optional.of("checks the plaintext phase, which implicit TLS has not");
                    }
                }
                default -> {
                    if (!capabilities.offers(need)) {
                        return Optional.of("the server does not offer " + need + " in its EHLO reply");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Map<String, String> variables(Probe probe, Capabilities capabilities) {
        Map<String, String> v = new HashMap<>();
        String local = target.rcpt().substring(0, target.rcpt().lastIndexOf('@'));
        v.put("client", CLIENT_NAME);
        v.put("from", SENDER);
        v.put("domain", target.domain());
        v.put("DOMAIN", target.domain().toUpperCase(Locale.ROOT));
        v.put("rcpt", target.rcpt());
        v.put("rcpt-local", local);
        v.put("foreign", FOREIGN_DOMAIN);
        v.put("token", "smtplab-" + probe.id().replace('.', '-') + "-" + HexFormat.of().formatHex(random.generateSeed(4)));
        capabilities.sizeLimit().ifPresent(limit -> v.put("oversize", Long.toString(limit + 1)));
        String user = target.user().orElse("nobody-" + HexFormat.of().formatHex(random.generateSeed(3)));
        v.put("user", user);
        v.put("plain", plain(user, target.password()));
        v.put("wrong-plain", plain(user, "wrong-" + HexFormat.of().formatHex(random.generateSeed(6))));
        return v;
    }

    private static String plain(String user, String password) {
        // RFC 4616: authzid NUL authcid NUL passwd, base64 (RFC 4954 section 4)
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Connection connect() throws IOException {
        int timeout = (int) target.replyTimeout().toMillis();
        Connection c = Connection.open(target.host(), target.port(), timeout);
        if (target.tls() == TlsMode.IMPLICIT) {
            try {
                c.startTls(tls, target.host(), target.port(), timeout);   // RFC 8314 section 3: TLS before the greeting
            } catch (IOException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    private static int millisLeft(long deadline) {
        return (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    /** How long a message that must not be delivered is looked for (deliveries may lag behind the reply). */
    static final long GRACE_MILLIS = 2000;
    /** How long replies are still read after a probe failed. */
    static final long DRAIN_MILLIS = 1500;

    /** The probe did not get what it expected (verdict by level). */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /** The probe cannot apply after all (a variable undefined, a session it cannot open). */
    private static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;

        Skipped(String message) {
            super(message);
        }
    }

    /** The server ended the connection where the probe allows it: the probe stops there, passed. */
    private static final class Ended extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** One run of one probe. */
    private final class Execution {
        private final Probe probe;
        private final Map<String, String> variables;
        private final long probeDeadline;
        private final Map<String, byte[]> delivered = new LinkedHashMap<>();
        private final Map<Step.NotDelivered, byte[][]> notDelivered = new LinkedHashMap<>();
        private Connection connection;
        private ServerReply last;
        private boolean maildirChecked;

        Execution(Probe probe, Map<String, String> variables, long probeDeadline) {
            this.probe = probe;
            this.variables = variables;
            this.probeDeadline = probeDeadline;
        }

        Outcome run() {
            try {
                connection = connect();
            } catch (IOException e) {
                return judge(new Failed("cannot connect: " + e.getMessage()), List.of());
            }
            try (Connection c = connection) {
                try {
                    // the delivered-content checks are declarations, read first: they apply even when a reply failed
                    for (Step step : probe.steps()) {
                        switch (step) {
                            case Step.Delivered d -> delivered.put(d.text(), bytes(d.text()));
                            case Step.NotDelivered d -> notDelivered.put(d, new byte[][] {bytes(d.text()), bytes(d.carrier())});
                            default -> { }
                        }
                    }
                    for (Step step : probe.steps()) {
                        if (connection.closed() && !(step instanceof Step.Delivered) && !(step instanceof Step.NotDelivered)) {
                            throw new Failed("the connection is closed; the probe still had: " + step.line());
                        }
                        execute(step);
                    }
                } catch (Ended expectedClose) {
                    // the server closed where the probe allows it
                }
                c.close();
                checkMaildir();
                return new Outcome(probe, Verdict.PASS, "", connection.transcript());
            } catch (Failed f) {
                drain();
                connection.close();
                return judge(new Failed(f.getMessage() + maildirAfterFailure()), connection.transcript());
            } catch (Skipped s) {
                return new Outcome(probe, Verdict.SKIP, s.getMessage(), connection.transcript());
            } catch (IOException e) {
                connection.note("I/O error: " + e.getMessage());
                return judge(new Failed("I/O error: " + e.getMessage()), connection.transcript());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(probe, Verdict.SKIP, "interrupted", connection.transcript());
            }
        }

        /**
         * After a failure, the replies still on their way show what the server made of the rest (the 354 of a
         * smuggled DATA...), and reading them lets the server finish before the connection drops.
         */
        private void drain() {
            long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
            try {
                while (!connection.closed() && connection.read(until) instanceof ReadResult.Received) {
                    // each reply goes to the transcript
                }
            } catch (IOException e) {
                // the connection is gone: nothing more to read
            }
        }

        /** After a failed reply, what the maildir shows still helps (a smuggled message delivered?). */
        private String maildirAfterFailure() {
            if (maildirChecked || notDelivered.isEmpty() || target.maildir().isEmpty()) {
                return "";
            }
            try {
                checkNotDelivered(new MaildirSearch(target.maildir().get()), GRACE_MILLIS);
                return "";
            } catch (Failed also) {
                return "; and " + also.getMessage();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        private Outcome judge(Failed failure, List<TranscriptLine> transcript) {
            Verdict verdict = probe.level() == Level.MUST ? Verdict.FAIL : Verdict.WARN;
            return new Outcome(probe, verdict, failure.getMessage(), transcript);
        }

        private void execute(Step step) throws Failed, Skipped, Ended, IOException, InterruptedException {
            switch (step) {
                case Step.Hello h -> hello();
                case Step.Session s -> session();
                case Step.SecureHello s -> secureHello();
                case Step.Bdat b -> {
                    byte[] chunk = bytes(b.text());
                    connection.send(("BDAT " + chunk.length + (b.last() ? " LAST" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    connection.send(chunk);
                }
                case Step.Send send -> {
                    byte[] line = bytes(send.text() + "\\r\\n");
                    for (int i = 0; i < send.times(); i++) {
                        connection.send(line);
                    }
                }
                case Step.SendRaw raw -> connection.send(bytes(raw.text()));
                case Step.Expect expect -> {
                    for (int i = 0; i < expect.times(); i++) {
                        expect(expect);
                    }
                }
                case Step.ReplyMatches m -> {
                    if (last == null) {
                        throw new Failed("reply-matches: no reply read yet");
                    }
                    if (!last.text().matches(m.regex())) {
                        throw new Failed("the reply text does not match " + m.regex() + ": " + ReplySyntax.printable(last.text()));
                    }
                }
                case Step.StartTls t -> startTls();
                case Step.TlsHandshake t -> handshake();
                case Step.Wait w -> {
                    connection.flush();
                    connection.note("waiting " + w.seconds() + " s");
                    Thread.sleep(w.seconds() * 1000L);
                }
                case Step.Delivered d -> { }      // read before the dialogue, checked after it
                case Step.NotDelivered d -> { }
                case Step.Close c -> {
                    connection.flush();
                    connection.note("the client drops the connection");
                    connection.close();
                }
            }
        }

        private void hello() throws Failed, Skipped, Ended, IOException {
            expect(new Step.Expect(List.of("220"), 1));
            connection.send(bytes("EHLO ${client}\\r\\n"));
            expect(new Step.Expect(List.of("250"), 1));
        }

        private void secureHello() throws Failed, Skipped, Ended, IOException {
            hello();
            if (target.tls() == TlsMode.STARTTLS) {
                startTls();
                connection.send(bytes("EHLO ${client}\\r\\n"));
                expect(new Step.Expect(List.of("250"), 1));
            }
        }

        private void session() throws Failed, Skipped, Ended, IOException {
            secureHello();
            if (target.user().isPresent()) {
                connection.send(bytes("AUTH PLAIN ${plain}\\r\\n"));
                expect(new Step.Expect(List.of("235"), 1));
            } else if (target.profile() == Profile.SUBMISSION) {
                throw new Skipped("the submission profile needs --user and --password-file to open a mail transaction");
            }
        }

        private void startTls() throws Failed, Skipped, Ended, IOException {
            connection.send(bytes("STARTTLS\\r\\n"));
            expect(new Step.Expect(List.of("220"), 1));
            handshake();
        }

        private void handshake() throws Failed, IOException {
            if (connection.buffered() > 0) {
                throw new Failed(connection.buffered() + " octets arrived after the 220 and before TLS (RFC 3207 section 4)");
            }
            try {
                connection.startTls(tls, target.host(), target.port(), millisLeft(replyDeadline()));
            } catch (IOException e) {
                throw new Failed("TLS handshake failed: " + e.getMessage());
            }
        }

        private void expect(Step.Expect expect) throws Failed, Ended, IOException {
            ReadResult result = connection.read(replyDeadline());
            String wanted = "expected " + expect.argument();
            switch (result) {
                case ReadResult.Received r -> {
                    int code = r.reply().code();
                    if (code == 421 && expect.acceptsClose()) {
                        throw new Ended();   // 421: the server is closing the channel (RFC 5321 3.8)
                    }
                    if (!expect.accepts(code)) {
                        throw new Failed(wanted + ", got " + ReplySyntax.printable(r.reply().lines().getFirst()));
                    }
                    last = r.reply();
                }
                case ReadResult.Closed c -> {
                    if (expect.acceptsClose()) {
                        throw new Ended();
                    }
                    throw new Failed(wanted + ", but the server closed the connection");
                }
                case ReadResult.TimedOut t -> throw new Failed(wanted + ", no reply within the deadline ("
                        + Math.min(target.replyTimeout().toSeconds(), target.probeTimeout().toSeconds()) + " s)");
                case ReadResult.Malformed m -> throw new Failed(wanted + ", got a malformed reply: " + m.reason());
            }
        }

        private long replyDeadline() {
            return Math.min(System.nanoTime() + target.replyTimeout().toNanos(), probeDeadline);
        }

        private byte[] bytes(String template) throws Skipped {
            try {
                return Templates.expand(template, variables);
            } catch (Templates.UnknownVariable e) {
                throw new Skipped(unknown(e.getMessage()));
            }
        }

        private static String unknown(String name) {
            return name.equals("oversize") ? "the server announces no SIZE limit" : "no value for ${" + name + "}";
        }

        private boolean anyUnwanted(MaildirSearch search) throws IOException {
            for (byte[][] unwanted : notDelivered.values()) {
                if (search.anyContaining(unwanted[0], unwanted[1])) {
                    return true;
                }
            }
            return false;
        }

        private void checkMaildir() throws Failed, InterruptedException, IOException {
            maildirChecked = true;
            if (delivered.isEmpty() && notDelivered.isEmpty()) {
                return;
            }
            if (target.maildir().isEmpty()) {
                connection.note("delivered-content checks not run (no --maildir)");
                return;
            }
            MaildirSearch search = new MaildirSearch(target.maildir().get());
            for (Map.Entry<String, byte[]> want : delivered.entrySet()) {
                String shown = want.getKey();
                if (!search.awaitContaining(want.getValue(), 10_000)) {
                    connection.note("maildir: no delivered message contains " + shown);
                    throw new Failed("no delivered message in " + target.maildir().get() + " contains \""
                            + ReplySyntax.printable(new String(want.getValue(), StandardCharsets.ISO_8859_1)) + "\"");
                }
                connection.note("maildir: a delivered message contains " + shown);
            }
            // with nothing to wait for, give a (wrongly) delivered message the time to land
            checkNotDelivered(search, delivered.isEmpty() ? GRACE_MILLIS : 200);
        }

        private void checkNotDelivered(MaildirSearch search, long graceMillis) throws Failed, IOException, InterruptedException {
            long until = System.nanoTime() + graceMillis * 1_000_000;
            while (!anyUnwanted(search) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            for (Map.Entry<Step.NotDelivered, byte[][]> unwanted : notDelivered.entrySet()) {
                String shown = unwanted.getKey().argument();
                if (search.anyContaining(unwanted.getValue()[0], unwanted.getValue()[1])) {
                    connection.note("maildir: a delivered message breaks not-delivered: " + shown);
                    String text = ReplySyntax.printable(new String(unwanted.getValue()[0], StandardCharsets.ISO_8859_1));
                    throw new Failed("a delivered message contains \"" + text + "\""
                            + (unwanted.getKey().carrier().isEmpty() ? "" : " on its own") + ", which must not have been delivered");
                }
                connection.note("maildir: checked not-delivered: " + shown);
            }
        }
    }
}
