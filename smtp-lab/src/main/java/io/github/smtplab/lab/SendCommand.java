package io.github.smtplab.lab;

import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.PasswordAuthentication;
import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.core.SmtpExtension;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.mime.ComposedMessage;
import io.github.smtplab.mime.EightBitDowngrade;
import io.github.smtplab.relay.QueueEntry;
import io.github.smtplab.relay.QueueRunner;
import io.github.smtplab.relay.Spool;
import io.github.smtplab.tls.JsseClientTls;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./smtplab send}: composes (or reads) a message and sends it to one server. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Sends a message to one SMTP server and prints each recipient's outcome.",
            "The message is composed from the same flags as compose, or read from --message-file;",
            "with --via-mx it goes to each recipient domain's MX instead, through the outbound queue."},
        exitCodeList = {ExitCodes.OK + "every recipient was accepted", ExitCodes.NEGATIVE + "the server refused a recipient or the message",
            ExitCodes.USAGE + "the command line is wrong",
            ExitCodes.TROUBLE + "could not talk to the server: connection, TLS, timeout, protocol; or a file error"})
final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--via-mx", description = "Instead of --server, deliver to each recipient domain's MX (DNS, RFC 5321 §5.1) "
            + "through the outbound queue; see --dns, --mx-port, --spool.")
    boolean viaMx;

    @Option(names = "--dns", description = "With --via-mx: HOST:PORT of the DNS server (default: /etc/resolv.conf).")
    String dns;

    @Option(names = "--mx-port", defaultValue = "25", description = "With --via-mx: the SMTP port of the MX hosts (default: ${DEFAULT-VALUE}).")
    int mxPort;

    @Option(names = "--spool", description = "With --via-mx: keep what could not be delivered yet in this spool (./smtplab queue flush).")
    Path spoolDir;

    @Option(names = "--server", defaultValue = "127.0.0.1:2525", converter = HostPort.class, description = "HOST:PORT (default: ${DEFAULT-VALUE}).")
    InetSocketAddress server;

    @Mixin
    MessageOptions message;

    @Option(names = "--message-file", description = "A ready RFC 5322 message, sent unchanged; --to/--cc/--bcc give the envelope.")
    Path messageFile;

    @Option(names = "--user", description = "AUTH as this user (RFC 4954); the password comes from --password-file or $SMTPLAB_PASSWORD.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password.")
    Path passwordFile;

    @Option(names = "--auth-mechanism", paramLabel = "MECHANISM", description = "Use only this SASL mechanism: SCRAM-SHA-256, CRAM-MD5, "
            + "PLAIN or LOGIN (default: the strongest both sides allow).")
    String authMechanism;

    @Option(names = "--auth-in-clear", description = "Allow PLAIN and LOGIN without TLS (they send the password itself).")
    boolean authInClear;

    // an initial value, not a defaultValue: picocli would apply a default after the hidden old name below
    @Option(names = "--hostname", description = "This host's name, sent in EHLO (default: localhost).")
    String hostname = "localhost";

    /** The old name of {@code --hostname}, still accepted. */
    @Option(names = "--helo", hidden = true)
    void helo(String name) {
        hostname = name;
    }

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The deadline for each reply and each write, whole "
            + "(default: RFC 5321 section 4.5.3.2's values: 5 min for the greeting, MAIL, RCPT; 2 for DATA; 10 after the final dot).")
    Integer timeoutSeconds;

    @Option(names = "--transcript", description = "Print every command and reply.")
    boolean transcript;

    @Option(names = "--tls", defaultValue = "none", paramLabel = "POLICY", description = {
            "none; opportunistic (STARTTLS when offered, certificate not checked, RFC 7435);",
            "required (STARTTLS or fail, certificate and host name verified, RFC 3207);",
            "implicit (TLS from the first byte, RFC 8314: port 465). Default: ${DEFAULT-VALUE}."})
    ClientTlsPolicy tlsPolicy;

    @Option(names = "--trust", paramLabel = "PEM", description = "CA certificates to trust instead of the JDK's (e.g. the ca.pem of serve --dev-cert).")
    Path trust;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!message.hasRecipients()) {
            throw new ParameterException(spec.commandLine(), "give at least one recipient with --to, --cc or --bcc");
        }
        if ((messageFile == null) == !message.hasBody()) {
            throw new ParameterException(spec.commandLine(), "give either a body (--text, --body-file, --html) or --message-file");
        }
        TranscriptListener listener = transcript ? new ConsoleTranscript(out, "") : TranscriptListener.NONE;
        if (viaMx) {
            return sendViaMx(out, listener);
        }
        SmtpClient.Options options = clientOptions().withTranscript(listener).withSevenBitEncoder(EightBitDowngrade::toSevenBit);
        if (trust != null && tlsPolicy == ClientTlsPolicy.NONE) {
            throw new ParameterException(spec.commandLine(), "--trust needs --tls opportunistic, required or implicit");
        }
        if (tlsPolicy != ClientTlsPolicy.NONE) {
            options = options.withTls(tlsPolicy, trust != null ? JsseClientTls.trusting(trust) : JsseClientTls.systemTrust());
        }
        if (user != null) {
            PasswordAuthentication authentication = PasswordAuthentication.of(user, Passwords.read(passwordFile, spec)).withPasswordInClear(authInClear);
            if (authMechanism != null) {
                authentication = authentication.withMechanisms(Set.of(Mechanism.byWireName(authMechanism).orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--auth-mechanism " + authMechanism + ": not one of SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN"))));
            }
            options = options.withAuthentication(authentication);
        } else if (passwordFile != null || authMechanism != null) {
            throw new ParameterException(spec.commandLine(), (passwordFile != null ? "--password-file" : "--auth-mechanism") + " goes with --user");
        }
        try (SmtpClient client = SmtpClient.connect(server, options)) {
            reportTls(client, out);
            boolean eightBitOk = client.capabilities().offers(SmtpExtension.EIGHT_BIT_MIME);
            ReversePath sender;
            List<ForwardPath> recipients = new ArrayList<>();
            byte[] bytes;
            if (messageFile != null) {
                bytes = Files.readAllBytes(messageFile);   // 8-bit parts for a server without 8BITMIME: the client's SevenBitEncoder
                sender = envelopeAddress(message.from);
                for (String r : concat(message.to, message.cc, message.bcc)) {
                    recipients.add(envelopeAddress(r));
                }
            } else {
                ComposedMessage composed = message.build(eightBitOk);
                bytes = composed.bytes();
                sender = envelopeAddress(composed.envelope().sender().address());
                for (var m : composed.envelope().recipients()) {
                    recipients.add(envelopeAddress(m.address()));
                }
            }
            return report(client.send(sender, recipients, bytes), out);
        }
    }

    /** Says what TLS gave (the transcript already does with --transcript), or that opportunistic TLS found none. */
    private void reportTls(SmtpClient client, PrintWriter out) {
        client.tls().ifPresentOrElse(info -> {
            if (!transcript) {
                out.println("TLS: " + info.protocol() + " " + info.cipherSuite() + info.peer().map(p -> ", peer " + p).orElse("")
                        + (tlsPolicy.verifies() ? ", verified" : ", not verified"));
            }
        }, () -> {
            if (tlsPolicy == ClientTlsPolicy.OPPORTUNISTIC) {
                out.println("TLS: not used (the server did not offer STARTTLS, or refused it): the message goes in clear text");
            }
        });
    }

    /**
     * {@code --via-mx}: the message goes into a spool and one queue run delivers it, domain by domain,
     * through each domain's MX with opportunistic TLS; what is deferred stays in {@code --spool} for
     * {@code ./smtplab queue flush}, what fails for good comes back as a bounce there.
     */
    private int sendViaMx(PrintWriter out, TranscriptListener listener) throws Exception {
        byte[] bytes;
        ReversePath sender;
        List<ForwardPath> recipients = new ArrayList<>();
        if (messageFile != null) {
            bytes = Files.readAllBytes(messageFile);
            sender = envelopeAddress(message.from);
            for (String r : concat(message.to, message.cc, message.bcc)) {
                recipients.add(envelopeAddress(r));
            }
        } else {
            ComposedMessage composed = message.build(false);   // 7-bit: the MX may lack 8BITMIME
            bytes = composed.bytes();
            sender = envelopeAddress(composed.envelope().sender().address());
            for (var m : composed.envelope().recipients()) {
                recipients.add(envelopeAddress(m.address()));
            }
        }
        Path spoolRoot = spoolDir != null ? spoolDir : Files.createTempDirectory("smtplab-send-");
        Spool spool = new Spool(spoolRoot);
        spool.enqueue(sender, recipients, bytes, java.time.Instant.now());
        ResolverConfig config = DnsServers.of(dns);
        SmtpClient.Options options = clientOptions().withTranscript(listener).withTls(ClientTlsPolicy.OPPORTUNISTIC, JsseClientTls.systemTrust());
        QueueRunner.Report report = new QueueRunner(spool, new StubResolver(config), new QueueRunner.Settings(hostname, mxPort,
                Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(5), options), java.time.Clock.systemUTC(),
                new java.security.SecureRandom()).runOnce();
        out.printf("via MX: delivered %d, deferred %d, bounced %d%n", report.delivered(), report.deferred(), report.bounced());
        for (QueueEntry left : spool.entries()) {
            left.lastErrors().forEach((rcpt, error) -> out.println("  deferred " + rcpt + ": " + error));
        }
        if (report.deferred() + report.bounced() > 0) {
            out.println(spoolDir != null ? "  what is left waits in " + spoolRoot : "  (use --spool DIR to keep it and retry with ./smtplab queue flush)");
        }
        out.flush();
        return report.deferred() + report.bounced() == 0 ? Main.OK : Main.REFUSED;
    }

    /** RFC 5321's deadlines, or {@code --timeout} for every one of them (and for the connection). */
    private SmtpClient.Options clientOptions() {
        SmtpClient.Options defaults = SmtpClient.Options.defaults(hostname);
        if (timeoutSeconds == null) {
            return defaults;
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout is at least 1 second");
        }
        Duration each = Duration.ofSeconds(timeoutSeconds);
        return defaults.withDeadlines(each, io.github.smtplab.core.net.ReplyDeadlines.all(each));
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

    /**
     * The addr-spec of "Name <local@domain>" or "local@domain", as an SMTP mailbox (RFC 5321 §4.1.2): two
     * RFCs' mailboxes meet here, the header's (RFC 5322 §3.4, smtp-mime, with a display name) and the
     * envelope's (smtp-core, local part and domain only).
     */
    private static Mailbox envelopeAddress(String text) {
        var parsed = io.github.smtplab.mime.Mailbox.parse(text);
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
