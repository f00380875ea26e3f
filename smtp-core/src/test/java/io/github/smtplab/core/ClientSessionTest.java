package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client engine against scripted servers: RFC 5321 §3.2, §3.3, RFC 2920 §3.1. */
class ClientSessionTest {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final Mailbox CHARLIE = new Mailbox("charlie", "exemple.com");

    static ByteBuffer wire(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> sent(ClientSession.Output out) {
        return out.commands().stream().map(Command::format).toList();
    }

    @Test
    void greetingEhloAndAPipelinedTransactionWithOneRefusedRecipient() throws SmtpProtocolException {
        ClientSession c = new ClientSession("mail.monentreprise.fr");
        assertThat(sent(c.receive(wire("220 mx.exemple.com ESMTP\r\n")))).containsExactly("EHLO mail.monentreprise.fr");
        ClientSession.Output ready = c.receive(wire("250-mx.exemple.com hi\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n"));
        assertThat(ready.events()).singleElement().isInstanceOf(ClientSession.Event.Ready.class);
        assertThat(c.capabilities().orElseThrow().maxSize()).hasValue(1000);

        ClientSession.Output group = c.send(new MailTransaction(ALICE, List.of(BOB, CHARLIE), OptionalLong.of(300), true));
        // RFC 2920 §3.1: one group, DATA last; SIZE and BODY added because the server offers them
        assertThat(sent(group)).containsExactly("MAIL FROM:<alice@monentreprise.fr> SIZE=300 BODY=8BITMIME",
                "RCPT TO:<bob@exemple.com>", "RCPT TO:<charlie@exemple.com>", "DATA");
        ClientSession.Output go = c.receive(wire("250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 no such user\r\n354 go\r\n"));
        assertThat(go.content()).isEqualTo(ClientSession.ContentAction.MESSAGE);
        c.contentSent();
        ClientSession.Output done = c.receive(wire("250 2.0.0 queued\r\n"));
        TransactionResult result = ((ClientSession.Event.Done) done.events().getFirst()).result();
        assertThat(result.delivered()).isTrue();
        assertThat(result.allAccepted()).isFalse();
        assertThat(result.acceptedRecipients()).containsExactly(BOB);
        assertThat(result.recipients().get(1).reply().status()).hasValueSatisfying(s -> assertThat(s).hasToString("5.1.1"));
        assertThat(c.state()).isEqualTo(ClientSession.State.READY);
        assertThat(sent(c.quit())).containsExactly("QUIT");
        assertThat(c.receive(wire("221 bye\r\n")).events()).singleElement().isInstanceOf(ClientSession.Event.Closed.class);
    }

    /** §3.2: a server that does not know EHLO gets HELO; then no extension is used. */
    @Test
    void fallsBackToHeloAndSendsOneCommandAtATime() throws SmtpProtocolException {
        ClientSession c = new ClientSession("c.example");
        c.receive(wire("220 old.example\r\n"));
        assertThat(sent(c.receive(wire("502 what?\r\n")))).containsExactly("HELO c.example");
        c.receive(wire("250 old.example\r\n"));
        assertThat(sent(c.send(new MailTransaction(ALICE, List.of(BOB, CHARLIE), OptionalLong.of(10), false))))
                .containsExactly("MAIL FROM:<alice@monentreprise.fr>");
        assertThat(sent(c.receive(wire("250 ok\r\n")))).containsExactly("RCPT TO:<bob@exemple.com>");
        assertThat(sent(c.receive(wire("550 no\r\n")))).containsExactly("RCPT TO:<charlie@exemple.com>");
        // nobody accepted: no DATA; RSET closes the server's transaction
        ClientSession.Output out = c.receive(wire("550 no\r\n"));
        assertThat(sent(out)).containsExactly("RSET");
        assertThat(((ClientSession.Event.Done) out.events().getFirst()).result().delivered()).isFalse();
        c.receive(wire("250 ok\r\n"));
        assertThat(c.state()).isEqualTo(ClientSession.State.READY);
    }

    /** RFC 2920 §3.1: 354 after all RCPTs failed: send a lone dot, never the message. */
    @Test
    void a354WithoutRecipientsGetsAnEmptyMessage() throws SmtpProtocolException {
        ClientSession c = ready("250-x\r\n250 PIPELINING\r\n");
        c.send(new MailTransaction(ALICE, List.of(BOB), OptionalLong.empty(), false));
        ClientSession.Output out = c.receive(wire("250 ok\r\n550 no\r\n354 go ahead anyway\r\n"));
        assertThat(out.content()).isEqualTo(ClientSession.ContentAction.EMPTY_MESSAGE);
        c.contentSent();
        TransactionResult r = ((ClientSession.Event.Done) c.receive(wire("554 no valid recipients\r\n")).events().getFirst()).result();
        assertThat(r.acceptedRecipients()).isEmpty();
    }

    @Test
    void aRefusedDataIsFollowedByRset() throws SmtpProtocolException {
        ClientSession c = ready("250-x\r\n250 PIPELINING\r\n");
        c.send(new MailTransaction(ALICE, List.of(BOB), OptionalLong.empty(), false));
        assertThat(sent(c.receive(wire("250 ok\r\n250 ok\r\n451 try later\r\n")))).containsExactly("RSET");
    }

    @Test
    void missingExtensionsStopTheTransactionBeforeItStarts() throws SmtpProtocolException {
        ClientSession c = ready("250-x\r\n250 SIZE 100\r\n");
        ClientSession.Output eightBit = c.send(new MailTransaction(ALICE, List.of(BOB), OptionalLong.empty(), true));
        assertThat(eightBit.commands()).isEmpty();
        assertThat(((ClientSession.Event.Done) eightBit.events().getFirst()).result().localError()).hasValueSatisfying(
                e -> assertThat(e).contains("8BITMIME"));
        ClientSession.Output utf8 = c.send(new MailTransaction(new Mailbox("zoë", "exemple.com"), List.of(BOB), OptionalLong.empty(), false));
        assertThat(((ClientSession.Event.Done) utf8.events().getFirst()).result().localError()).hasValueSatisfying(
                e -> assertThat(e).contains("SMTPUTF8"));
        ClientSession.Output big = c.send(new MailTransaction(ALICE, List.of(BOB), OptionalLong.of(101), false));
        assertThat(((ClientSession.Event.Done) big.events().getFirst()).result().localError()).hasValueSatisfying(
                e -> assertThat(e).contains("at most 100"));
        assertThat(c.state()).isEqualTo(ClientSession.State.READY);
    }

    /** §3.8: 421 closes the session whatever was in flight. */
    @Test
    void a421ClosesTheSession() throws SmtpProtocolException {
        ClientSession c = ready("250-x\r\n250 PIPELINING\r\n");
        c.send(new MailTransaction(ALICE, List.of(BOB), OptionalLong.empty(), false));
        ClientSession.Output out = c.receive(wire("421 4.3.2 shutting down\r\n"));
        assertThat(out.events()).hasSize(2);
        assertThat(out.events().get(1)).isInstanceOf(ClientSession.Event.Closed.class);
        assertThat(c.state()).isEqualTo(ClientSession.State.CLOSED);
    }

    @Test
    void aRefusingGreetingIsAnsweredWithQuit() throws SmtpProtocolException {
        ClientSession c = new ClientSession("c.example");
        ClientSession.Output out = c.receive(wire("554 go away\r\n"));
        assertThat(out.events()).singleElement().isInstanceOf(ClientSession.Event.Refused.class);
        assertThat(sent(out)).containsExactly("QUIT");
    }

    @Test
    void aServerThatBreaksTheSyntaxIsAProtocolError() throws SmtpProtocolException {
        ClientSession c = new ClientSession("c.example");
        assertThatThrownBy(() -> c.receive(wire("hello there\r\n"))).isInstanceOf(SmtpProtocolException.class);
        ClientSession d = new ClientSession("c.example");
        assertThatThrownBy(() -> d.receive(wire("220 " + "x".repeat(600) + "\r\n"))).isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining("512");
        ClientSession e = new ClientSession("c.example");
        e.receive(wire("220 hi\r\n"));
        e.receive(wire("250 x\r\n"));
        assertThatThrownBy(() -> e.receive(wire("250 unasked\r\n"))).isInstanceOf(SmtpProtocolException.class);
    }

    @Test
    void ourClientTalksToOurServerInMemory() throws SmtpProtocolException {
        RecordingHooks hooks = new RecordingHooks();
        for (Set<SmtpExtension> extensions : List.of(SmtpExtension.ALL, Set.<SmtpExtension>of())) {
            hooks.delivered.clear();
            EnginePump pump = new EnginePump(new ServerSession(ServerConfig.defaults("mx.exemple.com").withExtensions(extensions), hooks,
                    TranscriptListener.NONE, null), new ClientSession("mail.monentreprise.fr"), 7);
            pump.run();
            byte[] message = "Subject: hi\r\n\r\n.dot\r\nend\r\n".getBytes(StandardCharsets.US_ASCII);
            pump.send(new MailTransaction(ALICE, List.of(BOB, CHARLIE), OptionalLong.of(message.length), false), message);
            assertThat(pump.results()).singleElement().satisfies(r -> assertThat(r.allAccepted()).isTrue());
            assertThat(hooks.delivered).singleElement().satisfies(d -> assertThat(d.content()).isEqualTo(new String(message, StandardCharsets.US_ASCII)));
        }
    }

    private static ClientSession ready(String ehloReply) throws SmtpProtocolException {
        ClientSession c = new ClientSession("c.example");
        c.receive(wire("220 hi\r\n"));
        c.receive(wire(ehloReply));
        assertThat(c.state()).isEqualTo(ClientSession.State.READY);
        return c;
    }

    /** RFC 4954 §4: AUTH, 334 challenges answered line by line, 235 (or a failure) ends the exchange. */
    @Test
    void authExchangeThroughTheEngines() throws SmtpProtocolException {
        AuthClient open = new AuthClient() {
            @Override
            public String mechanism() {
                return "TEST";
            }

            @Override
            public java.util.Optional<String> initialResponse() {
                return java.util.Optional.empty();
            }

            @Override
            public String respond(String challenge) {
                assertThat(challenge).isEqualTo("c2F5IG9wZW4=");
                return "b3Blbg==";
            }
        };
        EnginePump pump = new EnginePump(new ServerSession(ServerConfig.defaults("mx.exemple.com")
                .withServerExtensions(List.of(new ServerExtensionTest.FakeAuth()))), new ClientSession("c.example"), 5);
        pump.run();
        assertThat(pump.client.capabilities().orElseThrow().authMechanisms()).containsExactly("TEST");
        pump.handle(pump.client.authenticate(open));
        pump.run();
        assertThat(pump.events).anySatisfy(e -> assertThat(e).isEqualTo(new ClientSession.Event.Authenticated("TEST")));
        assertThat(pump.server.authenticatedAs()).contains("alice");
        assertThat(pump.client.state()).isEqualTo(ClientSession.State.READY);
    }
}
