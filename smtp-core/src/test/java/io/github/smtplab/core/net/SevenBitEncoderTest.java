package io.github.smtplab.core.net;

import io.github.smtplab.core.TransactionResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6152 §3: no 8-bit data to a server that did not offer 8BITMIME. The client decides, in one place,
 * whether the {@link SevenBitEncoder} option is needed; without the option it refuses to send.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SevenBitEncoderTest {

    static final byte[] EIGHT_BIT = "Subject: x\r\nContent-Transfer-Encoding: 8bit\r\n\r\nà demain\r\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] SEVEN_BIT = "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=C3=A0 demain\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** A server whose EHLO reply is {@code ehloKeywords}; it records the MAIL line and the content. */
    static HostileServer recorder(String ehloKeywords, AtomicReference<String> mail, AtomicReference<String> content) throws IOException {
        return HostileServer.start(c -> {
            c.send("220 seven.test ESMTP\r\n");
            for (String line; (line = c.readLine()) != null; ) {
                String verb = line.length() >= 4 ? line.substring(0, 4) : line;
                switch (verb) {
                    case "EHLO" -> c.send("250-seven.test\r\n250 " + ehloKeywords + "\r\n");
                    case "MAIL" -> {
                        mail.set(line);
                        c.send("250 ok\r\n");
                    }
                    case "RCPT" -> c.send("250 ok\r\n");
                    case "DATA" -> {
                        c.send("354 go\r\n");
                        ByteArrayOutputStream data = new ByteArrayOutputStream();
                        for (String d; !".".equals(d = c.readLine()); ) {
                            data.writeBytes((d + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        content.set(data.toString(StandardCharsets.ISO_8859_1));
                        c.send("250 stored\r\n");
                    }
                    default -> c.send("221 bye\r\n");
                }
            }
        });
    }

    static SmtpClient.Options options(SevenBitEncoder encoder) {
        SmtpClient.Options options = SmtpClient.Options.defaults("client.monentreprise.fr").withTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        return encoder == null ? options : options.withSevenBitEncoder(encoder);
    }

    @Test
    void aServerWithout8bitmimeGetsTheReEncodedMessage() throws Exception {
        AtomicReference<String> mail = new AtomicReference<>();
        AtomicReference<String> content = new AtomicReference<>();
        try (HostileServer server = recorder("SIZE 1000000", mail, content);
             SmtpClient client = SmtpClient.connect(server.address(), options(m -> SEVEN_BIT))) {
            TransactionResult result = client.send(HostileServerTest.ALICE, List.of(HostileServerTest.BOB), EIGHT_BIT);
            assertThat(result.allAccepted()).isTrue();
        }
        assertThat(content.get()).isEqualTo(new String(SEVEN_BIT, StandardCharsets.US_ASCII));
        assertThat(mail.get()).doesNotContain("BODY=8BITMIME").contains("SIZE=" + SEVEN_BIT.length);
    }

    @Test
    void aServerWith8bitmimeGetsTheMessageAsItIs() throws Exception {
        AtomicInteger encoded = new AtomicInteger();
        AtomicReference<String> mail = new AtomicReference<>();
        AtomicReference<String> content = new AtomicReference<>();
        try (HostileServer server = recorder("8BITMIME", mail, content);
             SmtpClient client = SmtpClient.connect(server.address(), options(m -> {
                 encoded.incrementAndGet();
                 return SEVEN_BIT;
             }))) {
            assertThat(client.send(HostileServerTest.ALICE, List.of(HostileServerTest.BOB), EIGHT_BIT).allAccepted()).isTrue();
        }
        assertThat(encoded.get()).isZero();
        assertThat(mail.get()).contains("BODY=8BITMIME");
        assertThat(content.get().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(EIGHT_BIT);
    }

    @Test
    void withoutTheOptionTheClientRefusesToSend() throws Exception {
        AtomicReference<String> mail = new AtomicReference<>();
        try (HostileServer server = recorder("SIZE 1000000", mail, new AtomicReference<>());
             SmtpClient client = SmtpClient.connect(server.address(), options(null))) {
            TransactionResult result = client.send(HostileServerTest.ALICE, List.of(HostileServerTest.BOB), EIGHT_BIT);
            assertThat(result.localError()).hasValueSatisfying(e -> assertThat(e).contains("8BITMIME"));
        }
        assertThat(mail.get()).isNull();
    }
}
