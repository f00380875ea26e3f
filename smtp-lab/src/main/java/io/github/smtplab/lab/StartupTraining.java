package io.github.smtplab.lab;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./smtplab startup-training}: a hidden command that the launcher runs once per build to record the
 * JVM's ahead-of-time cache (JDK 25's {@code -XX:AOTCacheOutput}, JEP 483/514/515). It does what a learner
 * does most — asks for help, looks a name up with {@code dig} against a zone served on loopback — so that the classes those paths load are already parsed and linked at the next start.
 * It writes nothing anywhere; a failure here only means a colder cache.
 */
@Command(name = StartupTraining.NAME, hidden = true,
        description = "Runs the common commands once so the launcher can record the JVM's start-up cache.")
final class StartupTraining implements Callable<Integer> {

    static final String NAME = "startup-training";

    private static final String ZONE = """
            $TTL 300
            @     IN SOA ns.exemple.com. hostmaster.exemple.com. 1 3600 600 86400 300
            @     IN NS  ns.exemple.com.
            @     IN MX  10 mx.exemple.com.
            @     IN TXT "v=spf1 -all"
            ns    IN A   127.0.0.1
            mx    IN A   127.0.0.1
            """;

    @Override
    public Integer call() throws Exception {
        run("--help");
        for (String name : Main.SUBCOMMANDS) {
            if (!name.equals(NAME) && !name.equals("help")) {
                run(name, "--help");
            }
        }
        var parsed = (ZoneParseResult.Parsed) MasterFileParser.parse(ZONE, DomainName.of("exemple.com"));
        try (ZoneServer server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(parsed.zone()))) {
            String at = "127.0.0.1:" + server.address().getPort();
            run("dig", "exemple.com", "MX", "--server", at);
            run("dig", "exemple.com", "TXT", "--server", at, "--tcp");
        }
        return Main.OK;
    }

    private static void run(String... args) {
        StringWriter sink = new StringWriter();
        Main.run(args, new PrintWriter(sink), new PrintWriter(sink));
    }
}
