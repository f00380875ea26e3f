package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.SmtpExtension;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.ParsedMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./smtplab compose} writes the seed message; {@code send} downgrades 8-bit mail for an old server. */
class ComposeTest {

    @TempDir
    Path dir;

    @Test
    void composeWritesTheSeedMessageWithoutItsBcc() throws Exception {
        Path pdf = dir.resolve("rapport déc.pdf");
        Files.write(pdf, "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
        ComposeCommand compose = new ComposeCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        compose.output = bytes;
        CommandLine cli = new CommandLine(compose);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--from", "Alice <alice@monentreprise.fr>", "--to", "Bob <bob@exemple.com>", "--cc", "Charlie <charlie@exemple.com>",
                "--bcc", "audit@monentreprise.fr", "--subject", "Réunion demain", "--text", "Bonjour Bob,\nà demain.\n", "--attach", pdf.toString());
        assertThat(code).as(err.toString()).isZero();
        String wire = bytes.toString(StandardCharsets.US_ASCII);
        assertThat(wire).doesNotContain("audit@").doesNotContain("Bcc");
        assertThat(isSevenBit(bytes.toByteArray())).isTrue();   // no transport needs 8BITMIME for it
        ParsedMessage parsed = Message.parse(bytes.toByteArray());
        assertThat(parsed.subject()).contains("Réunion demain");
        assertThat(parsed.text()).hasValueSatisfying(t -> assertThat(t).contains("à demain"));
        assertThat(parsed.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).contains("rapport déc.pdf");   // RFC 2231 filename*=UTF-8''...
            assertThat(a.body()).isEqualTo(Files.readAllBytes(pdf));
        });
    }

    @Test
    void sendDowngradesEightBitForAServerWithout8BitMime() throws Exception {
        Path eml = dir.resolve("m.eml");
        Files.writeString(eml, "From: alice@monentreprise.fr\r\nTo: bob@exemple.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCafé à 10h\r\n", StandardCharsets.UTF_8);
        InMemoryDelivery delivery = new InMemoryDelivery("mx.exemple.com");
        ServerConfig old = ServerConfig.defaults("mx.exemple.com").withExtensions(Set.of(SmtpExtension.PIPELINING, SmtpExtension.ENHANCED_STATUS_CODES));
        try (SmtpServer server = SmtpServer.builder(old).listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), delivery, Optional.empty(), s -> false)).start()) {
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("send", "--server", "127.0.0.1:" + server.address().getPort(),
                    "--from", "alice@monentreprise.fr", "--to", "bob@exemple.com", "--message-file", eml.toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        }
        byte[] stored = delivery.messages().getFirst().bytes();
        assertThat(isSevenBit(stored)).isTrue();
        assertThat(Message.parse(stored).text()).hasValueSatisfying(t -> assertThat(t).contains("Café à 10h"));
    }

    static boolean isSevenBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
