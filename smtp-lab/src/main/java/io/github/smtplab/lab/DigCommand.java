package io.github.smtplab.lab;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab dig NAME [TYPE]}: one DNS question, answered like {@code dig +short}, plus the status. */
@Command(name = "dig", mixinStandardHelpOptions = true,
        description = {"Asks a DNS server one question and prints the answers like 'dig +short'.",
            "Then the status: NOERROR, NXDOMAIN, or why there is no answer (SERVFAIL, TIMEOUT...)."},
        exitCodeList = {ExitCodes.OK + "there is data", ExitCodes.NEGATIVE + "no such data: NODATA or NXDOMAIN",
            ExitCodes.USAGE + "the command line is wrong", ExitCodes.TROUBLE + "no answer came: timeout, SERVFAIL, REFUSED..."})
final class DigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The name to look up, e.g. exemple.com.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", defaultValue = "A", description = "The record type: A, AAAA, MX, TXT, CNAME, NS, SOA, PTR (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--server", description = "HOST:PORT of the DNS server (default: the nameservers of /etc/resolv.conf).")
    String server;

    @Option(names = "--tcp", description = "Ask over TCP (RFC 7766) instead of UDP first.")
    boolean tcp;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RecordType recordType = RecordType.fromMnemonic(type.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown record type: " + type));
        ResolverConfig config = DnsServers.of(server);
        DnsResolver resolver = new StubResolver(config.withTcpOnly(tcp));
        LookupResult result = resolver.query(DomainName.of(name), recordType);
        if (result instanceof LookupResult.Found found) {
            found.shortLines().forEach(out::println);
        }
        out.println(";; status: " + result.status() + (result instanceof LookupResult.Failure f ? " (" + f.detail() + ")" : ""));
        out.flush();
        return switch (result) {
            case LookupResult.Found f -> Main.OK;
            case LookupResult.NoData n -> Main.REFUSED;
            case LookupResult.NxDomain n -> Main.REFUSED;
            case LookupResult.Failure f -> Main.FAILED;
        };
    }
}
