package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server addresses and resolv.conf(5). */
class ResolverConfigTest {

    @Test
    void serversAreIpLiteralsWithOptionalPorts() {
        assertThat(ResolverConfig.parseServer("127.0.0.1:5353")).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(ResolverConfig.parseServer("[::1]:5353")).isEqualTo(new InetSocketAddress("::1", 5353));
        assertThat(ResolverConfig.parseServer("::1").getPort()).isEqualTo(53);
        assertThat(ResolverConfig.parseServer("192.0.2.1").getPort()).isEqualTo(53);
        for (String bad : new String[] {"dns.google:53", "300.1.1.1", "1.2.3.4:99999", "[::1", "1.2.3.4:"}) {
            assertThatThrownBy(() -> ResolverConfig.parseServer(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsResolvConf() {
        ResolverConfig c = ResolverConfig.fromResolvConf("""
                # comment
                search example.com
                nameserver 192.0.2.53
                nameserver not-an-address
                nameserver fe80::1%eth0
                nameserver 198.51.100.53
                nameserver 203.0.113.53
                options ndots:2 timeout:1 attempts:3
                """);
        assertThat(c.servers()).extracting(InetSocketAddress::getPort).containsOnly(53);
        assertThat(c.servers()).hasSize(3).first().isEqualTo(new InetSocketAddress("192.0.2.53", 53));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.attempts()).isEqualTo(3);
        assertThat(ResolverConfig.fromResolvConf("").servers()).hasSize(1);
    }

    /** The system's configuration: the file when there is one, else resolv.conf(5)'s default, 127.0.0.1. */
    @Test
    void systemConfigurationReadsTheFileOrFallsBackToLoopback(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("resolv.conf");
        assertThat(ResolverConfig.fromResolvConfOrDefaults(missing).servers())
                .containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        Files.writeString(missing, "nameserver 192.0.2.53\noptions attempts:4\n");
        ResolverConfig c = ResolverConfig.fromResolvConfOrDefaults(missing);
        assertThat(c.servers()).containsExactly(new InetSocketAddress("192.0.2.53", 53));
        assertThat(c.attempts()).isEqualTo(4);
        Path unreadable = Files.createDirectory(dir.resolve("a-directory"));
        assertThatThrownBy(() -> ResolverConfig.fromResolvConfOrDefaults(unreadable))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("a-directory");
        // this machine's own configuration builds a resolver (no query is sent)
        assertThat(StubResolver.system()).isNotNull();
        assertThat(ResolverConfig.system().servers()).isNotEmpty();
    }
}
