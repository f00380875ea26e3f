package io.github.smtplab.lab;

import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.core.SmtpClient;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.MessageBuilder;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab send}: composes (or reads) a message and sends it to one server. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Sends one message to an SMTP server and prints each recipient's outcome.",
            "Exit 0 only when every recipient was accepted."})
final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", defaultValue = "127.0.0.1:2525", converter = HostPort.class, description = "HOST:PORT (default: ${DEFAULT-VALUE}).")
    InetSocketAddress server;

    @Option(names = "--from", required = true, description = "The sender, e.g. alice@monentreprise.fr or 'Alice <alice@monentreprise.fr>'.")
    String from;

    @Option(names = "--to", description = "A recipient shown in To:; repeat for several.")
    List<String> to = new ArrayList<>();

    @Option(names = "--cc", description = "A recipient shown in Cc:.")
    List<String> cc = new ArrayList<>();

    @Option(names = "--bcc", description = "A recipient in the envelope only, never in the header (RFC 5322 §3.6.3).")
    List<String> bcc = new ArrayList<>();

    @Option(names = "--subject", defaultValue = "", description = "The Subject: (non-ASCII is encoded per RFC 2047).")
    String subject;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Body body;

    static final class Body {
        @Option(names = "--text", description = "The text of the message.")
        String text;

        @Option(names = "--body-file", description = "A file with the text of the message (UTF-8).")
        Path bodyFile;

        @Option(names = "--message-file", description = "A ready RFC 5322 message, sent unchanged; --to/--cc/--bcc give the envelope.")
        Path messageFile;
    }

    @Option(names = "--helo", defaultValue = "localhost", description = "The name sent in EHLO (default: ${DEFAULT-VALUE}).")
    String helo;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for each reply (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--transcript", description = "Print every command and reply.")
    boolean transcript;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one recipient with --to, --cc or --bcc");
        }
        ReversePath sender;
        List<ForwardPath> recipients = new ArrayList<>();
        byte[] message;
        if (body.messageFile != null) {
            message = Files.readAllBytes(body.messageFile);
            sender = envelopeAddress(from);
            for (String r : concat(to, cc, bcc)) {
                recipients.add(envelopeAddress(r));
            }
        } else {
            MessageBuilder builder = Message.builder().from(from).subject(subject)
                    .text(body.text != null ? body.text : Files.readString(body.bodyFile, StandardCharsets.UTF_8));
            to.forEach(builder::to);
            cc.forEach(builder::cc);
            bcc.forEach(builder::bcc);
            ComposedMessage composed = builder.build();
            message = composed.bytes();
            sender = envelopeAddress(composed.envelope().sender().address());
            for (var m : composed.envelope().recipients()) {
                recipients.add(envelopeAddress(m.address()));
            }
        }
        TranscriptListener listener = transcript ? new ConsoleTranscript(out, "") : TranscriptListener.NONE;
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        SmtpClient.Options options = SmtpClient.Options.defaults(helo).withTimeouts(timeout, timeout, timeout.multipliedBy(2)).withTranscript(listener);
        TransactionResult result;
        try (SmtpClient client = SmtpClient.connect(server, options)) {
            result = client.send(sender, recipients, message);
        }
        return report(result, out);
    }

    /** One line per recipient, then the message's fate. */
    static int report(TransactionResult result, PrintWriter out) {
        if (result.localError().isPresent()) {
            out.println("not sent: " + result.localError().get());
            return Main.REFUSED;
        }
        result.mailReply().ifPresent(r -> out.println("sender " + result.transaction().sender().toPathString() + ": " + r));
        for (TransactionResult.RecipientOutcome o : result.recipients()) {
            out.println("recipient " + o.recipient().toPathString() + ": " + o.reply() + (o.accepted() ? "" : "  (refused)"));
        }
        out.println("message: " + result.finalReply().map(Object::toString).orElse("not sent"));
        out.flush();
        return result.allAccepted() ? Main.OK : Main.REFUSED;
    }

    /** The addr-spec of "Name <local@domain>" or "local@domain", as an SMTP mailbox (RFC 5321 §4.1.2). */
    private static Mailbox envelopeAddress(String text) {
        io.github.smtplab.mime.Mailbox parsed = io.github.smtplab.mime.Mailbox.parse(text);
        return new Mailbox(parsed.localPart(), parsed.domain());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
