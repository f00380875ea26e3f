package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ./smtplab dmarc check} against smtp-dns's ZoneServer on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DmarcCommandTest {

    static ZoneServer server;
    static String dns;

    @BeforeAll
    static void startDns() throws Exception {
        String zone = """
                $ORIGIN example.com.
                $TTL 300
                @       IN SOA ns.example.com. hostmaster.example.com. ( 1 3600 600 86400 60 )
                _dmarc  IN TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com"
                www     IN A   192.0.2.1
                """;
        ZoneParseResult.Parsed parsed = (ZoneParseResult.Parsed) MasterFileParser.parse(zone, DomainName.of("example.com."));
        // The tree walk asks up to _dmarc.com and _dmarc.other.net, which must answer NXDOMAIN, not REFUSED:
        // serve an empty root zone too.
        ZoneParseResult.Parsed com = (ZoneParseResult.Parsed) MasterFileParser.parse(
                "@ 300 IN SOA ns.example.com. hostmaster.example.com. ( 1 3600 600 86400 60 )\n", DomainName.ROOT);
        server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(parsed.zone(), com.zone()));
        dns = "127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    static void stopDns() {
        server.close();
    }

    @Test
    void alignedDkimPasses() {
        SpfCommandTest.Run r = SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "example.com",
                "--spf-result", "pass", "--spf-domain", "bounce.other.net",
                "--dkim-result", "fail", "--dkim-domain", "example.com",
                "--dkim-result", "pass", "--dkim-domain", "mail.example.com", "--dns", dns);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("pass policy-domain=example.com org-domain=example.com spf-aligned=no dkim-aligned=yes\n");
    }

    @Test
    void failGivesTheDisposition() {
        SpfCommandTest.Run own = SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "example.com",
                "--spf-result", "pass", "--spf-domain", "other.net", "--dns", dns);
        assertThat(own.out()).startsWith("fail disposition=reject policy-domain=example.com");
        assertThat(own.exit()).isEqualTo(Main.REFUSED);
        SpfCommandTest.Run sub = SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "www.example.com", "--dns", dns);
        assertThat(sub.exit()).isEqualTo(Main.REFUSED);
        assertThat(sub.out()).startsWith("fail disposition=quarantine policy-domain=example.com");
    }

    /** RFC 9989 section 4.10: a DNS failure during the tree walk is temperror, no outcome yet: exit 3. */
    @Test
    void temperrorExitsThree() throws Exception {
        // a server with no zone at all answers REFUSED to every question of the walk
        try (ZoneServer empty = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of())) {
            SpfCommandTest.Run r = SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "example.com",
                    "--dns", "127.0.0.1:" + empty.address().getPort());
            assertThat(r.out()).startsWith("temperror");
            assertThat(r.exit()).isEqualTo(Main.FAILED);
        }
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(SpfCommandTest.run(new DmarcCommand(), "check").exit()).isEqualTo(Main.USAGE);
        assertThat(SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "example.com", "--spf-result", "pass").exit())
                .isEqualTo(Main.USAGE);
        // the results are typed (SpfResult, DkimResult): a word that is not a result keyword is a usage error
        assertThat(SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "example.com", "--spf-result", "passed",
                "--spf-domain", "example.com", "--dns", dns).exit()).isEqualTo(Main.USAGE);
        assertThat(SpfCommandTest.run(new DmarcCommand(), "check", "--from-domain", "example.com", "--dkim-result", "ok",
                "--dkim-domain", "example.com", "--dns", dns).exit()).isEqualTo(Main.USAGE);
    }
}
