package io.github.smtplab.lab;

import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.Zone;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab dns serve}: the embedded authoritative DNS server. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "The DNS tools of smtp-dns.",
        exitCodeList = {ExitCodes.OK + "the usage was printed", ExitCodes.USAGE + "the command line is wrong"},
        subcommands = DnsCommand.Serve.class)
final class DnsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Serves RFC 1035 master files over UDP and TCP until Ctrl-C; never recurses, refuses other zones. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serves zones from RFC 1035 master files over UDP and TCP until Ctrl-C.",
                "Authoritative only: other names get REFUSED, nothing is recursed."},
            exitCodeList = {ExitCodes.OK + "stopped by Ctrl-C", ExitCodes.USAGE + "the command line or a zone file is wrong",
                ExitCodes.TROUBLE + "could not start: a zone file cannot be read, the address is in use"})
    static final class Serve implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--zone", required = true, description = "A master file; repeat for several zones.")
        List<Path> zoneFiles;

        @Option(names = "--listen", defaultValue = "127.0.0.1:5353", converter = HostPort.class,
                description = "HOST:PORT for UDP and TCP (default: ${DEFAULT-VALUE}).")
        InetSocketAddress listen;

        /** Set by tests instead of Ctrl-C. */
        CountDownLatch stop = new CountDownLatch(1);
        volatile InetSocketAddress boundAddress;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<Zone> zones = new ArrayList<>();
            for (Path file : zoneFiles) {
                switch (parse(file)) {
                    case ZoneParseResult.Parsed parsed -> zones.add(parsed.zone());
                    case ZoneParseResult.Failed failed -> throw new ParameterException(spec.commandLine(),
                            file + ":" + failed.line() + ": " + failed.message());
                }
            }
            try (ZoneServer server = ZoneServer.start(listen, zones)) {
                boundAddress = server.address();
                out.println("smtplab dns serve: " + zones.size() + " zone(s) on " + server.address() + " (UDP and TCP; Ctrl-C stops)");
                out.flush();
                UntilStopped.await(stop, server);   // Ctrl-C, or a test
            }
            return Main.OK;
        }

        /** Reads one master file; a file that cannot be read is named with the reason. */
        private static ZoneParseResult parse(Path file) throws IOException {
            try {
                return MasterFileParser.parse(file);
            } catch (FileSystemException e) {
                throw new IOException("cannot read zone file " + file + ": " + Main.fileReason(e), e);
            }
        }
    }
}
