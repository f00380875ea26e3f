package io.github.smtplab.auth.sasl;

import static io.github.smtplab.auth.sasl.Fixtures.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The AUTH extension inside smtp-core's engine (RFC 4954), transcripts as text blocks. */
class AuthSessionTest {

    final InMemoryDelivery local = new InMemoryDelivery("mx.exemple.com");
    final InMemoryDelivery relay = new InMemoryDelivery("mx.exemple.com");
    final List<Duration> pauses = new ArrayList<>();

    ServerSession session(AuthPolicy policy) {
        return session(Fixtures.USERS, policy);
    }

    ServerSession session(CredentialStore store, AuthPolicy policy) {
        return session(new AuthExtension(store, policy, "mx.exemple.com", pauses::add, Instant::now));
    }

    /** A connection from 192.0.2.7 to a listener whose (shared) AUTH extension is {@code auth}. */
    ServerSession session(AuthExtension auth) {
        ServerConfig config = ServerConfig.defaults("mx.exemple.com").withServerExtensions(List.of(auth));
        RoleHooks hooks = new RoleHooks(Role.SUBMISSION, Set.of("exemple.com"), local, Optional.of(relay), AuthExtension::relayAllowed);
        return new ServerSession(config, hooks, TranscriptListener.NONE, new InetSocketAddress("192.0.2.7", 40000));
    }

    /**
     * RFC 4954 §4 with RFC 8314 / RFC 6409: on a submission listener AUTH is neither offered nor accepted
     * before TLS (538 5.7.11), MAIL needs AUTH (530 5.7.0); inside TLS, PLAIN with an initial response
     * gives 235 2.7.0 and the session may relay; a second AUTH is 503 (§4).
     */
    @Test
    void submissionNeedsTlsThenAuthThenRelays() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                S: 250-mx.exemple.com greets client.example
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250 DSN
                C: AUTH PLAIN AGFsaWNlAHMzY3JldA==
                S: 538 5.7.11 Encryption required for requested authentication mechanism
                C: MAIL FROM:<alice@exemple.com>
                S: 530 5.7.0 Authentication required
                -- TLS
                C: EHLO client.example
                S: 250-mx.exemple.com greets client.example
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250-DSN
                S: 250 AUTH SCRAM-SHA-256 PLAIN LOGIN
                C: AUTH PLAIN AGFsaWNlAHMzY3JldA==
                S: 235 2.7.0 Authentication successful
                C: AUTH PLAIN AGFsaWNlAHMzY3JldA==
                S: 503 5.5.1 Already authenticated (RFC 4954 section 4)
                C: MAIL FROM:<alice@exemple.com> AUTH=alice@exemple.com
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@ailleurs.example>
                S: 250 2.1.5 Recipient OK, will relay
                C: DATA
                S: 354 Start mail input; end with <CRLF>.<CRLF>
                C: Subject: hi
                C:
                C: hello
                C: .
                S: 250 2.0.0 Message accepted
                """;
        String actual = Dialogue.play(session(AuthPolicy.submission().withFailures(3, Duration.ZERO, Duration.ZERO)), expected);
        assertThat(actual).isEqualTo(expected);
        assertThat(relay.messages()).hasSize(1);
        assertThat(relay.messages().getFirst().text()).contains("with ESMTPSA");   // RFC 3848 §2
    }

    /**
     * draft-murchison-sasl-login-00 §2, exactly the seed's exchange: "Username:" then "Password:", each
     * answered in base64; an unauthenticated client may not relay (RFC 6409 §4.3), an authenticated one may.
     */
    @Test
    void loginExchangeLikeTheSeed() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                S: 250-mx.exemple.com greets client.example
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250-DSN
                S: 250 AUTH SCRAM-SHA-256 CRAM-MD5 PLAIN LOGIN
                C: AUTH LOGIN
                S: 334 VXNlcm5hbWU6
                C: YWxpY2U=
                S: 334 UGFzc3dvcmQ6
                C: czNjcmV0
                S: 235 2.7.0 Authentication successful
                C: MAIL FROM:<alice@exemple.com>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@ailleurs.example>
                S: 250 2.1.5 Recipient OK, will relay
                """;
        assertThat(Dialogue.play(session(Fixtures.everythingInClear()), expected)).isEqualTo(expected);
    }

    /** Without AUTH (and without the 530 gate), relaying is refused by RoleHooks: the relay rule is AUTH, not loopback. */
    @Test
    void noRelayWithoutAuth() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                C: MAIL FROM:<alice@exemple.com>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@ailleurs.example>
                S: 550 5.7.1 Relay access denied
                C: RCPT TO:<carol@exemple.com>
                S: 250 2.1.5 Recipient OK
                """;
        String actual = Dialogue.play(session(Fixtures.everythingInClear().withRequireAuthForMail(false)), expected);
        assertThat(actual.replaceAll("S: 250[- ](?!2\\.).*\n", "")).isEqualTo(expected);
    }

    /**
     * RFC 4954 §4: without an initial response PLAIN gets "334 " (nothing after the space); "*" cancels
     * (501 5.7.0); a response that is not strict base64 is 501 5.5.2; an unknown mechanism is 504 5.5.4;
     * "=" is an empty initial response; CRAM-MD5 takes no initial response (501 5.7.0).
     */
    @Test
    void exchangeRules() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: AUTH PLAIN
                S: 503 Send EHLO first (RFC 4954 section 4)
                C: EHLO client.example
                C: AUTH PLAIN
                S: 334\s
                C: *
                S: 501 5.7.0 Authentication cancelled
                C: AUTH PLAIN
                S: 334\s
                C: not base64!
                S: 501 5.5.2 Cannot decode response (RFC 4954 section 4: strict base64)
                C: AUTH PLAIN =AAA
                S: 501 5.5.2 Cannot decode response (RFC 4954 section 4: strict base64)
                C: AUTH PLAIN =
                S: 501 5.5.2 Malformed authentication message
                C: AUTH KERBEROS_V4
                S: 504 5.5.4 Unrecognized authentication type
                C: AUTH CRAM-MD5 dGlt
                S: 501 5.7.0 This mechanism takes no initial response
                C: AUTH PLAIN
                S: 334\s
                C: AGFsaWNlAHMzY3JldA==
                S: 235 2.7.0 Authentication successful
                """;
        // six failed exchanges in a row: room for them (each counts, see malformedExchangesCountAsFailures)
        AuthPolicy roomy = Fixtures.everythingInClear().withFailures(10, Duration.ofSeconds(1), Duration.ofSeconds(8));
        String actual = Dialogue.play(session(roomy), expected);
        assertThat(actual.replaceAll("S: 250[- ].*\n", "")).isEqualTo(expected);
    }

    /** RFC 4954 §4: AUTH is not permitted during a mail transaction (503). */
    @Test
    void noAuthInsideATransaction() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                C: MAIL FROM:<alice@exemple.com>
                S: 250 2.1.0 Sender OK
                C: AUTH PLAIN AGFsaWNlAHMzY3JldA==
                S: 503 5.5.1 AUTH is not allowed during a mail transaction (RFC 4954 section 4)
                """;
        String actual = Dialogue.play(session(Fixtures.everythingInClear().withRequireAuthForMail(false)), expected);
        assertThat(actual.replaceAll("S: 250[- ](?!2\\.).*\n", "")).isEqualTo(expected);
    }

    /**
     * RFC 4954 §6: bad credentials are 535 5.7.8, after a pause that doubles per failure of the same user
     * from the same address; at the limit (3 here) the connection is closed with 421 4.7.0; a wrong
     * password and an unknown user get the same reply.
     */
    @Test
    void failuresPauseThenClose() {
        AuthPolicy policy = Fixtures.everythingInClear().withFailures(3, Duration.ofSeconds(1), Duration.ofSeconds(8));
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                C: AUTH PLAIN AGFsaWNlAHdyb25n
                S: 535 5.7.8 Authentication credentials invalid
                C: AUTH PLAIN AG1hbGxvcnkAczNjcmV0
                S: 535 5.7.8 Authentication credentials invalid
                C: AUTH PLAIN AGFsaWNlAHdyb25n
                S: 421 4.7.0 mx.exemple.com Too many authentication failures, closing connection
                -- closed
                """;
        AuthExtension auth = new AuthExtension(Fixtures.USERS, policy, "mx.exemple.com", pauses::add, Instant::now);
        String actual = Dialogue.play(session(auth), expected);
        assertThat(actual.replaceAll("S: 250[- ].*\n", "")).isEqualTo(expected);
        // alice: 1 s then 2 s; mallory, another user, starts again at 1 s
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));

        // no lockout: from the same address, alice with her password is let in at once
        ServerSession again = session(auth);
        again.start();
        Dialogue.send(again, "EHLO client.example");
        assertThat(Dialogue.send(again, "AUTH PLAIN AGFsaWNlAHMzY3JldA==").getFirst().code()).isEqualTo(235);
        assertThat(pauses).hasSize(3);
        // and her success forgot her failures: the next wrong guess pauses 1 s again
        ServerSession third = session(auth);
        third.start();
        Dialogue.send(third, "EHLO client.example");
        Dialogue.send(third, "AUTH PLAIN AGFsaWNlAHdyb25n");
        assertThat(pauses.getLast()).isEqualTo(Duration.ofSeconds(1));
    }

    /**
     * Malformed exchanges count as failures too: not base64, a broken PLAIN message, an unknown mechanism,
     * a cancel. Hostile input ends in 421 instead of going on for ever.
     */
    @Test
    void malformedExchangesCountAsFailures() {
        AuthPolicy policy = Fixtures.everythingInClear().withFailures(4, Duration.ofSeconds(1), Duration.ofSeconds(8));
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                C: AUTH PLAIN !!!
                S: 501 5.5.2 Cannot decode response (RFC 4954 section 4: strict base64)
                C: AUTH PLAIN AA==
                S: 501 5.5.2 Malformed authentication message
                C: AUTH FROBNICATE
                S: 504 5.5.4 Unrecognized authentication type
                C: AUTH LOGIN
                S: 334 VXNlcm5hbWU6
                C: *
                S: 421 4.7.0 mx.exemple.com Too many authentication failures, closing connection
                -- closed
                """;
        AuthExtension auth = new AuthExtension(Fixtures.USERS, policy, "mx.exemple.com", pauses::add, Instant::now);
        String actual = Dialogue.play(session(auth), expected);
        assertThat(actual.replaceAll("S: 250[- ].*\n", "")).isEqualTo(expected);
        // no user was named: one key for the address, growing
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    /**
     * RFC 5802 §6, §7: a SCRAM client that requires channel binding ({@code p=}) gets the mechanism's own error,
     * {@code e=channel-binding-not-supported}, then 504 5.5.4 (the -PLUS variant is not offered): not 535, and
     * not counted as a failed password (no pause).
     */
    @Test
    void scramChannelBindingGetsTheMechanismsError() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                C: AUTH SCRAM-SHA-256 FIRST
                S: 334 ERROR
                C:\s
                S: 504 5.5.4 SCRAM channel binding (SCRAM-SHA-256-PLUS) is not offered
                """.replace("FIRST", "cD10bHMtdW5pcXVlLCxuPWFsaWNlLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM").replace("ERROR", "ZT1jaGFubmVsLWJpbmRpbmctbm90LXN1cHBvcnRlZA==");
        AuthExtension auth = new AuthExtension(Fixtures.USERS, Fixtures.everythingInClear(), "mx.exemple.com", pauses::add, Instant::now);
        String actual = Dialogue.play(session(auth), expected);
        assertThat(actual.replaceAll("S: 250[- ].*\n", "")).isEqualTo(expected);
        assertThat(pauses).isEmpty();
    }

    /** RFC 4954 §6: a credential store that cannot answer gives 454 4.7.0, not 535. */
    @Test
    void storeFailureIsTemporary() {
        CredentialStore broken = name -> {
            throw new IOException("disk on fire");
        };
        ServerSession s = session(broken, Fixtures.everythingInClear());
        s.start();
        Dialogue.send(s, "EHLO client.example");
        assertThat(Dialogue.send(s, "AUTH PLAIN AGFsaWNlAHMzY3JldA==").getFirst().toString())
                .isEqualTo("454 4.7.0 Temporary authentication failure");
    }

    /** RFC 6409 §6.1: with the own-address rule, alice may send as alice@… but not as bob@… (553 5.7.1). */
    @Test
    void senderMustBelongToTheUser() {
        String expected = """
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO client.example
                C: AUTH PLAIN AGFsaWNlAHMzY3JldA==
                S: 235 2.7.0 Authentication successful
                C: MAIL FROM:<bob@exemple.com>
                S: 553 5.7.1 Sender address not owned by the authenticated user
                C: MAIL FROM:<alice@exemple.com> AUTH=<>
                S: 250 2.1.0 Sender OK
                """;
        String actual = Dialogue.play(session(Fixtures.everythingInClear().withSenders(SenderRule.ownAddress())), expected);
        assertThat(actual.replaceAll("S: 250[- ](?!2\\.).*\n", "")).isEqualTo(expected);
    }

    /** SCRAM-SHA-256 and CRAM-MD5 through the engine with our clients (random nonces and challenges). */
    @Test
    void scramAndCramThroughTheEngine() {
        for (Mechanism m : List.of(Mechanism.SCRAM_SHA_256, Mechanism.CRAM_MD5, Mechanism.LOGIN, Mechanism.PLAIN)) {
            ServerSession s = session(Fixtures.everythingInClear());
            s.start();
            Dialogue.send(s, "EHLO client.example");
            var client = SaslClients.of(m, "carol", "s3cret");
            List<io.github.smtplab.core.Reply> replies = Dialogue.send(s, "AUTH " + client.mechanism() + client.initialResponse().map(r -> " " + r).orElse(""));
            for (int i = 0; i < 5 && replies.getFirst().code() == 334; i++) {
                replies = Dialogue.send(s, client.respond(replies.getFirst().lines().getFirst()));
            }
            assertThat(replies.getFirst().toString()).as(m.wireName()).isEqualTo("235 2.7.0 Authentication successful");
            assertThat(s.authenticatedAs()).contains("carol");
            assertThat(s.protocolName()).isEqualTo("ESMTPA");   // RFC 3848 §2
        }
    }

    /** RFC 4954 §4: a line longer than the 12288-octet AUTH buffer fails the exchange with 500 (the engine's limit). */
    @Test
    void overlongExchangeLine() {
        ServerSession s = session(Fixtures.everythingInClear());
        s.start();
        Dialogue.send(s, "EHLO client.example");
        assertThat(Dialogue.send(s, "AUTH LOGIN").getFirst().code()).isEqualTo(334);
        assertThat(Dialogue.send(s, "A".repeat(ServerConfig.MAX_AUTH_LINE + 10)).getFirst().code()).isEqualTo(500);
        assertThat(s.authenticatedAs()).isEmpty();
    }

    /**
     * The transcript of docs/smtp-auth-sasl.md §1, as the engine produces it: Alice submits to her own
     * server (RFC 6409, port 587) inside TLS with AUTH LOGIN (draft-murchison-sasl-login-00 §2), and her
     * mail is relayed to exemple.com. Keep the document and this block identical.
     */
    @Test
    void docsSeedLoginDialogue() {
        String expected = """
                S: 220 mail.monentreprise.fr ESMTP smtplab
                C: EHLO [192.0.2.7]
                S: 250-mail.monentreprise.fr greets [192.0.2.7]
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250 DSN
                -- TLS
                C: EHLO [192.0.2.7]
                S: 250-mail.monentreprise.fr greets [192.0.2.7]
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-CHUNKING
                S: 250-DSN
                S: 250 AUTH SCRAM-SHA-256 PLAIN LOGIN
                C: AUTH LOGIN
                S: 334 VXNlcm5hbWU6
                C: YWxpY2VAbW9uZW50cmVwcmlzZS5mcg==
                S: 334 UGFzc3dvcmQ6
                C: czNjcmV0
                S: 235 2.7.0 Authentication successful
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@exemple.com>
                S: 250 2.1.5 Recipient OK, will relay
                """;
        AuthExtension auth = new AuthExtension(Fixtures.USERS, AuthPolicy.submission().withSenders(SenderRule.ownAddress()),
                "mail.monentreprise.fr", pauses::add, Instant::now);
        ServerConfig config = ServerConfig.defaults("mail.monentreprise.fr").withServerExtensions(List.of(auth));
        RoleHooks hooks = new RoleHooks(Role.SUBMISSION, Set.of("monentreprise.fr"), local, Optional.of(relay), AuthExtension::relayAllowed);
        ServerSession s = new ServerSession(config, hooks, TranscriptListener.NONE, new InetSocketAddress("192.0.2.7", 40000));
        assertThat(Dialogue.play(s, expected)).isEqualTo(expected);
    }
}
