package io.github.smtplab.lab;

import io.github.smtplab.auth.spf.ReceivedSpf;
import io.github.smtplab.auth.spf.SpfChecker;
import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./smtplab spf check}: SPF (RFC 7208) for one client, MAIL FROM and HELO. */
@Command(name = "spf", mixinStandardHelpOptions = true, subcommands = SpfCommand.Check.class,
        description = "Sender Policy Framework (RFC 7208).",
        exitCodeList = {ExitCodes.USAGE + "no subcommand given (the usage was printed)"})
final class SpfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.USAGE;
    }

    /** {@code spf check --ip IP --mail-from ADDR --helo HOST [--dns HOST:PORT]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Checks whether an address may send mail for a domain (RFC 7208 check_host(), section 4).",
                "The identity is the MAIL FROM address (postmaster@HELO when it is empty). Prints the result",
                "keyword, the explanation, then the Received-SPF field (section 9.1)."},
            exitCodeList = {ExitCodes.OK + "pass", ExitCodes.NEGATIVE + "any other result: fail, softfail, neutral, none, permerror",
                ExitCodes.USAGE + "the command line is wrong",
                ExitCodes.TROUBLE + "temperror: a DNS error, the answer may differ later (like an unreachable server)"})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--ip", required = true, description = "The SMTP client's address, IPv4 or IPv6.")
        String ip;

        @Option(names = "--mail-from", required = true, description = "The MAIL FROM address; \"\" for the null reverse-path <>.")
        String mailFrom;

        @Option(names = "--helo", required = true, description = "The HELO/EHLO name.")
        String helo;

        @Option(names = "--dns", description = "HOST:PORT of the DNS server (default: the nameservers of /etc/resolv.conf).")
        String dns;

        @Option(names = "--receiver", defaultValue = "localhost", description = "This host's name, for %%{r} and Received-SPF (default: ${DEFAULT-VALUE}).")
        String receiver;

        @Override
        public Integer call() throws Exception {
            InetAddress client = literal(spec, ip);
            PrintWriter out = spec.commandLine().getOut();
            ResolverConfig config = DnsServers.of(dns);
            DnsResolver resolver = new StubResolver(config);
            SpfOutcome outcome = new SpfChecker(resolver, receiver).checkMailFrom(client, mailFrom, helo);
            // issue 18 item 9: the explanation and the detail quote TXT records: no raw control character reaches the terminal
            out.println(outcome.result().keyword() + " " + TerminalText.escape(outcome.explanation().orElse(outcome.detail())));
            out.print(new ReceivedSpf(outcome, mailFrom.isEmpty() ? "helo" : "mailfrom", client, mailFrom, helo, receiver)
                    .toField().replace("\r\n", "\n"));
            out.flush();
            return switch (outcome.result()) {
                case PASS -> Main.OK;
                case TEMPERROR -> Main.FAILED;   // no outcome yet: the DNS could not answer (RFC 7208 section 2.6.6)
                default -> Main.REFUSED;
            };
        }
    }

    /** An IP literal, never a name to resolve: anything else is a usage error (exit 2). */
    static InetAddress literal(CommandSpec spec, String text) {
        boolean looksLiteral = !text.isEmpty() && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (text.contains(":") || text.chars().filter(c -> c == '.').count() == 3 && text.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (looksLiteral) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // fall through to the usage error
            }
        }
        throw new ParameterException(spec.commandLine(), "--ip needs an IPv4 or IPv6 address, not '" + text + "'");
    }
}
