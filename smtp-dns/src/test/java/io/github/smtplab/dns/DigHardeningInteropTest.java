package io.github.smtplab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresTool;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18 items 4 and 8 seen by an independent client, {@code dig} (Debian bind9-dnsutils): BADVERS for
 * EDNS version 1 (RFC 6891 §6.1.3), one RRset for ANY (RFC 8482 §4.1), and {@code dig +tcp} answered while
 * 70 connections from another address drip their queries (RFC 7766 §10).
 */
@Timeout(120)
@RequiresTool(value = "dig", probe = {"dig", "-v"}, install = "Debian package bind9-dnsutils")
class DigHardeningInteropTest {

    @AutoClose
    static final ZoneServer server = ZoneServerHardeningTest.startLabServer();

    private static String dig(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dig", "@" + server.address().getAddress().getHostAddress(), "-p",
                String.valueOf(server.address().getPort()), "+tries=1", "+time=3", "+nocookie"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void ednsVersionOneIsBadvers() throws Exception {
        assertThat(dig("+edns=1", "+noednsnegotiation", "mx1.lab.example", "A")).contains("status: BADVERS");
        assertThat(dig("+edns=0", "mx1.lab.example", "A")).contains("status: NOERROR").contains("192.0.2.1");
    }

    @Test
    void anyGetsOneRrset() throws Exception {
        String out = dig("+noall", "+answer", "lab.example", "ANY");
        List<String> types = out.lines().filter(l -> !l.isBlank() && !l.startsWith(";"))
                .map(l -> l.trim().split("\\s+")[3]).distinct().toList();
        assertThat(types).containsExactly("NS");
    }

    @Test
    void digOverTcpIsAnsweredWhileOneAddressDrips() throws Exception {
        List<Socket> attackers = ZoneServerHardeningTest.drippingConnections(server.address(), 70, 2000);
        try {
            assertThat(dig("+tcp", "mx1.lab.example", "A")).contains("status: NOERROR").contains("192.0.2.1");
        } finally {
            for (Socket socket : attackers) {
                socket.close();
            }
        }
    }
}
