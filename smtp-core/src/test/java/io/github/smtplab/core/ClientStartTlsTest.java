package io.github.smtplab.core;

import static io.github.smtplab.core.ClientSessionTest.sent;
import static io.github.smtplab.core.ClientSessionTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client engine's side of STARTTLS (RFC 3207 §4, §4.2), without sockets. */
class ClientStartTlsTest {

    static ClientSession greeted(ClientTlsPolicy policy) throws SmtpProtocolException {
        ClientSession c = new ClientSession("c.example", TranscriptListener.NONE, policy);
        c.receive(wire("220 mx.exemple.com ESMTP\r\n"));
        return c;
    }

    /**
     * RFC 3207 §4.2 and the client-side injection bug: replies read in the same packet as the 220 were
     * not protected by TLS and must be dropped; after the handshake the client says EHLO again and
     * believes only the new capabilities.
     */
    @Test
    void startTlsDropsWhatFollowedThe220AndSaysEhloAgain() throws SmtpProtocolException {
        ClientSession c = greeted(ClientTlsPolicy.REQUIRED);
        assertThat(sent(c.receive(wire("250-mx.exemple.com\r\n250-STARTTLS\r\n250 8BITMIME\r\n")))).containsExactly("STARTTLS");
        ClientSession.Output go = c.receive(wire("220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 AUTH PLAIN\r\n"));
        assertThat(go.startTls()).isTrue();
        assertThat(c.state()).isEqualTo(ClientSession.State.STARTING_TLS);
        assertThat(sent(c.tlsStarted())).containsExactly("EHLO c.example");
        assertThat(c.capabilities()).isEmpty();
        ClientSession.Output ready = c.receive(wire("250-mx.exemple.com\r\n250 SIZE 100\r\n"));
        assertThat(ready.events()).singleElement().isInstanceOf(ClientSession.Event.Ready.class);
        assertThat(c.capabilities().orElseThrow().offers("AUTH")).isFalse();
        assertThat(c.capabilities().orElseThrow().offers("STARTTLS")).isFalse();
        assertThat(c.tlsActive()).isTrue();
    }

    /** REQUIRED never downgrades: no STARTTLS offered means no session. */
    @Test
    void requiredFailsWithoutStartTls() throws SmtpProtocolException {
        ClientSession c = greeted(ClientTlsPolicy.REQUIRED);
        ClientSession.Output out = c.receive(wire("250-mx.exemple.com\r\n250 8BITMIME\r\n"));
        assertThat(out.events()).singleElement().isInstanceOf(ClientSession.Event.TlsUnavailable.class);
        assertThat(sent(out)).containsExactly("QUIT");

        ClientSession refused = greeted(ClientTlsPolicy.REQUIRED);
        refused.receive(wire("250-mx\r\n250 STARTTLS\r\n"));
        assertThat(refused.receive(wire("454 4.7.0 TLS not available\r\n")).events()).singleElement()
                .isInstanceOf(ClientSession.Event.TlsUnavailable.class);
    }

    /** OPPORTUNISTIC goes on in plain text when TLS is not there (RFC 7435). */
    @Test
    void opportunisticCarriesOnInPlainText() throws SmtpProtocolException {
        ClientSession c = greeted(ClientTlsPolicy.OPPORTUNISTIC);
        assertThat(c.receive(wire("250-mx\r\n250 8BITMIME\r\n")).events()).singleElement().isInstanceOf(ClientSession.Event.Ready.class);
        ClientSession d = greeted(ClientTlsPolicy.OPPORTUNISTIC);
        d.receive(wire("250-mx\r\n250 STARTTLS\r\n"));
        assertThat(d.receive(wire("454 4.7.0 no TLS today\r\n")).events()).singleElement().isInstanceOf(ClientSession.Event.Ready.class);
        assertThat(d.tlsActive()).isFalse();
    }

    /** IMPLICIT: TLS came first, so the client never asks for STARTTLS. */
    @Test
    void implicitNeverSendsStartTls() throws SmtpProtocolException {
        ClientSession c = greeted(ClientTlsPolicy.IMPLICIT);
        assertThat(c.receive(wire("250-mx\r\n250 STARTTLS\r\n")).events()).singleElement().isInstanceOf(ClientSession.Event.Ready.class);
        assertThat(c.tlsActive()).isTrue();
    }
}
