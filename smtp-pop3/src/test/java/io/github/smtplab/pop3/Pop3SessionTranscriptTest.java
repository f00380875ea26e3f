package io.github.smtplab.pop3;

import static io.github.smtplab.pop3.Fixtures.FIRST;
import static io.github.smtplab.pop3.Fixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.mime.Base64Codec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The POP3 engine against written dialogues: C: what the client sends, S: what the server must answer
 * (RFC 1939 §§4-7, RFC 2449 CAPA and response codes, RFC 5034 AUTH, RFC 2595 STLS).
 */
class Pop3SessionTranscriptTest {

    final InMemoryMailStore store = Fixtures.store();

    Pop3Session play(Pop3Config config, String dialogue) {
        return Dialogue.of(dialogue).runAgainst(Fixtures.session(config, store));
    }

    static final String LOGGED_IN_BOB = """
            S: +OK pop.exemple.com POP3 server ready
            C: USER bob
            S: +OK send PASS
            C: PASS demain 10h
            S: +OK bob's maildrop has 2 messages (%d octets)
            """.formatted(FIRST.length() + SECOND.length());

    @Test
    void aWholeSessionReadsDeletesAndQuits() {
        Pop3Session session = play(Fixtures.inClear(), LOGGED_IN_BOB + """
                C: STAT
                S: +OK 2 %d
                C: LIST
                S: +OK 2 messages follow
                S: 1 %d
                S: 2 %d
                S: .
                C: UIDL
                S: +OK 2 unique-ids follow
                S: 1 bob-uid-1
                S: 2 bob-uid-2
                S: .
                C: RETR 1
                S: +OK %d octets
                S: From: alice@monentreprise.fr
                S: Subject: one
                S:
                S: Hello Bob
                S: ..a line starting with a dot
                S: .
                C: DELE 2
                S: +OK message 2 deleted
                C: STAT
                S: +OK 1 %d
                C: RETR 2
                S: -ERR message 2 already deleted
                C: QUIT
                S: +OK pop.exemple.com signing off (1 messages deleted)
                """.formatted(FIRST.length() + SECOND.length(), FIRST.length(), SECOND.length(), FIRST.length(), FIRST.length()));
        assertThat(session.isClosed()).isTrue();
        assertThat(store.uniqueIds("bob")).containsExactly("bob-uid-1");   // UPDATE applied the deletion
        assertThat(store.seen).containsExactly(Set.of("bob-uid-1"));       // and RETR's "seen"
        assertThat(store.locked).isEmpty();
    }

    @Test
    void topSendsTheHeaderAndTheFirstLinesOfTheBody() {
        play(Fixtures.inClear(), LOGGED_IN_BOB + """
                C: TOP 2 2
                S: +OK top of message follows
                S: Subject: two
                S:
                S: line 1
                S: line 2
                S: .
                C: TOP 2 0
                S: +OK top of message follows
                S: Subject: two
                S:
                S: .
                """);
    }

    @Test
    void rsetUnmarksAndADroppedConnectionDeletesNothing() {
        Pop3Session session = play(Fixtures.inClear(), LOGGED_IN_BOB + """
                C: DELE 1
                S: +OK message 1 deleted
                C: RSET
                S: +OK maildrop has 2 messages (%d octets)
                C: DELE 1
                S: +OK message 1 deleted
                C: DELE 2
                S: +OK message 2 deleted
                C: LIST
                S: +OK 0 messages follow
                S: .
                """.formatted(FIRST.length() + SECOND.length()));
        session.end();   // the connection dropped: no QUIT, no UPDATE (RFC 1939 §6)
        assertThat(store.uniqueIds("bob")).hasSize(2);
        assertThat(store.locked).isEmpty();
    }

    @Test
    void capaBeforeTlsOffersNoPasswordAndStls() {
        play(Pop3Config.defaults("pop.exemple.com"), """
                S: +OK pop.exemple.com POP3 server ready
                C: CAPA
                S: +OK capability list follows
                S: TOP
                S: UIDL
                S: RESP-CODES
                S: AUTH-RESP-CODE
                S: PIPELINING
                S: STLS
                S: IMPLEMENTATION smtplab
                S: .
                C: USER bob
                S: -ERR USER is refused without TLS: send STLS first (RFC 2595 section 4)
                C: AUTH PLAIN AGJvYgBkZW1haW4gMTBo
                S: -ERR PLAIN is refused without TLS: send STLS first (RFC 2595 section 4)
                C: STAT
                S: -ERR log in first (RFC 1939 section 4: AUTHORIZATION state)
                """);
    }

    @Test
    void stlsDiscardsWhatWasPipelinedAfterIt() {
        Pop3Session session = Fixtures.session(Pop3Config.defaults("pop.exemple.com"), store);
        session.start();
        ByteBuffer in = ByteBuffer.wrap("STLS\r\nUSER bob\r\nPASS demain 10h\r\n".getBytes(StandardCharsets.US_ASCII));
        Pop3Session.Output output = session.receive(in);
        assertThat(Dialogue.render(output.responses())).containsExactly("+OK begin TLS negotiation");
        assertThat(output.action()).isEqualTo(Pop3Session.Action.START_TLS);
        assertThat(in.hasRemaining()).as("the injected commands are gone").isFalse();
        session.tlsStarted();
        Pop3Session.Output after = session.receive(ByteBuffer.wrap("CAPA\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Dialogue.render(after.responses())).contains("USER", "SASL SCRAM-SHA-256 PLAIN LOGIN").doesNotContain("STLS");
    }

    @Test
    void wrongPasswordsPauseMoreEachTimeThenClose() {
        AuthFailures failures = new AuthFailures(Fixtures.inClear().auth(), Instant::now);
        Pop3Session session = Fixtures.session(Fixtures.inClear(), store, failures);
        session.start();
        List<Duration> pauses = new java.util.ArrayList<>();
        Pop3Session.Output last = null;
        for (int i = 0; i < 5; i++) {
            last = session.receive(ByteBuffer.wrap("USER bob\r\nPASS wrong\r\n".getBytes(StandardCharsets.US_ASCII)));
            pauses.add(last.pause());
        }
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(Dialogue.render(last.responses())).containsExactly("+OK send PASS",
                "-ERR [AUTH] too many authentication failures, closing");
        assertThat(last.action()).isEqualTo(Pop3Session.Action.CLOSE);
        // a new connection from the same address is refused at once
        Pop3Session again = Fixtures.session(Fixtures.inClear(), store, failures);
        again.start();
        assertThat(again.receive(ByteBuffer.wrap("USER bob\r\nPASS demain 10h\r\n".getBytes(StandardCharsets.US_ASCII))).action())
                .isEqualTo(Pop3Session.Action.CLOSE);
    }

    @Test
    void oneSessionPerMaildrop() {
        Pop3Session first = play(Fixtures.inClear(), LOGGED_IN_BOB);
        play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: USER bob
                S: +OK send PASS
                C: PASS demain 10h
                S: -ERR [IN-USE] maildrop already locked by another session
                """);
        first.end();
        play(Fixtures.inClear(), LOGGED_IN_BOB);
    }

    @Test
    void authPlainWithInitialResponseAndLoginWithChallenges() {
        String plain = Base64Codec.encode("\0bob\0demain 10h".getBytes(StandardCharsets.UTF_8));
        play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: AUTH PLAIN %s
                S: +OK bob's maildrop has 2 messages (%d octets)
                """.formatted(plain, FIRST.length() + SECOND.length())).end();
        play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: AUTH LOGIN
                S: + VXNlcm5hbWU6
                C: Ym9i
                S: + UGFzc3dvcmQ6
                C: ZGVtYWluIDEwaA==
                S: +OK bob's maildrop has 2 messages (%d octets)
                """.formatted(FIRST.length() + SECOND.length()));
    }

    @Test
    void authCancelledAndNotBase64() {
        play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: AUTH LOGIN
                S: + VXNlcm5hbWU6
                C: *
                S: -ERR AUTH cancelled by the client (RFC 5034 section 4)
                C: AUTH LOGIN
                S: + VXNlcm5hbWU6
                C: not base64!
                S: -ERR the response is not base64 (RFC 5034 section 4)
                C: AUTH KERBEROS_V4
                S: -ERR unknown SASL mechanism (RFC 5034 section 4)
                """);
    }

    @Test
    void apopWithRfc1939sExample() {
        // RFC 1939 §7: MD5("<1896.697170952@dbc.mtview.ca.us>tanstaaf") = c4c9334bac560ecc979e58001b3e22fb
        play(Fixtures.inClear().withApop(true), """
                S: +OK pop.exemple.com POP3 server ready <1896.697170952@dbc.mtview.ca.us>
                C: APOP bob c4c9334bac560ecc979e58001b3e22fb
                S: -ERR [AUTH] authentication failed
                C: APOP alice c4c9334bac560ecc979e58001b3e22fb
                S: +OK alice's maildrop has 0 messages (0 octets)
                """);
    }

    @Test
    void apopIsNotOfferedByDefault() {
        play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: APOP alice c4c9334bac560ecc979e58001b3e22fb
                S: -ERR APOP is not offered here
                """);
    }

    @Test
    void badCommandsGetErrNeverAnException() {
        play(Fixtures.inClear(), LOGGED_IN_BOB + """
                C: RETR
                S: -ERR RETR takes one message number
                C: RETR 0
                S: -ERR RETR takes one message number
                C: RETR 3
                S: -ERR no such message, only 2 in maildrop
                C: RETR 99999999999
                S: -ERR RETR takes one message number
                C: TOP 1 -1
                S: -ERR TOP takes a message number and a non-negative line count
                C: LIST  1
                S: -ERR arguments are separated by a single space (RFC 1939 section 3)
                C: XTND
                S: -ERR unknown command
                C:
                S: -ERR unknown command
                C: USER bob
                S: -ERR already logged in (RFC 1939 section 5: TRANSACTION state)
                C: STLS
                S: -ERR STLS only before login (RFC 2595 section 4)
                C: NOOP
                S: +OK
                """);
    }

    @Test
    void anOverlongLineIsRefusedAndTheSessionGoesOn() {
        play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: USER %s
                S: -ERR line too long (RFC 2449 section 4: 255 octets)
                C: NOOP
                S: -ERR log in first (RFC 1939 section 4: AUTHORIZATION state)
                """.formatted("x".repeat(300)));
    }

    @Test
    void quitBeforeLoginChangesNothing() {
        Pop3Session session = play(Fixtures.inClear(), """
                S: +OK pop.exemple.com POP3 server ready
                C: QUIT
                S: +OK pop.exemple.com signing off
                """);
        assertThat(session.isClosed()).isTrue();
        assertThat(store.seen).isEmpty();
    }
}
