package io.github.smtplab.lab.demo;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.auth.inbound.InboundChecker;
import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.PasswordAuthentication;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.lab.MailServerSetup;
import io.github.smtplab.lab.explain.HeaderNotes;
import io.github.smtplab.lab.explain.Language;
import io.github.smtplab.lab.explain.Messages;
import io.github.smtplab.lab.explain.MimeTree;
import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.HeaderBlock;
import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.MimePart;
import io.github.smtplab.mime.ParsedMessage;
import io.github.smtplab.relay.QueueRunner;
import io.github.smtplab.relay.QueueWorker;
import io.github.smtplab.relay.Spool;
import io.github.smtplab.relay.SpoolDelivery;
import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.JsseClientTls;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.ServerTls;
import io.github.smtplab.tls.ServerTlsPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The seed's whole mail path, live on loopback: Alice's client submits "Réunion demain" to her company's
 * submission server, which queues it, finds exemple.com's MX through DNS and relays it; the MX stores it
 * for Bob and Charlie; the Bcc copy stays at monentreprise.fr. Every dialogue is printed and explained.
 *
 * <p>Each step either works or ends the demo with one sentence naming the step and why.
 */
public final class Demo {

    /** A step that failed: the demo stops and says which and why. */
    public static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final Mailbox CHARLIE = new Mailbox("charlie", "exemple.com");
    static final Mailbox AUDIT = new Mailbox("audit", "monentreprise.fr");

    /** The lanes of the sequence diagram: the parties of the mail path, left to right. */
    static final String MUA_LANE = "mua";
    static final String SUBMISSION_LANE = "submission";
    static final String DNS_LANE = "dns";
    static final String MX_LANE = "mx";
    static final String MAILDIR_LANE = "maildir";

    private final PrintWriter out;
    private final Messages messages;
    private final Annotations annotations;
    private final Story story;
    private final Path work;
    private final BufferedReader pause;
    private int step;

    /**
     * @param language the language of every explanation
     * @param colour   ANSI colours on the console
     * @param work     where the Maildirs and the queue go
     * @param pause    when not null, wait for Enter between steps (a classroom's {@code --step})
     */
    public Demo(PrintWriter out, Language language, boolean colour, Path work, BufferedReader pause) {
        this.out = out;
        this.messages = Messages.of(language);
        this.annotations = new Annotations(messages);
        this.work = work;
        this.pause = pause;
        this.story = new Story(List.of(
                new Story.Lane(MUA_LANE, messages.text("lane.mua"), "laptop.monentreprise.fr"),
                new Story.Lane(SUBMISSION_LANE, messages.text("lane.submission"), "smtp.monentreprise.fr"),
                new Story.Lane(DNS_LANE, messages.text("lane.dns"), "127.0.0.1"),
                new Story.Lane(MX_LANE, messages.text("lane.mx"), "mx.exemple.com"),
                new Story.Lane(MAILDIR_LANE, messages.text("lane.maildir"), "maildir-*/")),
                new ConsolePrinter(out, colour));
    }

    /** What the demo showed, for the HTML page (complete once {@link #run()} has returned or failed). */
    public Story story() {
        return story;
    }

    /** The sentences of the demo's language. */
    public Messages messages() {
        return messages;
    }

    /** Runs every step; returns normally only if every one worked. */
    public void run() throws StepFailed, IOException, InterruptedException {
        step(messages.text("step.dns"));
        SigningKey dkimKey = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        String dkimRecord = "s1._domainkey IN TXT \"" + dkimKey.keyRecord() + "\"\n";
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone(MONENTREPRISE + dkimRecord), zone(EXEMPLE), zone(TOP_LEVEL.formatted("fr")), zone(TOP_LEVEL.formatted("com"))))) {
            note(messages.text("note.dns", "127.0.0.1:" + dns.address().getPort()));
            StubResolver stub = new StubResolver(ResolverConfig.of("127.0.0.1:" + dns.address().getPort()));
            // each server's lookups are shown in the story, under the name of the server that asks
            DnsResolver submissionResolver = new RecordingResolver(stub, story, annotations, SUBMISSION_LANE, "[smtp.monentreprise.fr → DNS] ");
            DnsResolver mxResolver = new RecordingResolver(stub, story, annotations, MX_LANE, "[mx.exemple.com → DNS] ");
            // each server its own development certificate, naming it (RFC 6125 §6.4)
            IssuedCertificates certificates = DevCertificates.generate(List.of("smtp.monentreprise.fr"), KeyAlgorithm.EC_P256);
            ServerTls tls = ServerTls.of(certificates.server());
            ServerTls mxTls = ServerTls.of(DevCertificates.generate(List.of("mx.exemple.com"), KeyAlgorithm.EC_P256).server());

            step(messages.text("step.servers"));
            MaildirDelivery exempleMail = new MaildirDelivery(work.resolve("maildir-exemple.com"), "mx.exemple.com");
            MaildirDelivery entrepriseMail = new MaildirDelivery(work.resolve("maildir-monentreprise.fr"), "smtp.monentreprise.fr");
            // the MX: STARTTLS offered (RFC 3207), SPF, DKIM and DMARC checked before the message is stored
            MailServerSetup mxSetup = MailServerSetup.of(Role.MX, "mx.exemple.com", Set.of("exemple.com"))
                    .startTls(mxTls, ServerTlsPolicy.OPTIONAL).localDelivery(exempleMail)
                    .checkInbound(new InboundChecker("mx.exemple.com", mxResolver).enforcingPolicy(true));
            // the submission server: STARTTLS required before MAIL (RFC 3207 §4), relayed mail DKIM-signed
            // and AUTH (RFC 4954) inside TLS only, so only authenticated users relay (RFC 6409);
            // alice's password is stored as salted verifiers
            String alicePassword = "demain-10h-" + Long.toHexString(new SecureRandom().nextLong());
            UsersFile users = UsersFile.empty().with(UserCredentials.create("alice", alicePassword, 4096, false));
            MailServerSetup submissionSetup = MailServerSetup.of(Role.SUBMISSION, "smtp.monentreprise.fr", Set.of("monentreprise.fr"))
                    .startTls(tls, ServerTlsPolicy.REQUIRED).auth(users, AuthPolicy.submission()).localDelivery(entrepriseMail)
                    .dkimSigning(DkimSigner.of(dkimKey, "monentreprise.fr", "s1"));
            try (SmtpServer mx = mxSetup.listener(new InetSocketAddress("127.0.0.1", 0)).start();
                 QueueWorker queue = relayQueue(submissionResolver, mx.address().getPort());
                 SmtpServer submission = submissionSetup
                         .relayDelivery(new SpoolDelivery(spool, "smtp.monentreprise.fr", Clock.systemUTC(), this::wakeQueue))
                         .listener(new InetSocketAddress("127.0.0.1", 0)).start()) {
                note(messages.text("note.servers", address(mx.address()), address(submission.address())));
                note(messages.text("note.certificates"));

                step(messages.text("step.submit"));
                byte[] pdf = TinyPdf.withText("Ordre du jour : reunion de demain, 10h");
                ComposedMessage message = Message.builder().from("Alice <alice@monentreprise.fr>").to("Bob <bob@exemple.com>")
                        .cc("Charlie <charlie@exemple.com>").bcc("audit@monentreprise.fr").subject("Réunion demain")
                        .text("Bonjour Bob, bonjour Charlie,\n\nJe vous propose de nous retrouver demain à 10h.\nL'ordre du jour est joint.\n\nAlice\n")
                        .attach("ordre-du-jour.pdf", pdf, "application/pdf").build();
                SmtpClient.Options alice = SmtpClient.Options.defaults("laptop.monentreprise.fr")
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30))
                        .withTranscript(new DialogueRecorder(story, annotations, MUA_LANE, SUBMISSION_LANE, "[alice → smtp.monentreprise.fr] ",
                                Set.of(AUDIT.toString())))
                        .withTls(ClientTlsPolicy.REQUIRED, JsseClientTls.trusting(List.of(certificates.ca())))
                        // the seed's AUTH LOGIN (as `send --auth-mechanism LOGIN`); left free, the client picks SCRAM-SHA-256
                        .withAuthentication(PasswordAuthentication.of("alice", alicePassword).withMechanisms(Set.of(Mechanism.LOGIN)));
                TransactionResult submitted;
                try (SmtpClient client = SmtpClient.connect(submission.address(), alice)) {
                    submitted = client.send(ALICE, List.of(BOB, CHARLIE, AUDIT), message.bytes());
                } catch (Exception e) {
                    throw new StepFailed(messages.text("fail.submission", e.getMessage()));
                }
                if (!submitted.allAccepted()) {
                    throw new StepFailed(messages.text("fail.refused", submitted));
                }

                step(messages.text("step.relay"));
                wakeQueue();
                waitFor(() -> count(exempleMail, BOB) > 0 && count(exempleMail, CHARLIE) > 0 && queueEmpty(), Duration.ofSeconds(30),
                        messages.text("fail.relay"));

                step(messages.text("step.check"));
                for (Mailbox who : List.of(BOB, CHARLIE)) {
                    checkDelivered(exempleMail, mxSetup.checksInbound(), MX_LANE, who, pdf);
                }
                checkDelivered(entrepriseMail, submissionSetup.checksInbound(), SUBMISSION_LANE, AUDIT, pdf);

                step(messages.text("step.header"));
                byte[] bobsCopy = Files.readAllBytes(exempleMail.newMessages(BOB).getFirst());
                story.add(new Story.Delivery(BOB.toString(), bobsCopy));
                explainHeader(bobsCopy, List.of(AUDIT.toString()));
                step(messages.text("step.body"));
                explainBody(bobsCopy);

                step(messages.text("step.pop3"));
                new Pop3Step(story, annotations, messages).run(exempleMail, BOB);
            }
        }
        story.add(new Story.Remark(""));
        story.add(new Story.Remark(messages.text("summary")));
        story.add(new Story.Remark(messages.text("maildirs", work)));
    }

    private static String address(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private Spool spool;
    private QueueWorker worker;

    /** The submission server's queue: its spool, and the worker that delivers through MX lookups. */
    private QueueWorker relayQueue(DnsResolver resolver, int mxPort) throws IOException {
        spool = new Spool(work.resolve("queue-monentreprise.fr"));
        // MX to MX: STARTTLS when offered, certificate not checked (opportunistic, RFC 7435)
        SmtpClient.Options relayClient = SmtpClient.Options.defaults("smtp.monentreprise.fr")
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30))
                .withTranscript(new DialogueRecorder(story, annotations, SUBMISSION_LANE, MX_LANE, "[smtp.monentreprise.fr → mx.exemple.com] ", Set.of()))
                .withTls(ClientTlsPolicy.OPPORTUNISTIC, JsseClientTls.systemTrust());
        QueueRunner runner = new QueueRunner(spool, resolver,
                new QueueRunner.Settings("smtp.monentreprise.fr", mxPort, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(1), relayClient),
                Clock.systemUTC(), new SecureRandom());
        worker = QueueWorker.start(runner, Duration.ofHours(1));   // runs when woken by a queued message
        return worker;
    }

    private void wakeQueue() {
        if (worker != null) {
            worker.wakeUp();
        }
    }

    /** One copy in {@code who}'s Maildir, no Bcc, the attachment intact and, where mail is checked, the three passes. */
    private void checkDelivered(MaildirDelivery maildir, boolean checked, String deliveringLane, Mailbox who, byte[] pdf)
            throws IOException, StepFailed {
        List<Path> files = maildir.newMessages(who);
        if (files.size() != 1) {
            throw new StepFailed(messages.text("fail.count", who, files.size()));
        }
        byte[] bytes = Files.readAllBytes(files.getFirst());
        ParsedMessage parsed = Message.parse(bytes);
        if (parsed.headers().field("Bcc").isPresent() || new String(bytes, StandardCharsets.ISO_8859_1).contains("\r\nBcc:")) {
            throw new StepFailed(messages.text("fail.bcc", who));
        }
        List<MimePart.Leaf> attachments = parsed.attachments();
        if (attachments.size() != 1 || !java.util.Arrays.equals(attachments.getFirst().body(), pdf)) {
            throw new StepFailed(messages.text("fail.attachment", who));
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (checked && !(text.contains("spf=pass") && text.contains("dkim=pass") && text.contains("dmarc=pass"))) {
            throw new StepFailed(messages.text("fail.checks", who));
        }
        DialogueLine delivered = new DialogueLine.Delivered(who.toString(), files.getFirst().getFileName().toString());
        String host = deliveringLane.equals(MX_LANE) ? "mx.exemple.com" : "smtp.monentreprise.fr";
        story.add(new Story.Line(deliveringLane, MAILDIR_LANE, "[" + host + " → Maildir] ", delivered,
                annotations.shown(delivered), annotations.explain(delivered), false, false));
    }

    /** The header as stored, then what to notice in it; the remarks that depend on content only when it is there. */
    private void explainHeader(byte[] message, List<String> bccRecipients) {
        for (HeaderField field : HeaderBlock.read(message).headers().fields()) {   // smtp-mime's one header split
            for (String line : new String(field.raw(), StandardCharsets.UTF_8).split("\r?\n")) {
                note("| " + line);
            }
        }
        note("");
        ParsedMessage parsed = Message.parse(message);
        note(messages.text("header.read"));
        note(messages.text("header.hops"));
        note(messages.text("header.returnPath"));
        note(messages.text("header.ar"));
        parsed.headers().first("Authentication-Results").map(v -> HEADER_HELO.matcher(v.replaceAll("\\s+", " ")))
                .filter(java.util.regex.Matcher::find)
                .ifPresent(m -> note(messages.text("header.ar.helo", m.group(1))));
        note(messages.text("header.dkim"));
        parsed.headers().first("DKIM-Signature").map(HeaderNotes::oversignedNames).filter(names -> !names.isEmpty())
                .ifPresent(names -> note(messages.text("header.dkim.oversigned", String.join(", ", names))));
        note(messages.text("header.esmtpsa"));
        if (!bccRecipients.isEmpty() && parsed.headers().field("Bcc").isEmpty()) {
            note(messages.text("header.bcc", String.join(", ", bccRecipients)));
        }
    }

    /** The MIME tree of what Bob received, as smtp-mime's parser sees it, and the text part decoded. */
    private void explainBody(byte[] message) {
        note(messages.text("mime.intro"));
        for (MimeTree.Row row : MimeTree.of(Message.parse(message).root())) {
            note(MimeTree.describe(row, messages));
            row.text().ifPresent(t -> {
                note("  ".repeat(row.depth() + 1) + messages.text("mime.text"));
                t.lines().forEach(l -> note("  ".repeat(row.depth() + 1) + "> " + l));
            });
        }
    }

    /** {@code spf=none smtp.helo=NAME} in Authentication-Results (RFC 8601 §2.7.2). */
    private static final java.util.regex.Pattern HEADER_HELO = java.util.regex.Pattern.compile("spf=none smtp\\.helo=([^;\\s]+)");

    private void step(String title) throws IOException {
        step++;
        if (pause != null && step > 1) {
            out.print(messages.text("pause"));
            out.flush();
            pause.readLine();
        }
        story.add(new Story.Step(step, title));
    }

    private void note(String text) {
        story.add(new Story.Remark(text));
    }

    private boolean queueEmpty() {
        try {
            return spool.entries().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static int count(MaildirDelivery maildir, ForwardPath who) {
        try {
            return maildir.newMessages(who).size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration within, String failure)
            throws InterruptedException, StepFailed {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new StepFailed(failure);
            }
            Thread.sleep(50);
        }
    }

    private static Zone zone(String text) throws StepFailed {
        String origin = text.lines().filter(l -> l.startsWith("$ORIGIN")).findFirst().orElseThrow().split("\\s+")[1];
        return switch (MasterFileParser.parse(text, DomainName.of(origin))) {
            case ZoneParseResult.Parsed parsed -> parsed.zone();
            case ZoneParseResult.Failed failed -> throw new StepFailed("zone " + origin + " line " + failed.line() + ": " + failed.message());
        };
    }

    static final String MONENTREPRISE = """
            $ORIGIN monentreprise.fr.
            $TTL 300
            @      IN SOA  ns hostmaster 1 3600 600 86400 60
            @      IN NS   ns
            ns     IN A    127.0.0.1
            @      IN MX   10 smtp
            smtp   IN A    127.0.0.1
            @      IN TXT  "v=spf1 ip4:127.0.0.0/8 -all"
            _dmarc IN TXT  "v=DMARC1; p=reject; adkim=r; aspf=r"
            """;

    /**
     * An empty top-level zone, so that the DMARC tree walk (RFC 9989 §4.10) gets NXDOMAIN for
     * {@code _dmarc.fr} as on the Internet, instead of REFUSED from a server that knows no {@code fr}.
     */
    static final String TOP_LEVEL = """
            $ORIGIN %s.
            $TTL 300
            @      IN SOA  ns.nic hostmaster.nic 1 3600 600 86400 60
            @      IN NS   ns.nic
            """;

    static final String EXEMPLE = """
            $ORIGIN exemple.com.
            $TTL 300
            @      IN SOA  ns hostmaster 1 3600 600 86400 60
            @      IN NS   ns
            ns     IN A    127.0.0.1
            @      IN MX   10 mx
            mx     IN A    127.0.0.1
            @      IN TXT  "v=spf1 mx -all"
            _dmarc IN TXT  "v=DMARC1; p=quarantine"
            """;
}
