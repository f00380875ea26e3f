package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;
import io.github.smtplab.dns.ZoneParseResult;
import io.github.smtplab.dns.ZoneServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code ./smtplab dkim keygen}, {@code sign} and {@code verify} end to end: the printed TXT record is served by
 * smtp-dns's ZoneServer on loopback and {@code verify --dns} finds it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DkimCommandTest {

    private static final String MESSAGE = "From: Alice <alice@example.com>\nTo: bob@example.org\nSubject: hello\n"
            + "Date: Sun, 29 Nov 2026 10:00:00 +0000\n\nHi Bob,\n  see you.\n";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, byte[] binary, String err) {}

    static Run dkim(byte[] stdin, String... args) {
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        CommandLine cli = DkimCommand.withStreams(new ByteArrayInputStream(stdin), binary);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), binary.toByteArray(), err.toString());
    }

    @ParameterizedTest
    @CsvSource({"rsa, rsa-sha256", "ed25519, ed25519-sha256"})
    void keygenSignVerify(String algorithm, String tag) throws Exception {
        Run keygen = dkim(new byte[0], "keygen", "--algorithm", algorithm, "--selector", "s1", "--domain", "example.com",
                "--out", dir.resolve("s1").toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        assertThat(keygen.out()).startsWith("s1._domainkey.example.com. IN TXT ( \"v=DKIM1; k=" + algorithm + "; p=");
        assertThat(Files.readString(dir.resolve("s1.private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        Run sign = dkim(MESSAGE.getBytes(StandardCharsets.US_ASCII), "sign", "--key", dir.resolve("s1.private.pem").toString(),
                "--selector", "s1", "--domain", "example.com", "--headers", "From:To:Subject:Date");
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        String signed = new String(sign.binary(), StandardCharsets.US_ASCII);
        assertThat(signed).startsWith("DKIM-Signature: v=1; a=" + tag).contains("\r\nFrom: Alice");
        assertThat(signed.replace("\r\n\t", "")).contains("h=From:From:To:To:Subject:Subject:Date:Date;");

        // the exact record printed by keygen, as a zone file line, served on loopback
        String zoneText = "example.com. 300 IN SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 60\n"
                + keygen.out();
        var zone = ((ZoneParseResult.Parsed) MasterFileParser.parse(zoneText, DomainName.of("example.com."))).zone();
        try (ZoneServer server = ZoneServer.start(List.of(zone))) {
            String at = "127.0.0.1:" + server.address().getPort();
            Run verify = dkim(sign.binary(), "verify", "--dns", at);
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out()).isEqualTo("dkim=pass header.d=example.com header.s=s1 header.a=" + tag + "\n");

            byte[] tampered = signed.replace("see you", "see yoU").getBytes(StandardCharsets.US_ASCII);
            Run bad = dkim(tampered, "verify", "--dns", at);
            assertThat(bad.exitCode()).isEqualTo(Main.REFUSED);
            assertThat(bad.out()).startsWith("dkim=fail reason=\"body hash did not verify\" header.d=example.com");

            Run unsigned = dkim(MESSAGE.getBytes(StandardCharsets.US_ASCII), "verify", "--dns", at);
            assertThat(unsigned.exitCode()).isEqualTo(Main.REFUSED);
            assertThat(unsigned.out()).isEqualTo("dkim=none\n");
        }
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        assertThat(dkim(new byte[0], "keygen", "--algorithm", "dsa", "--selector", "s", "--domain", "example.com",
                "--out", dir.resolve("x").toString()).exitCode()).isEqualTo(Main.USAGE);
        assertThat(dkim(new byte[0], "keygen", "--bits", "512", "--selector", "s", "--domain", "example.com",
                "--out", dir.resolve("x").toString()).exitCode()).isEqualTo(Main.USAGE);
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a key");
        assertThat(dkim(MESSAGE.getBytes(StandardCharsets.US_ASCII), "sign", "--key", junk.toString(), "--selector", "s",
                "--domain", "example.com").exitCode()).isEqualTo(Main.USAGE);
        assertThat(dkim(new byte[0], "sign").exitCode()).isEqualTo(Main.USAGE); // missing options (picocli)
    }

    @Test
    void signRefusesAMessageWithoutFrom() throws Exception {
        dkim(new byte[0], "keygen", "--algorithm", "ed25519", "--selector", "s", "--domain", "example.com",
                "--out", dir.resolve("k").toString());
        Run r = dkim("To: bob@example.org\n\nhi\n".getBytes(StandardCharsets.US_ASCII), "sign", "--key",
                dir.resolve("k.private.pem").toString(), "--selector", "s", "--domain", "example.com");
        assertThat(r.exitCode()).isEqualTo(Main.REFUSED);
        assertThat(r.err()).contains("no From");
    }
}
