package io.github.smtplab.lab.demo;

import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.lab.explain.Messages;
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
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The demo's last step: Bob reads his mail. A POP3 server for exemple.com ({@code pop.exemple.com}, port
 * 995 semantics: TLS from the first byte, RFC 8314 §3) serves the Maildir that mx.exemple.com filled;
 * Bob's client says CAPA, USER/PASS (the password masked by the client), STAT, UIDL, RETR 1, QUIT. Every
 * line goes into the {@link Story} on two lanes of its own, explained like the SMTP dialogues. The step
 * checks that the octets Bob received are exactly those of the delivered file, then says what IMAP
 * would add.
 */
final class Pop3Step {

    /** The lanes this step adds to the diagram, right of the Maildirs. */
    static final String POP3_LANE = "pop3";
    static final String READER_LANE = "reader";
    private static final String POP_HOST = "pop.exemple.com";

    private final Story story;
    private final Annotations annotations;
    private final Messages messages;

    Pop3Step(Story story, Annotations annotations, Messages messages) {
        this.story = story;
        this.annotations = annotations;
        this.messages = messages;
    }

    /**
     * Serves {@code maildir} over POP3 and lets {@code reader} fetch his one message.
     *
     * @throws Demo.StepFailed when a command is refused or the octets differ from the delivered file
     */
    void run(MaildirDelivery maildir, Mailbox reader) throws Demo.StepFailed, IOException {
        List<Path> delivered = maildir.newMessages(reader);
        if (delivered.size() != 1) {
            throw new Demo.StepFailed(messages.text("fail.count", reader, delivered.size()));
        }
        byte[] stored = Files.readAllBytes(delivered.getFirst());
        story.addLane(new Story.Lane(POP3_LANE, messages.text("lane.pop3"), POP_HOST));
        story.addLane(new Story.Lane(READER_LANE, messages.text("lane.reader"), "phone.exemple.com"));
        // Bob's account on the POP3 server: salted verifiers only, like Alice's on the submission server
        String password = "bob-" + Long.toHexString(new SecureRandom().nextLong());
        UsersFile users = UsersFile.empty().with(UserCredentials.create(reader.localPart(), password, 4096, false));
        IssuedCertificates certificates = DevCertificates.generate(List.of(POP_HOST), KeyAlgorithm.EC_P256);
        Pop3Config config = Pop3Config.defaults(POP_HOST).withStls(false);   // implicit TLS: nothing in clear to upgrade
        MaildirStore store = new MaildirStore(maildir.root(), Optional.of(reader.domain()));
        byte[] received;
        try (Pop3Server pop = Pop3Server.builder(config, users, store).listen(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.of(certificates.server())).implicitTls(true).start()) {
            note(messages.text("pop3.note.server", pop.address().getHostString() + ":" + pop.address().getPort()));
            Pop3Client.Options options = Pop3Client.Options.implicitTls(JsseClientTls.trusting(List.of(certificates.ca())))
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
                    .withTranscript(new Pop3Recorder(story, annotations, READER_LANE, POP3_LANE, "[bob → " + POP_HOST + "] "));
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
                throw new Demo.StepFailed(messages.text("pop3.fail", e.getMessage()));
            }
        }
        if (!Arrays.equals(received, stored)) {
            throw new Demo.StepFailed(messages.text("pop3.fail.differ"));
        }
        note(messages.text("pop3.note.identical", received.length, delivered.getFirst().getFileName()));
        note(messages.text("pop3.note.update"));
        note(messages.text("pop3.note.imap"));
    }

    private void note(String text) {
        story.add(new Story.Remark(text));
    }
}
