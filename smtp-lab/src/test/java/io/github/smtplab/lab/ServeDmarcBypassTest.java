package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Issue 18 item 2, end to end over loopback: {@code serve --check-auth --dmarc-reject} with a DNS where
 * {@code evil.test} publishes {@code p=reject}. Every way of hiding {@code ceo@evil.test} in the From field that
 * used to be stored with no {@code dmarc=} result is refused now (RFC 9989 §4.2, §11.5), and nothing is stored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeDmarcBypassTest {

    @TempDir
    static Path dir;
    private static ZoneServer dns;
    private static ServeCommand mx;
    private static Thread mxThread;

    @BeforeAll
    static void start() throws Exception {
        String test = """
                $ORIGIN test.
                $TTL 60
                @ IN SOA ns hostmaster 1 3600 600 86400 60
                evil IN TXT "v=spf1 -all"
                _dmarc.evil IN TXT "v=DMARC1; p=reject"
                other IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                """;
        dns = ZoneServer.start(new InetSocketAddress("127.0.0.1", 0), List.of(
                ((ZoneParseResult.Parsed) MasterFileParser.parse(test, DomainName.of("test."))).zone()));
        mx = new ServeCommand();
        CommandLine cli = new CommandLine(mx);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        mxThread = Thread.ofVirtual().start(() -> cli.execute("--catch-all", "--listen", "127.0.0.1:0", "--role", "mx", "--domain", "exemple.com",
                "--maildir", dir.resolve("mx").toString(), "--check-auth", "--dmarc-reject",
                "--dns", "127.0.0.1:" + dns.address().getPort()));
        for (int i = 0; i < 400 && mx.boundAddress == null; i++) {
            Thread.sleep(25);
        }
        assertThat(mx.boundAddress).isNotNull();
    }

    @AfterAll
    static void stop() throws Exception {
        mx.stop.countDown();
        mxThread.join(10_000);
        dns.close();
    }

    private static Reply send(String headerBlock) throws Exception {
        byte[] message = (headerBlock + "To: bob@exemple.com\r\nSubject: pay now\r\n\r\nTransfer the money.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (SmtpClient client = SmtpClient.connect(mx.boundAddress, SmtpClient.Options.defaults("client.other.test"))) {
            TransactionResult r = client.send(Mailbox.parse("x@other.test"), List.of(Mailbox.parse("bob@exemple.com")), message);
            return r.finalReply().orElseThrow();
        }
    }

    private static String folded(int octets) {
        StringBuilder b = new StringBuilder("X-Big: start");
        while (b.length() < octets) {
            b.append("\r\n ").append("y".repeat(72));
        }
        return b.append("\r\n").toString();
    }

    /** The From tricks of issue 18 item 2, each once. */
    static Stream<Arguments> hiddenFroms() {
        return Stream.of(
                Arguments.of("two From fields", "From: ceo@evil.test\r\nFrom: x@other.test\r\n"),
                Arguments.of("two mailboxes", "From: ceo@evil.test, x@other.test\r\n"),
                Arguments.of("group syntax", "From: Board: ceo@evil.test;\r\n"),
                Arguments.of("1.1 MB field before From", folded(1_100_000) + "From: ceo@evil.test\r\n"),
                Arguments.of("10,001 fields before From", "X-F: 1\r\n".repeat(10_001) + "From: ceo@evil.test\r\n"),
                Arguments.of("65 nested comments", "From: " + "(".repeat(65) + ")".repeat(65) + " ceo@evil.test\r\n"),
                Arguments.of("upper case, trailing dot", "From: ceo@EVIL.TEST.\r\n"),
                Arguments.of("no From at all", "Sender: ceo@evil.test\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hiddenFroms")
    void aHiddenFromIsRefusedAndNothingIsStored(String name, String headerBlock) throws Exception {
        Reply reply = send(headerBlock);
        assertThat(reply.code()).as(name + ": " + reply).isIn(550, 552);
        assertThat(reply.toString()).as(name).matches("(?s)\\p{ASCII}*");
        Path bob = dir.resolve("mx").resolve("bob@exemple.com").resolve("new");
        List<Path> stored = Files.isDirectory(bob) ? list(bob) : List.of();
        assertThat(stored.stream().filter(p -> read(p).contains("ceo@"))).as("nothing stored").isEmpty();
        assertThat(list(dir.resolve("mx").resolve(".inbound"))).as("no spool file left").isEmpty();
    }

    @Test
    void anHonestMessageIsStoredWithItsResults() throws Exception {
        Reply reply = send("From: Alice <x@other.test>\r\n");
        assertThat(reply.code()).as(reply.toString()).isEqualTo(250);
        Path bob = dir.resolve("mx").resolve("bob@exemple.com").resolve("new");
        String stored = list(bob).stream().map(ServeDmarcBypassTest::read).filter(s -> s.contains("Alice")).findFirst().orElseThrow();
        assertThat(stored).startsWith("Return-Path: <x@other.test>").contains("spf=pass").containsPattern("dmarc=none\\s+header.from=other.test")
                .endsWith("Subject: pay now\r\n\r\nTransfer the money.\r\n");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.toList();
        }
    }
}
