package io.github.smtplab.lab.demo;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.sasl.AuthExtension;
import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.SaslClients;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.MaildirDelivery;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.Role;
import io.github.smtplab.core.RoleHooks;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.SmtpClient;
import io.github.smtplab.core.SmtpServer;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.lab.checks.DkimSigning;
import io.github.smtplab.lab.checks.InboundChecks;
import io.github.smtplab.lab.queue.QueueRunner;
import io.github.smtplab.lab.queue.QueueWorker;
import io.github.smtplab.lab.queue.Spool;
import io.github.smtplab.lab.queue.SpoolDelivery;
import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.MimePart;
import io.github.smtplab.mime.ParsedMessage;
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
import java.util.Optional;
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

    private final PrintWriter out;
    private final String lang;
    private final boolean colour;
    private final Path work;
    private final BufferedReader pause;
    private int step;

    /**
     * @param work  where the Maildirs and the queue go
     * @param pause when not null, wait for Enter between steps (a classroom's {@code --step})
     */
    public Demo(PrintWriter out, String lang, boolean colour, Path work, BufferedReader pause) {
        this.out = out;
        this.lang = lang;
        this.colour = colour;
        this.work = work;
        this.pause = pause;
    }

    /** Runs every step; returns normally only if every one worked. */
    public void run() throws StepFailed, IOException, InterruptedException {
        step(say("Start the DNS server with the zones of monentreprise.fr and exemple.com",
                "Démarrage du serveur DNS avec les zones de monentreprise.fr et exemple.com"));
        SigningKey dkimKey = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        String dkimRecord = "s1._domainkey IN TXT \"" + dkimKey.keyRecord() + "\"\n";
        try (ZoneServer dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(zone(MONENTREPRISE + dkimRecord), zone(EXEMPLE), zone(TOP_LEVEL.formatted("fr")), zone(TOP_LEVEL.formatted("com"))))) {
            note("DNS: 127.0.0.1:" + dns.address().getPort() + "  (MX exemple.com → mx.exemple.com; SPF, DMARC, and the DKIM key s1._domainkey.monentreprise.fr)");
            StubResolver resolver = new StubResolver(ResolverConfig.of("127.0.0.1:" + dns.address().getPort()));
            IssuedCertificates certificates = DevCertificates.generate(List.of("smtp.monentreprise.fr", "mx.exemple.com"), KeyAlgorithm.EC_P256);
            ServerTls tls = ServerTls.of(certificates.server());

            step(say("Start the MX of exemple.com (port 25 semantics) and the submission server of monentreprise.fr (port 587 semantics)",
                    "Démarrage du MX d'exemple.com (rôle port 25) et du serveur de soumission de monentreprise.fr (rôle port 587)"));
            MaildirDelivery exempleMail = new MaildirDelivery(work.resolve("maildir-exemple.com"), "mx.exemple.com");
            MaildirDelivery entrepriseMail = new MaildirDelivery(work.resolve("maildir-monentreprise.fr"), "smtp.monentreprise.fr");
            // the MX: STARTTLS offered (RFC 3207), SPF, DKIM and DMARC checked before the message is stored
            ServerConfig mxConfig = ServerConfig.defaults("mx.exemple.com").withServerExtensions(List.of(tls.startTls(ServerTlsPolicy.OPTIONAL)));
            // the submission server: STARTTLS required before MAIL (RFC 3207 §4), relayed mail DKIM-signed
            // and AUTH (RFC 4954) inside TLS only; alice's password is stored as salted verifiers
            String alicePassword = "demain-10h-" + Long.toHexString(new SecureRandom().nextLong());
            UsersFile users = UsersFile.empty().with(UserCredentials.create("alice", alicePassword, 4096, false));
            ServerConfig submissionConfig = ServerConfig.defaults("smtp.monentreprise.fr")
                    .withServerExtensions(List.of(tls.startTls(ServerTlsPolicy.REQUIRED),
                            new AuthExtension(users, AuthPolicy.submission(), "smtp.monentreprise.fr")));
            DkimSigner signer = DkimSigner.of(dkimKey, "monentreprise.fr", "s1");
            try (SmtpServer mx = SmtpServer.builder(mxConfig).listen(new InetSocketAddress("127.0.0.1", 0)).tlsUpgrade(tls)
                         .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), new InboundChecks("mx.exemple.com", resolver, true, exempleMail),
                                 Optional.empty(), s -> false)).start();
                 QueueWorker queue = relayQueue(resolver, mx.address().getPort());
                 SmtpServer submission = SmtpServer.builder(submissionConfig).tlsUpgrade(tls)
                         .listen(new InetSocketAddress("127.0.0.1", 0))
                         .hooks(new RoleHooks(Role.SUBMISSION, Set.of("monentreprise.fr"), entrepriseMail,
                                 Optional.of(new DkimSigning(signer, new SpoolDelivery(spool, "smtp.monentreprise.fr", Clock.systemUTC(), this::wakeQueue))),
                                 AuthExtension::relayAllowed))   // RFC 6409: only authenticated users relay
                         .start()) {
                note("mx.exemple.com: " + mx.address() + "    smtp.monentreprise.fr: " + submission.address());

                step(say("Alice's client submits the message (From Alice, To Bob, Cc Charlie, Bcc audit, a PDF attached)",
                        "Le client d'Alice soumet le message (De Alice, À Bob, Cc Charlie, Cci audit, un PDF joint)"));
                byte[] pdf = TinyPdf.withText("Ordre du jour : reunion de demain, 10h");
                ComposedMessage message = Message.builder().from("Alice <alice@monentreprise.fr>").to("Bob <bob@exemple.com>")
                        .cc("Charlie <charlie@exemple.com>").bcc("audit@monentreprise.fr").subject("Réunion demain")
                        .text("Bonjour Bob, bonjour Charlie,\n\nJe vous propose de nous retrouver demain à 10h.\nL'ordre du jour est joint.\n\nAlice\n")
                        .attach("ordre-du-jour.pdf", pdf, "application/pdf").build();
                SmtpClient.Options alice = SmtpClient.Options.defaults("laptop.monentreprise.fr")
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30))
                        .withTranscript(new AnnotatedTranscript(out, lang, colour, "[alice → smtp.monentreprise.fr] "))
                        .withTls(ClientTlsPolicy.REQUIRED, JsseClientTls.trusting(List.of(certificates.ca())))
                        // the seed's AUTH LOGIN; PasswordAuthentication would pick SCRAM-SHA-256, the strongest offered
                        .withAuthentication((offered, inTls) -> Optional.of(SaslClients.login("alice", alicePassword)));
                TransactionResult submitted;
                try (SmtpClient client = SmtpClient.connect(submission.address(), alice)) {
                    submitted = client.send(ALICE, List.of(BOB, CHARLIE, AUDIT), message.bytes());
                } catch (Exception e) {
                    throw new StepFailed(say("submission failed: ", "la soumission a échoué : ") + e.getMessage());
                }
                if (!submitted.allAccepted()) {
                    throw new StepFailed(say("the submission server refused: ", "le serveur de soumission a refusé : ") + submitted);
                }

                step(say("smtp.monentreprise.fr looks up the MX of exemple.com and relays the message; audit's copy stays local",
                        "smtp.monentreprise.fr cherche le MX d'exemple.com et relaie le message ; la copie d'audit reste locale"));
                wakeQueue();
                waitFor(() -> count(exempleMail, BOB) > 0 && count(exempleMail, CHARLIE) > 0 && queueEmpty(), Duration.ofSeconds(30),
                        say("the message did not reach mx.exemple.com within 30 s", "le message n'est pas arrivé chez mx.exemple.com en 30 s"));

                step(say("Check the Maildirs: Bob and Charlie have one copy each, without any Bcc, attachment intact",
                        "Vérification des Maildirs : Bob et Charlie ont chacun un exemplaire, sans Cci, pièce jointe intacte"));
                for (Mailbox who : List.of(BOB, CHARLIE)) {
                    checkDelivered(exempleMail, who, pdf);
                }
                checkDelivered(entrepriseMail, AUDIT, pdf);

                step(say("The header Bob received, explained", "L'en-tête reçu par Bob, expliqué"));
                explainHeader(Files.readString(exempleMail.newMessages(BOB).getFirst(), StandardCharsets.ISO_8859_1));

                step(say(Pop3Step.TITLE_EN, Pop3Step.TITLE_FR));
                new Pop3Step(out, lang, colour).run(exempleMail, BOB);
            }
        }
        out.println();
        out.println(say("Summary: submission over STARTTLS with AUTH LOGIN, DKIM signature, relay through the queue and DNS over STARTTLS, "
                        + "SPF/DKIM/DMARC pass, delivery to 3 mailboxes: all steps worked.",
                "Résumé : soumission sous STARTTLS avec AUTH LOGIN, signature DKIM, relais par la file et le DNS sous STARTTLS, "
                        + "SPF/DKIM/DMARC réussis, remise dans 3 boîtes : toutes les étapes ont réussi."));
        out.println(say("Maildirs: ", "Maildirs : ") + work);
        out.flush();
    }

    private Spool spool;
    private QueueWorker worker;

    /** The submission server's queue: its spool, and the worker that delivers through MX lookups. */
    private QueueWorker relayQueue(StubResolver resolver, int mxPort) throws IOException {
        spool = new Spool(work.resolve("queue-monentreprise.fr"));
        // MX to MX: STARTTLS when offered, certificate not checked (opportunistic, RFC 7435)
        SmtpClient.Options relayClient = SmtpClient.Options.defaults("smtp.monentreprise.fr")
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30))
                .withTranscript(new AnnotatedTranscript(out, lang, colour, "[smtp.monentreprise.fr → mx.exemple.com] "))
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

    private void checkDelivered(MaildirDelivery maildir, Mailbox who, byte[] pdf) throws IOException, StepFailed {
        List<Path> files = maildir.newMessages(who);
        if (files.size() != 1) {
            throw new StepFailed(who + say(" has " + files.size() + " messages, not 1", " a " + files.size() + " messages, pas 1"));
        }
        byte[] bytes = Files.readAllBytes(files.getFirst());
        ParsedMessage parsed = Message.parse(bytes);
        if (parsed.headers().toString().contains("Bcc") || new String(bytes, StandardCharsets.ISO_8859_1).contains("\r\nBcc:")) {
            throw new StepFailed(say("a Bcc field reached ", "un champ Cci est arrivé chez ") + who);
        }
        List<MimePart.Leaf> attachments = parsed.attachments();
        if (attachments.size() != 1 || !java.util.Arrays.equals(attachments.getFirst().body(), pdf)) {
            throw new StepFailed(say("the attachment did not arrive intact for ", "la pièce jointe n'est pas arrivée intacte chez ") + who);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (maildir.root().toString().contains("exemple.com")
                && !(text.contains("spf=pass") && text.contains("dkim=pass") && text.contains("dmarc=pass"))) {
            throw new StepFailed(say("SPF, DKIM and DMARC did not all pass for ", "SPF, DKIM et DMARC n'ont pas tous réussi pour ") + who);
        }
        note("✓ " + who + ": " + files.getFirst());
    }

    private void explainHeader(String message) {
        String header = message.substring(0, Math.max(0, message.indexOf("\r\n\r\n")));
        for (String line : header.split("\r\n")) {
            out.println("  | " + line);
        }
        out.println();
        note(say("Read the Received fields from the bottom up (RFC 5321 §4.4): each server adds its own on top.",
                "Les champs Received se lisent de bas en haut (RFC 5321 §4.4) : chaque serveur ajoute le sien au-dessus."));
        note(say("The lower one: smtp.monentreprise.fr received it from Alice's laptop. The upper one: mx.exemple.com from smtp.monentreprise.fr.",
                "Le plus bas : smtp.monentreprise.fr l'a reçu du portable d'Alice. Le plus haut : mx.exemple.com de smtp.monentreprise.fr."));
        note(say("Return-Path is the envelope sender (MAIL FROM), written at final delivery (RFC 5321 §4.4).",
                "Return-Path est l'expéditeur de l'enveloppe (MAIL FROM), écrit à la remise finale (RFC 5321 §4.4)."));
        note(say("Authentication-Results (RFC 8601): what mx.exemple.com checked — SPF for the envelope sender, the DKIM signature, DMARC for the From domain.",
                "Authentication-Results (RFC 8601) : ce que mx.exemple.com a vérifié — SPF pour l'expéditeur de l'enveloppe, la signature DKIM, DMARC pour le domaine du From."));
        note(say("DKIM-Signature (RFC 6376 §3.5): d= the signing domain, s= the selector (the key is at s1._domainkey.monentreprise.fr), "
                        + "h= the signed fields, bh= the body hash, b= the signature.",
                "DKIM-Signature (RFC 6376 §3.5) : d= le domaine signataire, s= le sélecteur (la clé est à s1._domainkey.monentreprise.fr), "
                        + "h= les champs signés, bh= l'empreinte du corps, b= la signature."));
        note(say("ESMTPSA in the lower Received field: Alice's hop used STARTTLS and AUTH; ESMTPS in the upper one: TLS between "
                        + "the servers, no AUTH (RFC 3848).",
                "ESMTPSA dans le Received du bas : le saut d'Alice a utilisé STARTTLS et AUTH ; ESMTPS dans celui du haut : TLS entre "
                        + "les serveurs, sans AUTH (RFC 3848)."));
        note(say("No Bcc field: audit@monentreprise.fr was only in the envelope (RFC 5322 §3.6.3).",
                "Aucun champ Cci : audit@monentreprise.fr n'était que dans l'enveloppe (RFC 5322 §3.6.3)."));
    }

    private void step(String title) throws IOException {
        step++;
        if (pause != null && step > 1) {
            out.print(say("  [Enter to continue] ", "  [Entrée pour continuer] "));
            out.flush();
            pause.readLine();
        }
        out.println();
        out.println((colour ? "\u001b[1m" : "") + "== " + step + ". " + title + (colour ? "\u001b[0m" : ""));
        out.flush();
    }

    private void note(String text) {
        out.println("   " + text);
        out.flush();
    }

    private String say(String en, String fr) {
        return Annotations.say(lang, en, fr);
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
