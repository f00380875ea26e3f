package io.github.smtplab.lab;

import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.pop3.MaildirStore;
import io.github.smtplab.pop3.Pop3Config;
import io.github.smtplab.pop3.Pop3Server;
import io.github.smtplab.tls.DevCertificates;
import io.github.smtplab.tls.IssuedCertificates;
import io.github.smtplab.tls.KeyAlgorithm;
import io.github.smtplab.tls.ServerTls;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab pop3 serve}: a POP3 server on the Maildir tree of {@code serve}, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves each user's Maildir over POP3 until Ctrl-C.",
            "The Maildir is MAILDIR/<user>@<domain>/, as serve delivers it. Passwords (USER/PASS, PLAIN, LOGIN) only inside TLS unless --auth-in-clear;",
            "--dev-cert offers STLS (RFC 2595) and --implicit-tls-listen adds a port 995-style listener (RFC 8314).",
            "APOP is offered when some user has a recoverable secret (users add --cram-md5)."},
        exitCodeList = {ExitCodes.OK + "stopped with Ctrl-C", ExitCodes.USAGE + "the command line is wrong",
            ExitCodes.TROUBLE + "could not listen, or a file could not be read"})
final class Pop3ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:1110", converter = HostPort.class,
            description = "HOST:PORT to listen on (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--implicit-tls-listen", converter = HostPort.class, paramLabel = "HOST:PORT",
            description = "Also listen with TLS from the first byte (port 995 semantics, RFC 8314); needs --dev-cert.")
    InetSocketAddress implicitTlsListen;

    @Option(names = "--maildir", defaultValue = "./maildir", description = "The Maildir tree of serve (default: ${DEFAULT-VALUE}).")
    Path maildir;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users who may log in, from ./smtplab users add.")
    Path users;

    @Option(names = "--domain", description = "The domain of user names without @ (default: the one MAILDIR/<user>@... directory).")
    String domain;

    @Option(names = "--dev-cert", paramLabel = "DIR", description = "Make (or reuse) a development CA and certificate in DIR; clients trust DIR/ca.pem.")
    Path devCert;

    @Option(names = "--hostname", defaultValue = "localhost", description = "This server's name, in the greeting and the certificate (default: ${DEFAULT-VALUE}).")
    String hostname;

    @Option(names = "--auth-in-clear", description = "Accept passwords without TLS too (a lab without certificates; never on a real network).")
    boolean authInClear;

    @Option(names = "--idle-timeout", defaultValue = "600", description = "Seconds before an idle client is logged out without UPDATE (RFC 1939 §3: at least 600; default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    /** Set by tests: stops the server instead of Ctrl-C. */
    CountDownLatch stop = new CountDownLatch(1);
    /** The addresses bound (tests use port 0). */
    volatile InetSocketAddress boundAddress;
    volatile InetSocketAddress boundImplicitAddress;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (implicitTlsListen != null && devCert == null) {
            throw new ParameterException(spec.commandLine(), "--implicit-tls-listen needs --dev-cert");
        }
        if (idleTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout must be at least 1 second");
        }
        UsersFile userFile = UsersFile.read(users);
        boolean apop = userFile.users().values().stream().anyMatch(u -> u.cramSecret().isPresent());
        Pop3Config config = Pop3Config.defaults(hostname).withAuthInClear(authInClear).withStls(devCert != null).withApop(apop);
        MaildirStore store = new MaildirStore(maildir, Optional.ofNullable(domain));
        ServerTls tls = null;
        if (devCert != null) {
            IssuedCertificates issued = DevCertificates.ensure(devCert.toAbsolutePath().normalize(), List.of(hostname), KeyAlgorithm.EC_P256);
            out.printf("TLS: development certificate for %s, localhost, 127.0.0.1, ::1; clients trust %s%n", hostname, issued.caPem().orElseThrow());
            tls = ServerTls.of(issued.server());
        }
        Pop3Server.Builder plain = Pop3Server.builder(config, userFile, store).listen(listen)
                .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
        Pop3Server.Builder implicit = implicitTlsListen == null ? null
                : Pop3Server.builder(config.withStls(false), userFile, store).listen(implicitTlsListen)
                        .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds)).tls(tls).implicitTls(true);
        if (tls != null) {
            plain.tls(tls);
        }
        try (Pop3Server server = plain.start(); Pop3Server implicitServer = implicit == null ? null : implicit.start()) {
            out.printf("smtplab pop3 serve: %s on %s, maildrops in %s/<user>@<domain>/ (Ctrl-C stops)%n", hostname, server.address(),
                    store.root());
            out.printf("passwords: %s%s%n", authInClear ? "accepted without TLS too (--auth-in-clear)" : "only inside TLS",
                    apop ? "; APOP offered for users with a CRAM-MD5 secret" : "");
            if (implicitServer != null) {
                out.printf("TLS: implicit TLS on %s (RFC 8314)%n", implicitServer.address());
                boundImplicitAddress = implicitServer.address();
            }
            boundAddress = server.address();
            out.flush();
            UntilStopped.await(stop, server);
            out.println("smtplab pop3 serve: shutting down (sessions in progress end without UPDATE)");
            out.flush();
        }
        return Main.OK;
    }
}
