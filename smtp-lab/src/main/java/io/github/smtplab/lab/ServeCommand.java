package io.github.smtplab.lab;

import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.KeyReadResult;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.auth.inbound.InboundChecker;
import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.ClientTlsPolicy;
import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardingSink;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.delivery.LocalRecipients;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.net.ConnectionLimits;
import io.github.smtplab.core.net.IoModel;
import io.github.smtplab.core.net.ServerTimeouts;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.relay.QueueRunner;
import io.github.smtplab.relay.QueueWorker;
import io.github.smtplab.relay.Spool;
import io.github.smtplab.relay.SpoolDelivery;
import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.JsseClientTls;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.PemKeyMaterial;
import io.github.smtplab.tls.PemLoadResult;
import io.github.smtplab.tls.ServerTls;
import io.github.smtplab.tls.ServerTlsPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./smtplab serve}: an SMTP server that delivers into Maildirs, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Runs an SMTP server until Ctrl-C, delivering mail into Maildirs.",
            "Mail for the local domains goes to MAILDIR/<address>/new/.",
            "Say who receives it (one is needed): --recipients FILE, --users FILE, or",
            "--catch-all (every local part gets a Maildir; for a lab only).",
            "",
            "Roles:",
            "  mx          port 25 semantics: accepts mail for the --domain domains",
            "              only; anything else gets 550 5.7.1 (never an open relay).",
            "  submission  port 587 semantics (RFC 6409): also accepts mail to other",
            "              domains, for relaying. With --users only after AUTH",
            "              (RFC 4954); without --users only clients on the loopback",
            "              interface may relay. Relayed mail goes to the queue",
            "              (MAILDIR/.queue/), which delivers it through the domains'",
            "              MX (see --dns, --mx-port).",
            "TLS (smtp-tls): --tls-cert/--tls-key or --dev-cert offer STARTTLS (RFC 3207);",
            "  submission (or --require-tls) refuses MAIL before it with 530 5.7.0, mx only",
            "  offers it; --implicit-tls-listen adds a port 465-style listener (RFC 8314).",
            ""},
        exitCodeList = {ExitCodes.OK + "stopped by Ctrl-C", ExitCodes.USAGE + "the command line is wrong",
            ExitCodes.TROUBLE + "could not start: the address is in use, a file cannot be read"})
final class ServeCommand implements Callable<Integer> {

    /** The smallest --data-timeout: a minute for one message is already short on a slow link. */
    static final int MIN_DATA_TIMEOUT = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:2525", converter = HostPort.class,
            description = "HOST:PORT to listen on (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--domain", required = true, description = "A local domain; repeat for several.")
    List<String> domains;

    @Option(names = "--maildir", defaultValue = "./maildir", description = "Where mailboxes live (default: ${DEFAULT-VALUE}).")
    Path maildir;

    @Option(names = "--role", defaultValue = "mx", description = "mx or submission (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--max-size", defaultValue = "26214400", description = "Largest message in octets, announced with SIZE (default: ${DEFAULT-VALUE}).")
    long maxSize;

    @Option(names = "--hostname", description = "This server's name in the greeting and Received fields (default: mx. or smtp. + the first domain).")
    String hostname;

    @Option(names = "--idle-timeout", defaultValue = "300", description = "Seconds a client has to send each whole command line, "
            + "counted from the last reply, before 421 (RFC 5321 §4.5.3.2.7: at least 300; default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--data-timeout", defaultValue = "600", description = "Seconds a client has to send one whole message after 354 "
            + "(or one BDAT chunk) before 421 (at least " + MIN_DATA_TIMEOUT + "; default: ${DEFAULT-VALUE}, the 10 minutes of RFC 5321 §4.5.3.2.6).")
    int dataTimeoutSeconds;

    @Option(names = "--recipients", paramLabel = "FILE", description = "The mailboxes of the local domains, one address a line "
            + "(# comments); other local addresses get 550 5.1.1. The --users are recipients too. "
            + "One of --recipients, --users or --catch-all is needed.")
    Path recipientsFile;

    @Option(names = "--catch-all", description = "Accept every local part of the local domains (each gets a Maildir): "
            + "for a lab, never for a server strangers can reach.")
    boolean catchAll;

    @Option(names = "--transcript", description = "Print every command and reply.")
    boolean transcript;

    @Option(names = "--users", paramLabel = "FILE", description = "Users who may AUTH (RFC 4954), from ./smtplab users add; "
            + "in the submission role only they may relay (530 5.7.0 before AUTH).")
    Path users;

    @Option(names = "--auth-in-clear", description = "Offer AUTH without TLS too (a lab without certificates; never on a real network).")
    boolean authInClear;

    @Option(names = "--dkim-key", paramLabel = "PEM", description = "Sign relayed mail with this DKIM key (PEM, or a base64 Ed25519 seed; RFC 6376).")
    Path dkimKey;

    @Option(names = "--dkim-selector", description = "The DKIM selector (s=) of --dkim-key.")
    String dkimSelector;

    @Option(names = "--dkim-domain", description = "The DKIM signing domain (d=) of --dkim-key (default: the first --domain).")
    String dkimDomain;

    @Option(names = "--check-auth", description = "MX role: check SPF, DKIM and DMARC of incoming mail and add Authentication-Results "
            + "(RFC 8601); the DNS is --dns; the body waits in MAILDIR/.inbound while it is checked, 30 s at most for all the DNS.")
    boolean checkAuth;

    @Option(names = "--dmarc-reject", description = "With --check-auth: refuse (550 5.7.1) a DMARC failure whose strictest From domain asks for p=reject, "
            + "and a message without exactly one well-formed From field (RFC 9989 4.2, 11.5).")
    boolean dmarcReject;

    @Option(names = "--max-connections", defaultValue = "1000", description = "Connections at once (default: ${DEFAULT-VALUE}); more get 421.")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "50", description = "Connections at once from one address, both listeners together (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--dns", description = "HOST:PORT of the DNS server the queue asks for MX records (default: /etc/resolv.conf).")
    String dns;

    // an initial value, not a defaultValue: picocli would apply a default after the hidden old name below
    @Option(names = "--mx-port", description = "The SMTP port of the MX hosts the queue delivers to (default: 25).")
    int mxPort = 25;

    /** The old name of {@code --mx-port}, still accepted. */
    @Option(names = "--relay-port", hidden = true)
    void relayPort(int port) {
        mxPort = port;
    }

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "The certificate chain (PEM, leaf first) to offer STARTTLS with; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC, not encrypted).")
    Path tlsKey;

    @Option(names = "--dev-cert", paramLabel = "DIR", description = "Make (or reuse) a development CA and server certificate in DIR for STARTTLS; clients trust DIR/ca.pem.")
    Path devCert;

    @Option(names = "--implicit-tls-listen", paramLabel = "HOST:PORT", converter = HostPort.class,
            description = "Also listen with implicit TLS (RFC 8314 §3, port 465 semantics: TLS first, then the greeting).")
    InetSocketAddress implicitTlsListen;

    @Option(names = "--require-tls", description = "Refuse MAIL before STARTTLS (530 5.7.0, RFC 3207 §4) in the mx role too (always so in submission).")
    boolean requireTls;

    @Option(names = "--io", defaultValue = "threads", paramLabel = "MODEL",
            description = "How the server waits for clients: threads (one virtual thread per connection, the default) or nio "
                    + "(a java.nio event loop per processor; no TLS yet). See docs/io-models.md.")
    IoModel io;

    /** Set by tests: stops the server instead of Ctrl-C. */
    CountDownLatch stop = new CountDownLatch(1);
    /** Set once listening, for tests. */
    volatile InetSocketAddress boundAddress;
    /** Set once the implicit-TLS listener listens, for tests. */
    volatile InetSocketAddress boundImplicitAddress;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerTimeouts timeouts = timeouts();
        LocalRecipients recipients = localRecipients(out);
        String host = hostname != null ? hostname : (role == Role.MX ? "mx." : "smtp.") + domains.getFirst();
        if (io == IoModel.NIO && (tlsCert != null || devCert != null || implicitTlsListen != null || requireTls)) {
            throw new ParameterException(spec.commandLine(), "--io nio: TLS (--tls-cert, --dev-cert, --implicit-tls-listen, "
                    + "--require-tls) is threads-only for now; use --io threads");
        }
        ServerTls tls = serverTls(host, out);
        ServerTlsPolicy tlsPolicy = requireTls || role == Role.SUBMISSION ? ServerTlsPolicy.REQUIRED : ServerTlsPolicy.OPTIONAL;
        Path root = maildir.toAbsolutePath().normalize();
        MaildirDelivery maildirs = new MaildirDelivery(root, host);
        int stale = maildirs.removeStaleTmpFiles();   // the Maildir convention: what a killed server left in tmp/
        if (stale > 0) {
            out.println("removed " + stale + " stale file(s) from " + root + "/*/tmp/");
        }
        MailServerSetup setup = MailServerSetup.of(role, host, Set.copyOf(domains)).recipients(recipients).maxMessageSize(maxSize)
                .localDelivery(announced(maildirs, out, "stored in " + root + "/<address>/new/"));
        if (checkAuth) {
            // RFC 7208, RFC 6376, RFC 9989 → RFC 8601: checked before the message is stored
            // the body is spooled beside the Maildirs while the DKIM body hash is computed (smtp-auth inbound)
            setup.checkInbound(new InboundChecker(host, new StubResolver(resolverConfig())).enforcingPolicy(dmarcReject),
                    root.resolve(".inbound"));
        }
        QueueWorker worker = null;
        if (role == Role.SUBMISSION) {
            Spool spool = new Spool(root.resolve(".queue"));
            QueueRunner runner = new QueueRunner(spool, new StubResolver(resolverConfig()), new QueueRunner.Settings(host, mxPort,
                    Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(5),
                    // MX to MX: STARTTLS when offered, certificate not checked (RFC 7435)
                    SmtpClient.Options.defaults(host).withTls(ClientTlsPolicy.OPPORTUNISTIC, JsseClientTls.systemTrust())),
                    Clock.systemUTC(), new SecureRandom());
            worker = QueueWorker.start(runner, Duration.ofSeconds(30));
            setup.relayDelivery(announced(new SpoolDelivery(spool, host, Clock.systemUTC(), worker::wakeUp), out,
                    "queued for relay in " + root.resolve(".queue")));
            if (dkimKey != null) {
                setup.dkimSigning(dkimSigner());
            }
        }
        if (tls != null) {
            setup.startTls(tls, tlsPolicy);   // RFC 3207
        }
        if (users != null) {
            AuthPolicy policy = role == Role.SUBMISSION ? AuthPolicy.submission() : AuthPolicy.submission().withRequireAuthForMail(false);
            if (authInClear) {
                policy = policy.withRequireTls(false).withMechanisms(EnumSet.of(Mechanism.SCRAM_SHA_256, Mechanism.PLAIN, Mechanism.LOGIN),
                        EnumSet.of(Mechanism.SCRAM_SHA_256, Mechanism.PLAIN, Mechanism.LOGIN));
            }
            setup.auth(UsersFile.read(users), policy);   // RFC 4954; RFC 6409: relaying for authenticated users only
        } else if (role == Role.SUBMISSION) {
            out.println("warning: no --users: relaying is allowed for clients on the loopback interface only (lab mode)");
        }
        AtomicInteger connections = new AtomicInteger();
        ConnectionLimits limits = new ConnectionLimits(maxConnections, maxConnectionsPerAddress);
        SmtpServer.Builder implicitBuilder = implicitTlsListen == null ? null : setup.implicitTlsListener(implicitTlsListen)   // RFC 8314 §3
                .timeouts(timeouts)
                .connectionLimits(limits);   // one count for both listeners
        if (implicitBuilder != null) {
            implicitBuilder.transcripts(client -> transcript
                    ? new ConsoleTranscript(out, "[" + connections.incrementAndGet() + " " + client + " implicit TLS] ") : TranscriptListener.NONE);
        }
        SmtpServer.Builder builder = setup.listener(listen)
                .io(io)
                .timeouts(timeouts)
                .connectionLimits(limits);
        if (transcript) {
            builder.transcripts(client -> new ConsoleTranscript(out, "[" + connections.incrementAndGet() + " " + client + "] "));
        } else {
            builder.transcripts(client -> TranscriptListener.NONE);
        }
        try (QueueWorker queue = worker; SmtpServer server = builder.start();
             SmtpServer implicitServer = implicitBuilder == null ? null : implicitBuilder.start()) {
            boundAddress = server.address();
            out.printf("smtplab serve: %s %s for %s on %s%n", role.name().toLowerCase(), host,
                    String.join(", ", domains), server.address());
            out.printf("mail for %s lands in %s/<address>/new/ (Ctrl-C stops)%n", String.join(", ", domains), root);
            if (tls != null) {
                out.printf("TLS: STARTTLS offered on %s, %s%n", server.address(), tlsPolicy == ServerTlsPolicy.REQUIRED
                        ? "STARTTLS required before MAIL (530 5.7.0 otherwise)" : "optional");
            }
            if (implicitServer != null) {
                out.printf("TLS: implicit TLS on %s (RFC 8314)%n", implicitServer.address());
                boundImplicitAddress = implicitServer.address();
            }
            out.flush();
            UntilStopped.await(stop, server);   // Ctrl-C, or a test
            out.println("smtplab serve: shutting down (transactions in progress may finish)");
            out.flush();
        }
        return Main.OK;
    }

    /** --idle-timeout and --data-timeout as deadlines; below their minimum they are usage errors. */
    private ServerTimeouts timeouts() {
        if (idleTimeoutSeconds < ServerTimeouts.RFC_COMMAND_LINE.toSeconds()) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout is at least " + ServerTimeouts.RFC_COMMAND_LINE.toSeconds()
                    + " seconds (RFC 5321 section 4.5.3.2.7), not " + idleTimeoutSeconds);
        }
        if (dataTimeoutSeconds < MIN_DATA_TIMEOUT) {
            throw new ParameterException(spec.commandLine(), "--data-timeout is at least " + MIN_DATA_TIMEOUT + " seconds, not " + dataTimeoutSeconds);
        }
        return ServerTimeouts.DEFAULTS.withCommandLine(Duration.ofSeconds(idleTimeoutSeconds))
                .withMessage(Duration.ofSeconds(dataTimeoutSeconds));
    }

    /**
     * Who exists in the local domains: the --recipients and the --users, or everyone with --catch-all, which
     * must be asked for (issue 18: an MX that accepts any local part lets a stranger create mailboxes at will).
     * Postmaster always exists (RFC 5321 section 4.5.1).
     */
    private LocalRecipients localRecipients(PrintWriter out) throws IOException {
        if (recipientsFile != null && catchAll) {
            throw new ParameterException(spec.commandLine(), "give either --recipients or --catch-all, not both");
        }
        if (catchAll) {
            out.println("note: --catch-all: every local part of " + String.join(", ", domains) + " is accepted and gets a Maildir");
            return LocalRecipients.catchAll();
        }
        if (recipientsFile == null && users == null) {
            throw new ParameterException(spec.commandLine(), "say who receives mail for " + String.join(", ", domains)
                    + ": --recipients FILE (one address a line), --users FILE (its users' addresses),"
                    + " or --catch-all (every local part gets a Maildir)");
        }
        LocalRecipients listed = LocalRecipients.of(List.of());
        try {
            if (recipientsFile != null) {
                listed = LocalRecipients.read(recipientsFile);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--recipients " + recipientsFile + ": " + e.getMessage());
        }
        List<Mailbox> userAddresses = new ArrayList<>();
        if (users != null) {
            for (String user : UsersFile.read(users).users().keySet()) {
                try {
                    userAddresses.add(Mailbox.parse(user));
                } catch (IllegalArgumentException notAnAddress) {
                    // a user name that is not an address receives no mail here
                }
            }
        }
        return listed.and(userAddresses);
    }

    /** The DNS servers of --dns, else those of /etc/resolv.conf. */
    private ResolverConfig resolverConfig() throws IOException {
        return DnsServers.of(dns);
    }

    /** The DKIM signer of --dkim-key, --dkim-selector, --dkim-domain (RFC 6376 §3.5: d= and s=). */
    private DkimSigner dkimSigner() throws IOException {
        if (dkimSelector == null) {
            throw new ParameterException(spec.commandLine(), "--dkim-key needs --dkim-selector");
        }
        return switch (SigningKey.read(Files.readString(dkimKey))) {
            case KeyReadResult.Read read -> DkimSigner.of(read.key(), dkimDomain != null ? dkimDomain : domains.getFirst(), dkimSelector);
            case KeyReadResult.Unreadable bad -> throw new ParameterException(spec.commandLine(), dkimKey + ": " + bad.reason());
        };
    }

    /** The TLS layer from --tls-cert/--tls-key or --dev-cert; null when neither is given. */
    private ServerTls serverTls(String host, PrintWriter out) throws IOException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && devCert != null) {
            throw new ParameterException(spec.commandLine(), "give either --tls-cert/--tls-key or --dev-cert, not both");
        }
        if (tlsCert == null && devCert == null) {
            if (implicitTlsListen != null || requireTls) {
                throw new ParameterException(spec.commandLine(), "--implicit-tls-listen and --require-tls need --tls-cert/--tls-key or --dev-cert");
            }
            return null;
        }
        if (devCert != null) {
            IssuedCertificates issued = DevCertificates.ensure(devCert.toAbsolutePath().normalize(), List.of(host), KeyAlgorithm.EC_P256);
            out.printf("TLS: development certificate for %s, localhost, 127.0.0.1, ::1; clients trust %s%n", host, issued.caPem().orElseThrow());
            return ServerTls.of(issued.server());
        }
        return switch (PemKeyMaterial.load(tlsCert, tlsKey)) {
            case PemLoadResult.Loaded loaded -> {
                loaded.material().validityProblem(Instant.now()).ifPresent(problem -> spec.commandLine().getErr()
                        .println("warning: --tls-cert: " + problem + "; clients that check certificates will refuse it"));
                yield ServerTls.of(loaded.material());
            }
            case PemLoadResult.Invalid invalid -> throw new ParameterException(spec.commandLine(), "--tls-cert/--tls-key: " + invalid.reason());
        };
    }

    /** Wraps a delivery so that each stored message prints one line. */
    private static ServerHooks announced(ServerHooks delivery, PrintWriter out, String where) {
        return new ServerHooks() {
            @Override
            public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
                return new ForwardingSink(delivery.onData(envelope, session)) {
                    @Override
                    public Reply complete() throws IOException {
                        Reply reply = super.complete();
                        // one line per message, built by hand: a format string costs more than the line (issue 17)
                        StringBuilder line = new StringBuilder(160).append("message from ").append(envelope.sender().toPathString()).append(" to ");
                        for (int i = 0; i < envelope.recipients().size(); i++) {
                            line.append(i == 0 ? "" : ", ").append(envelope.recipients().get(i).path().toPathString());
                        }
                        line.append(": ").append(where).append(" (").append(reply.text()).append(")").append(System.lineSeparator());
                        synchronized (out) {
                            out.write(line.toString());
                            out.flush();
                        }
                        return reply;
                    }
                };
            }
        };
    }
}
