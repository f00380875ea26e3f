package io.github.smtplab.lab.demo;

import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MaildirDelivery;
import io.github.smtplab.pop3.MaildirStore;
import io.github.smtplab.pop3.Pop3Client;
import io.github.smtplab.pop3.Pop3Config;
import io.github.smtplab.pop3.Pop3Server;
import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.JsseClientTls;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Step 7 of the demo: Bob reads his mail. A POP3 server for exemple.com ({@code pop.exemple.com}, port
 * 995 semantics: TLS from the first byte, RFC 8314 §3) serves the Maildir that mx.exemple.com filled;
 * Bob's client says CAPA, USER/PASS (the password masked in the dialogue), STAT, UIDL, RETR 1, QUIT.
 * The step checks that the octets Bob received are exactly those of the delivered file, then says what
 * IMAP would add.
 */
public final class Pop3Step {

    /** The step's title, for the demo's heading. */
    public static final String TITLE_EN = "Bob reads his mail over POP3 with TLS (port 995 semantics)";
    /** The same in French. */
    public static final String TITLE_FR = "Bob relève son courrier en POP3 sous TLS (rôle port 995)";

    private static final String POP_HOST = "pop.exemple.com";

    private final PrintWriter out;
    private final String lang;
    private final boolean colour;

    /** A step printing to {@code out} in {@code lang} (en or fr), with colours on a terminal. */
    public Pop3Step(PrintWriter out, String lang, boolean colour) {
        this.out = out;
        this.lang = lang;
        this.colour = colour;
    }

    /**
     * Serves {@code maildir} over POP3 and lets {@code reader} fetch his one message.
     *
     * @throws Demo.StepFailed when a command is refused or the octets differ from the delivered file
     */
    public void run(MaildirDelivery maildir, Mailbox reader) throws Demo.StepFailed, IOException {
        List<Path> delivered = maildir.newMessages(reader);
        if (delivered.size() != 1) {
            throw new Demo.StepFailed(say(reader + " has no single message to read", reader + " n'a pas un seul message à lire"));
        }
        byte[] stored = Files.readAllBytes(delivered.getFirst());
        // Bob's account on the POP3 server: salted verifiers only, like Alice's on the submission server
        String password = "bob-" + Long.toHexString(new SecureRandom().nextLong());
        UsersFile users = UsersFile.empty().with(UserCredentials.create(reader.localPart(), password, 4096, false));
        IssuedCertificates certificates = DevCertificates.generate(List.of(POP_HOST), KeyAlgorithm.EC_P256);
        Pop3Config config = Pop3Config.defaults(POP_HOST).withStls(false);   // implicit TLS: nothing in clear to upgrade
        MaildirStore store = new MaildirStore(maildir.root(), Optional.of(reader.domain()));
        byte[] received;
        try (Pop3Server pop = Pop3Server.builder(config, users, store).listen(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.of(certificates.server())).implicitTls(true).start()) {
            note(POP_HOST + ": " + pop.address() + say("  (implicit TLS)", "  (TLS implicite)"));
            Pop3Client.Options options = Pop3Client.Options.implicitTls(JsseClientTls.trusting(List.of(certificates.ca())))
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
                    .withTranscript(new Pop3Dialogue(out, lang, colour, "[bob → " + POP_HOST + "] "));
            try (Pop3Client bob = Pop3Client.connect(pop.address(), POP_HOST, options)) {
                bob.capabilities();
                bob.userPass(reader.localPart(), password);   // RFC 1939 §7: the classic way, inside TLS
                bob.stat();
                bob.uidl();
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                bob.retrieve(1, message);
                received = message.toByteArray();
                bob.quit();
            } catch (IOException e) {
                throw new Demo.StepFailed(say("POP3 failed: ", "POP3 a échoué : ") + e.getMessage());
            }
        }
        if (!Arrays.equals(received, stored)) {
            throw new Demo.StepFailed(say("the octets Bob received differ from the delivered file",
                    "les octets reçus par Bob diffèrent du fichier remis"));
        }
        note("✓ " + say("Bob received " + received.length + " octets, identical to " + delivered.getFirst().getFileName(),
                "Bob a reçu " + received.length + " octets, identiques à " + delivered.getFirst().getFileName()));
        note(say("RETR does not change the Maildir at once: at QUIT (UPDATE, RFC 1939 §6) the file moved to cur/ with the flag S (seen); "
                        + "a connection lost before QUIT would have changed nothing.",
                "RETR ne change pas la Maildir tout de suite : au QUIT (UPDATE, RFC 1939 §6) le fichier est passé dans cur/ avec le drapeau S (lu) ; "
                        + "une connexion perdue avant QUIT n'aurait rien changé."));
        note(say("What IMAP (RFC 9051, port 993) would add: folders kept on the server, flags (seen, answered, flagged) shared by all of "
                        + "Bob's devices, search on the server, fetching one part (the PDF) without the rest, and IDLE to be told of new mail at once. "
                        + "POP3 only downloads. Dovecot can serve this same Maildir over IMAP: see docs/smtp-pop3.md.",
                "Ce qu'IMAP (RFC 9051, port 993) ajouterait : des dossiers gardés sur le serveur, des drapeaux (lu, répondu, important) partagés "
                        + "par tous les appareils de Bob, la recherche côté serveur, le téléchargement d'une seule partie (le PDF) sans le reste, et IDLE "
                        + "pour être prévenu aussitôt d'un nouveau message. POP3 ne fait que télécharger. Dovecot peut servir cette même Maildir en IMAP : "
                        + "voir docs/smtp-pop3.md."));
    }

    private void note(String text) {
        out.println("   " + text);
        out.flush();
    }

    private String say(String en, String fr) {
        return Pop3Annotations.say(lang, en, fr);
    }
}
