package io.github.smtplab.lab;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dmarc.DmarcEvaluator;
import io.github.smtplab.auth.dmarc.DmarcOutcome;
import io.github.smtplab.auth.dmarc.SpfInput;
import io.github.smtplab.auth.spf.SpfResult;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./smtplab dmarc check}: DMARC (RFC 9989) for an Author Domain and the SPF and DKIM results given. */
@Command(name = "dmarc", mixinStandardHelpOptions = true, subcommands = DmarcCommand.Check.class,
        description = "DMARC (RFC 9989): policy discovery by the DNS tree walk, alignment, result.",
        exitCodeList = {ExitCodes.USAGE + "no subcommand given (the usage was printed)"})
final class DmarcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.USAGE;
    }

    /** One {@code --spf-result R --spf-domain D} pair. */
    static final class SpfArgs {
        @Option(names = "--spf-result", required = true, description = "The SPF result: pass, fail, softfail, neutral, none, temperror, permerror.")
        String result;

        @Option(names = "--spf-domain", required = true, description = "The domain SPF checked (MAIL FROM domain, or HELO).")
        String domain;
    }

    /** One {@code --dkim-result R --dkim-domain D} pair; repeatable. */
    static final class DkimArgs {
        @Option(names = "--dkim-result", required = true, description = "A DKIM result: pass, fail, neutral, temperror, permerror.")
        String result;

        @Option(names = "--dkim-domain", required = true, description = "Its signing domain (d=).")
        String domain;
    }

    /** {@code dmarc check --from-domain D [--spf-result R --spf-domain D] [--dkim-result R --dkim-domain D]... [--dns HOST:PORT]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Evaluates DMARC for a From domain and the SPF and DKIM results given.",
                "Finds the domain's policy by the DNS tree walk (RFC 9989 section 4.10), checks the alignment of the",
                "SPF and DKIM passes, and prints the result keyword, the disposition asked for, and the explanation."},
            exitCodeList = {ExitCodes.OK + "pass", ExitCodes.NEGATIVE + "fail, none or permerror",
                ExitCodes.USAGE + "the command line is wrong",
                ExitCodes.TROUBLE + "temperror: a DNS error during the tree walk, the answer may differ later"})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--from-domain", required = true, description = "The RFC5322.From domain (Author Domain).")
        String fromDomain;

        @ArgGroup(exclusive = false, multiplicity = "0..1")
        SpfArgs spf;

        @ArgGroup(exclusive = false, multiplicity = "0..*")
        List<DkimArgs> dkim = new ArrayList<>();

        @Option(names = "--dns", description = "HOST:PORT of the DNS server (default: the nameservers of /etc/resolv.conf).")
        String dns;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ResolverConfig config = DnsServers.of(dns);
            DnsResolver resolver = new StubResolver(config);
            Optional<SpfInput> spfInput = spf == null ? Optional.empty() : Optional.of(new SpfInput(spf.domain,
                    SpfResult.fromKeyword(spf.result).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "dmarc check: --spf-result must be one of the seven SPF results (RFC 7208 2.6), not " + spf.result))));
            List<DkimResult> dkimInputs = new ArrayList<>();
            for (DkimArgs d : dkim) {
                dkimInputs.add(DkimResult.fromKeyword(d.result, d.domain).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "dmarc check: --dkim-result must be pass, fail, neutral, temperror or permerror, not " + d.result)));
            }
            DmarcOutcome o = new DmarcEvaluator(resolver).evaluate(fromDomain, spfInput, dkimInputs);
            out.println(o.result().keyword()
                    + o.disposition().map(p -> " disposition=" + p.keyword()).orElse("")
                    + o.policyDomain().map(d -> " policy-domain=" + d).orElse("")
                    + o.organizationalDomain().map(d -> " org-domain=" + d).orElse("")
                    + " spf-aligned=" + (o.spfAligned() ? "yes" : "no")
                    + " dkim-aligned=" + (o.dkimAligned() ? "yes" : "no"));
            out.println(TerminalText.escape(o.detail()));
            out.flush();
            return switch (o.result()) {
                case PASS -> Main.OK;
                case TEMPERROR -> Main.FAILED;   // no outcome yet: a DNS error during discovery (RFC 9989 section 4.10)
                default -> Main.REFUSED;
            };
        }
    }
}
