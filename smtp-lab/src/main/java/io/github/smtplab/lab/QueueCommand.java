package io.github.smtplab.lab;

import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.dns.ResolverConfig;
import io.github.smtplab.dns.StubResolver;
import io.github.smtplab.relay.QueueEntry;
import io.github.smtplab.relay.QueueRunner;
import io.github.smtplab.relay.Spool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./smtplab queue list|flush}: look into the outbound spool, or try every message now. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "The outbound queue (spool) of relayed mail.",
        exitCodeList = {ExitCodes.OK + "the usage was printed", ExitCodes.USAGE + "the command line is wrong"},
        subcommands = {QueueCommand.ListEntries.class, QueueCommand.Flush.class})
final class QueueCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One line per waiting message: id, age, attempts, next try, sender, recipients and their last error. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the messages waiting in the spool.",
            exitCodeList = {ExitCodes.OK + "listed (maybe nothing)", ExitCodes.USAGE + "the command line is wrong",
                ExitCodes.TROUBLE + "the spool cannot be read"})
    static final class ListEntries implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--spool", required = true, description = "The spool directory.")
        Path spool;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var entries = new Spool(spool).entries();
            for (QueueEntry e : entries) {
                out.printf("%s  attempts=%d  next=%s  from %s%n", e.id(), e.attempts(), e.nextAttempt(), e.sender().toPathString());
                e.recipients().forEach(r -> out.printf("    to %s%s%n", r.toPathString(),
                        e.lastErrors().containsKey(r.toPathString()) ? "  (" + e.lastErrors().get(r.toPathString()) + ")" : ""));
            }
            out.println(entries.size() + " message(s) waiting");
            out.flush();
            return Main.OK;
        }
    }

    /** Tries every message now, whatever its next attempt says. */
    @Command(name = "flush", mixinStandardHelpOptions = true, description = "Tries to deliver every waiting message now.",
            exitCodeList = {ExitCodes.OK + "the spool was worked through (what is left will be retried)",
                ExitCodes.USAGE + "the command line is wrong", ExitCodes.TROUBLE + "the spool or the DNS cannot be used"})
    static final class Flush implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--spool", required = true, description = "The spool directory.")
        Path spool;

        @Option(names = "--dns", description = "HOST:PORT of the DNS server for MX lookups (default: /etc/resolv.conf).")
        String dns;

        // an initial value, not a defaultValue: picocli would apply a default after the hidden old name below
        @Option(names = "--mx-port", description = "The SMTP port of the MX hosts (default: 25).")
        int mxPort = 25;

        /** The old name of {@code --mx-port}, still accepted. */
        @Option(names = "--port", hidden = true)
        void port(int port) {
            mxPort = port;
        }

        @Option(names = "--hostname", defaultValue = "localhost", description = "This MTA's name, for EHLO and bounces.")
        String hostname;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ResolverConfig config = DnsServers.of(dns);
            QueueRunner.Settings settings = new QueueRunner.Settings(hostname, mxPort, Duration.ofMinutes(5), Duration.ofHours(4),
                    Duration.ofDays(5), SmtpClient.Options.defaults(hostname));
            QueueRunner.Report report = new QueueRunner(new Spool(spool), new StubResolver(config), settings, Clock.systemUTC(), new SecureRandom()).flush();
            out.printf("delivered %d, deferred %d, bounced %d%n", report.delivered(), report.deferred(), report.bounced());
            out.flush();
            return report.deferred() == 0 ? Main.OK : Main.REFUSED;
        }
    }
}
