package io.github.smtplab.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.SmtpReplyException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.core.net.SmtpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client against our server over loopback, for each mechanism. TLS (smtp-tls) is being written in
 * parallel, so these run in clear: the policy explicitly allows every mechanism in clear, and the client
 * explicitly allows PLAIN and LOGIN in clear. Never do that on a real network.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackTest {

    static final Duration T = Duration.ofSeconds(10);

    final InMemoryDelivery local = new InMemoryDelivery("submit.exemple.com");
    final InMemoryDelivery relay = new InMemoryDelivery("submit.exemple.com");

    /** A submission server on 127.0.0.1 with the AUTH extension and the relay rule "authenticated only". */
    SmtpServer server(AuthPolicy policy) throws IOException {
        AuthExtension auth = new AuthExtension(Fixtures.USERS, policy, "submit.exemple.com", d -> { }, Instant::now);
        return SmtpServer.builder(ServerConfig.defaults("submit.exemple.com").withServerExtensions(List.of(auth)))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.SUBMISSION, Set.of("exemple.com"), local, Optional.of(relay), AuthExtension::relayAllowed))
                .idleTimeout(T)
                .shutdownGrace(Duration.ofSeconds(2))
                .start();
    }

    static SmtpClient.Options options(PasswordAuthentication auth) {
        return SmtpClient.Options.defaults("client.exemple.com").withTimeouts(T, T, T).withAuthentication(auth);
    }

    /** RFC 4954 §4 end to end: each mechanism authenticates, relays, and the Received field says ESMTPA (RFC 3848 §2). */
    @ParameterizedTest
    @EnumSource(Mechanism.class)
    void eachMechanismAuthenticatesAndRelays(Mechanism mechanism) throws Exception {
        PasswordAuthentication auth = PasswordAuthentication.of("carol", "s3cret").withMechanisms(Set.of(mechanism)).withPasswordInClear(true);
        try (SmtpServer server = server(Fixtures.everythingInClear());
             SmtpClient client = SmtpClient.connect(server.address(), options(auth))) {
            TransactionResult result = client.send(new Mailbox("carol", "exemple.com"), List.of(new Mailbox("dan", "ailleurs.example")),
                    "Subject: test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(result.delivered()).isTrue();
            client.quit();
        }
        assertThat(relay.messages()).hasSize(1);
        assertThat(relay.messages().getFirst().text()).contains("with ESMTPA");
    }

    /** RFC 4954 §6: a wrong password is 535 5.7.8, reported by SmtpClient as an SmtpReplyException. */
    @ParameterizedTest
    @EnumSource(Mechanism.class)
    void wrongPasswordIs535(Mechanism mechanism) throws Exception {
        PasswordAuthentication auth = PasswordAuthentication.of("carol", "wrong").withMechanisms(Set.of(mechanism)).withPasswordInClear(true);
        try (SmtpServer server = server(Fixtures.everythingInClear())) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), options(auth)))
                    .isInstanceOfSatisfying(SmtpReplyException.class, e -> assertThat(e.reply().toString())
                            .isEqualTo("535 5.7.8 Authentication credentials invalid"));
        }
    }

    /**
     * The client picks the strongest mechanism offered (SCRAM-SHA-256 here) and, without TLS, never PLAIN
     * or LOGIN unless told: against a server that offers only those in clear, it refuses to authenticate.
     */
    @Test
    void clientChoosesStrongestAndKeepsPasswordsOutOfClearText() throws Exception {
        try (SmtpServer server = server(Fixtures.everythingInClear());
             SmtpClient client = SmtpClient.connect(server.address(), options(PasswordAuthentication.of("carol", "s3cret")))) {
            assertThat(client.capabilities().authMechanisms()).containsExactly("SCRAM-SHA-256", "CRAM-MD5", "PLAIN", "LOGIN");
            client.quit();
        }
        AuthPolicy onlyPasswords = Fixtures.everythingInClear()
                .withMechanisms(EnumSet.of(Mechanism.PLAIN, Mechanism.LOGIN), EnumSet.of(Mechanism.PLAIN, Mechanism.LOGIN));
        try (SmtpServer server = server(onlyPasswords)) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), options(PasswordAuthentication.of("carol", "s3cret"))))
                    .hasMessageContaining("no acceptable AUTH mechanism");
        }
    }

    /** RFC 4954 §6 / RFC 6409: MAIL without AUTH on the submission server is 530 5.7.0. */
    @Test
    void mailWithoutAuthIs530() throws Exception {
        try (SmtpServer server = server(Fixtures.everythingInClear());
             SmtpClient client = SmtpClient.connect(server.address(), SmtpClient.Options.defaults("client.exemple.com").withTimeouts(T, T, T))) {
            TransactionResult result = client.send(new Mailbox("carol", "exemple.com"), List.of(new Mailbox("dan", "ailleurs.example")),
                    "Subject: test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(result.delivered()).isFalse();
            assertThat(result.mailReply().map(Object::toString)).contains("530 5.7.0 Authentication required");
        }
        assertThat(relay.messages()).isEmpty();
    }
}
