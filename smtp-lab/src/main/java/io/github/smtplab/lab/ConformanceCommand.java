package io.github.smtplab.lab;

import io.github.smtplab.conformance.ConsoleReport;
import io.github.smtplab.conformance.HtmlReport;
import io.github.smtplab.conformance.JsonReport;
import io.github.smtplab.conformance.JunitReport;
import io.github.smtplab.conformance.Outcome;
import io.github.smtplab.conformance.Probe;
import io.github.smtplab.conformance.ProbeFile;
import io.github.smtplab.conformance.ProbeRunner;
import io.github.smtplab.conformance.Profile;
import io.github.smtplab.conformance.Summary;
import io.github.smtplab.conformance.Target;
import io.github.smtplab.conformance.TlsMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./smtplab conformance}: runs the smtp-conformance probes against any SMTP server. Wiring only. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {
            "Checks any SMTP server against the RFCs, probe by probe, over raw sockets.",
            "It prints a table by RFC with pass, fail (a MUST), warn (a SHOULD) or skip.",
            "",
            "Profiles: mx (port 25: no AUTH needed, must refuse to relay), submission",
            "  (587: STARTTLS and AUTH expected; give --tls starttls --user --password-file),",
            "  core (the base protocol only)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:no MUST failed",
            " 1:at least one MUST failed",
            " 2:the command line is wrong",
            " 3:the target could not be reached"})
final class ConformanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, converter = HostPort.class, paramLabel = "HOST:PORT", description = "The server to check.")
    InetSocketAddress target;

    @Option(names = "--domain", required = true, description = "A domain the server takes mail for.")
    String domain;

    @Option(names = "--rcpt", required = true, description = "A mailbox the server takes mail for, local@domain.")
    String rcpt;

    @Option(names = "--profile", defaultValue = "mx", description = "mx, submission or core (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--tls", defaultValue = "none", description = "none, starttls or implicit (default: ${DEFAULT-VALUE}).")
    String tls;

    @Option(names = "--trust", paramLabel = "CA.PEM", description = "Trust this CA for TLS (without it, any certificate is taken: the suite checks SMTP, not PKI).")
    Path trust;

    @Option(names = "--user", description = "AUTH PLAIN as this user (RFC 4954); the password comes from --password-file.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password.")
    Path passwordFile;

    @Option(names = "--maildir", paramLabel = "DIR", description = "Where the server stores mail for --rcpt: also check what was delivered.")
    Path maildir;

    @Option(names = "--only", split = ",", paramLabel = "GROUP", description = "Run only these probe groups, e.g. smuggling,starttls.")
    List<String> only;

    @Option(names = "--slow", description = "Also run the probes that wait for minutes (timeouts).")
    boolean slow;

    @Option(names = "--reply-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "The longest wait for one reply (default: ${DEFAULT-VALUE}).")
    int replyTimeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write one self-contained HTML page.")
    Path html;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Target run = target();
        List<Probe> probes = ProbeFile.builtIn();
        checkGroups(probes, run.only());
        String name = target.getHostString() + ":" + target.getPort();
        List<Outcome> outcomes;
        try {
            outcomes = new ProbeRunner(run).run(probes, outcome -> { });
        } catch (ProbeRunner.Unreachable e) {
            spec.commandLine().getErr().println("smtplab conformance: " + e.getMessage());
            return Main.FAILED;
        }
        ConsoleReport.write(name, run.profile(), outcomes, out);
        write(json, JsonReport.render(name, run.profile(), outcomes), out);
        write(junit, JunitReport.render(name, run.profile(), outcomes), out);
        write(html, HtmlReport.render(name, run.profile(), outcomes), out);
        return Summary.of(outcomes).conforms() ? Main.OK : Main.REFUSED;
    }

    private Target target() throws IOException {
        Profile chosenProfile;
        TlsMode mode;
        try {
            chosenProfile = Profile.of(profile);
            mode = TlsMode.of(tls);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile is mx, submission or core; --tls is none, starttls or implicit");
        }
        if (!rcpt.contains("@")) {
            throw new ParameterException(spec.commandLine(), "--rcpt is a full address, local@domain, not '" + rcpt + "'");
        }
        if ((user == null) != (passwordFile == null)) {
            throw new ParameterException(spec.commandLine(), "--user and --password-file go together");
        }
        if (trust != null && mode == TlsMode.NONE) {
            throw new ParameterException(spec.commandLine(), "--trust goes with --tls starttls or --tls implicit");
        }
        if (replyTimeout < 1) {
            throw new ParameterException(spec.commandLine(), "--reply-timeout is at least 1 second");
        }
        Target t = Target.of(target.getHostString(), target.getPort(), domain, rcpt, chosenProfile)
                .withTls(mode, Optional.ofNullable(trust))
                .withRun(slow, only == null ? Set.of() : Set.copyOf(only), Duration.ofSeconds(replyTimeout));
        if (user != null) {
            String password = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            t = t.withLogin(user, password);
        }
        return maildir == null ? t : t.withMaildir(maildir);
    }

    private void checkGroups(List<Probe> probes, Set<String> wanted) {
        Set<String> known = probes.stream().map(Probe::group).collect(Collectors.toCollection(TreeSet::new));
        for (String group : wanted) {
            if (!known.contains(group)) {
                throw new ParameterException(spec.commandLine(), "unknown probe group '" + group + "' for --only; groups: " + String.join(",", known));
            }
        }
    }

    private static void write(Path file, String content, PrintWriter out) throws IOException {
        if (file != null) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            out.println("wrote " + file);
        }
    }
}
