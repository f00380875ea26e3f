package io.github.smtplab.lab;

import io.github.smtplab.dns.ResolverConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Where the commands send their DNS questions: one rule for every {@code --dns} (and {@code dig --server}). */
final class DnsServers {

    /** The system's nameservers, with their {@code options timeout/attempts}. */
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private DnsServers() {}

    /** The server given as {@code HOST:PORT}, or, when none is given, those of {@code /etc/resolv.conf}. */
    static ResolverConfig of(String hostPort) throws IOException {
        return hostPort != null ? ResolverConfig.of(hostPort) : ResolverConfig.fromResolvConf(RESOLV_CONF);
    }
}
