package io.github.smtplab.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * BIND's {@code named} (Debian bind9) serving zone files on 127.0.0.1 and a random high port, in the
 * foreground, from a temporary directory; killed on {@link #close()} and, failing that, at JVM exit.
 */
final class NamedProcess implements AutoCloseable {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(20);

    private final Process process;
    private final Path dir;
    private final InetSocketAddress address;

    private NamedProcess(Process process, Path dir, InetSocketAddress address) {
        this.process = process;
        this.dir = dir;
        this.address = address;
    }

    /** Starts named with {@code zones}: zone name to zone file. Waits (bounded) until it answers. */
    static NamedProcess start(Map<String, Path> zones) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("smtplab-named");
            int port = freePort();
            StringBuilder conf = new StringBuilder();
            conf.append("options { directory \"").append(dir).append("\"; pid-file \"").append(dir.resolve("named.pid"))
                    .append("\";\n  listen-on port ").append(port).append(" { 127.0.0.1; }; listen-on-v6 { none; };\n")
                    .append("  recursion no; dnssec-validation no; allow-query { 127.0.0.1; }; notify no; };\n")
                    .append("controls { };\n");
            for (Map.Entry<String, Path> zone : zones.entrySet()) {
                Path copy = dir.resolve(zone.getKey() + ".zone");
                Files.copy(zone.getValue(), copy);
                conf.append("zone \"").append(zone.getKey()).append("\" { type primary; file \"").append(copy).append("\"; };\n");
            }
            Path confFile = dir.resolve("named.conf");
            Files.writeString(confFile, conf);
            Process p = new ProcessBuilder("/usr/sbin/named", "-c", confFile.toString(), "-f", "-u", "root")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            NamedProcess named = new NamedProcess(p, dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            if (named.awaitAnswer(zones.keySet().iterator().next())) {
                return named;
            }
            named.close();
            last = new IOException("named did not answer on port " + port + ": " + Files.readString(dir.resolve("named.log")));
        }
        throw last;
    }

    /** A port free on 127.0.0.1 for both UDP and TCP right now (named needs both). */
    private static int freePort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 java.net.ServerSocket tcp = new java.net.ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
                return udp.getLocalPort();
            } catch (java.net.BindException taken) {
                if (attempt >= 20) {
                    throw taken;
                }
            }
        }
    }

    /**
     * Polls until named answers a zone's SOA over UDP and over TCP (it may open one listener before the other),
     * the process dies, or the startup limit passes.
     */
    private boolean awaitAnswer(String zone) throws InterruptedException {
        ResolverConfig config = new ResolverConfig(List.of(address), Duration.ofMillis(300), 1, 1232, 0);
        StubResolver udp = new StubResolver(config);
        StubResolver tcp = new StubResolver(config.withTcpOnly(true));
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (udp.query(zone, RecordType.SOA) instanceof LookupResult.Found
                    && tcp.query(zone, RecordType.SOA) instanceof LookupResult.Found) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
