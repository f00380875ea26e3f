package io.github.smtplab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every example's {@code main} runs on loopback and prints what its Javadoc promises. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesTest {

    /** Runs {@code main} with System.out captured; returns what it printed. */
    private static String output(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void buildMessageWritesMimeWithoutBccAndParsesBack() throws Exception {
        String out = output(() -> BuildMessage.main(new String[0]));
        assertThat(out).contains("Subject: =?UTF-8?Q?R=C3=A9union?= demain", "Content-Type: multipart/mixed",
                "subject: Réunion demain", "attachment: ordre-du-jour.pdf").doesNotContain("Bcc:");
        assertThat(out).contains("RCPT TO: audit@monentreprise.fr");   // the envelope keeps the Bcc recipient
    }

    @Test
    void resolveMxListsTheHostsByPreference() throws Exception {
        String out = output(() -> ResolveMx.main(new String[0]));
        assertThat(out).containsSubsequence("MX 10 mx.exemple.com", "MX 20 secours.exemple.com");
    }

    @Test
    void checkAuthenticationPassesSpfDkimAndDmarc() throws Exception {
        String out = output(() -> CheckAuthentication.main(new String[0])).replaceAll("\\r?\\n\\s+", " ");
        assertThat(out).startsWith("Authentication-Results: mx.exemple.com;")
                .contains("spf=pass smtp.mailfrom=alice@monentreprise.fr", "dkim=pass header.d=monentreprise.fr",
                        "dmarc=pass header.from=monentreprise.fr");
    }

    @Test
    void sendMailDeliversToAServer() throws Exception {
        InMemoryDelivery store = new InMemoryDelivery("mx.exemple.com");
        try (SmtpServer server = SmtpServer.builder(ServerConfig.defaults("mx.exemple.com"))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.MX, Set.of("exemple.com"), store, Optional.empty(), s -> false)).start()) {
            String out = output(() -> SendMail.main(new String[] {"127.0.0.1:" + server.address().getPort()}));
            assertThat(out).contains("delivered");
            assertThat(store.messages()).singleElement().satisfies(m -> assertThat(m.text()).contains("Subject: =?UTF-8?Q?R=C3=A9union?= demain"));
        }
    }

    @Test
    void serverWithHookRefusesUnknownMailboxes() throws Exception {
        String out = output(() -> ServerWithHook.main(new String[0]));
        assertThat(out).contains("bob@exemple.com: 250", "eve@exemple.com: 550 5.1.1", "stored for [<bob@exemple.com>]");
    }
}
