package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code ./smtplab spf check} against smtp-dns's ZoneServer on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpfCommandTest {

    static ZoneServer server;
    static String dns;

    @BeforeAll
    static void startDns() throws Exception {
        String zone = """
                $ORIGIN example.com.
                $TTL 300
                @    IN SOA ns.example.com. hostmaster.example.com. ( 1 3600 600 86400 60 )
                     IN TXT "v=spf1 ip4:192.0.2.0/24 -all exp=why.example.com"
                why  IN TXT "%{i} is not a sender of %{d}"
                mail IN TXT "v=spf1 a -all"
                mail IN A   198.51.100.7
                evil IN TXT "v=spf1 -all exp=bad.example.com"
                bad  IN TXT "no\\013\\010fail: forged line\\027[2J"
                junk IN TXT "v=spf1 \\013\\010bad -all"
                """;
        ZoneParseResult.Parsed parsed = (ZoneParseResult.Parsed) MasterFileParser.parse(zone, DomainName.of("example.com."));
        server = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(parsed.zone()));
        dns = "127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    static void stopDns() {
        server.close();
    }

    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void passPrintsTheKeywordFirstAndTheReceivedSpfField() {
        Run r = run(new SpfCommand(), "check", "--ip", "192.0.2.10", "--mail-from", "alice@example.com", "--helo", "mail.example.com", "--dns", dns);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("pass ");
        assertThat(r.out().replace("\n ", " ")).contains("Received-SPF: pass (localhost: domain of alice@example.com designates 192.0.2.10"
                + " as permitted sender) receiver=localhost; client-ip=192.0.2.10; envelope-from=\"alice@example.com\";");
    }

    @Test
    void failPrintsTheDomainsExplanationAndExitsOne() {
        Run r = run(new SpfCommand(), "check", "--ip", "203.0.113.5", "--mail-from", "alice@example.com", "--helo", "x.example", "--dns", dns);
        assertThat(r.exit()).isEqualTo(Main.REFUSED);
        assertThat(r.out()).startsWith("fail 203.0.113.5 is not a sender of example.com\n");
    }

    /** Issue 18 item 9: CR, LF and ESC from a TXT record are printed escaped, never raw. */
    @Test
    void networkTextIsEscapedBeforePrinting() {
        Run explained = run(new SpfCommand(), "check", "--ip", "203.0.113.5", "--mail-from", "a@evil.example.com", "--helo", "h", "--dns", dns);
        assertThat(explained.out().lines().findFirst().orElseThrow()).as(explained.out()).startsWith("fail ")
                .doesNotContain("\r", "\u001b");
        Run broken = run(new SpfCommand(), "check", "--ip", "203.0.113.5", "--mail-from", "a@junk.example.com", "--helo", "h", "--dns", dns);
        String first = broken.out().lines().findFirst().orElseThrow();
        assertThat(first).as(broken.out()).startsWith("permerror ").contains("\\r\\n").doesNotContain("\r");
        assertThat(broken.out()).doesNotContain("\r", "\u001b");
        assertThat(explained.out() + broken.out()).doesNotContain("\u001b");
    }

    @Test
    void nullReversePathChecksTheHeloName() {
        Run r = run(new SpfCommand(), "check", "--ip", "198.51.100.7", "--mail-from", "", "--helo", "mail.example.com", "--dns", dns);
        assertThat(r.out()).startsWith("pass ").contains("identity=helo");
    }

    @Test
    void noRecordIsNoneExitingOneAndBadArgumentsExitTwo() {
        Run none = run(new SpfCommand(), "check", "--ip", "::1", "--mail-from", "bob@nothing.example.com", "--helo", "h", "--dns", dns);
        assertThat(none.exit()).isEqualTo(Main.REFUSED);
        assertThat(none.out()).startsWith("none ");
        assertThat(run(new SpfCommand(), "check", "--ip", "not-an-ip", "--mail-from", "a@b.c", "--helo", "h", "--dns", dns).exit())
                .isEqualTo(Main.USAGE);
        assertThat(run(new SpfCommand(), "check", "--ip", "192.0.2.1", "--helo", "h").exit()).isEqualTo(Main.USAGE);
    }

    /** RFC 7208 section 2.6.6: temperror is no outcome yet (the DNS failed), like an unreachable server: exit 3. */
    @Test
    void temperrorExitsThree() {
        // example.org is outside the server's zones: it answers REFUSED, a DNS failure for SPF
        Run r = run(new SpfCommand(), "check", "--ip", "192.0.2.10", "--mail-from", "alice@example.org", "--helo", "h", "--dns", dns);
        assertThat(r.out()).startsWith("temperror ");
        assertThat(r.exit()).isEqualTo(Main.FAILED);
    }
}
