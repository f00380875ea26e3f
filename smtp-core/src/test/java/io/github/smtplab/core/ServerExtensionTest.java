package io.github.smtplab.core;

import static io.github.smtplab.core.ServerSessionTranscriptTest.codes;
import static io.github.smtplab.core.ServerSessionTranscriptTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.ServerExtension.ExtensionReply;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The extension points through which smtp-tls and smtp-auth plug into the engine, exercised with small
 * stand-ins written here (the real ones live in their modules).
 */
class ServerExtensionTest {

    /** A stand-in for smtp-tls: offers STARTTLS before TLS only, and requires TLS before MAIL. */
    static final class FakeStartTls implements ServerExtension {
        @Override
        public List<String> ehloKeywords(SessionView session) {
            return session.tls().isPresent() ? List.of() : List.of("STARTTLS");
        }

        @Override
        public Optional<ExtensionReply> onCommand(Command command, SessionView session) {
            if (!(command instanceof Command.StartTls)) {
                return Optional.empty();
            }
            if (session.tls().isPresent()) {
                return Optional.of(new ExtensionReply.Done(Replies.BAD_SEQUENCE.withText("TLS already active")));
            }
            return Optional.of(new ExtensionReply.StartTls(Reply.of(220, "2.0.0", "Ready to start TLS")));
        }

        @Override
        public Optional<Reply> beforeMail(Command.MailFrom mail, SessionView session) {
            return session.tls().isPresent() ? Optional.empty()
                    : Optional.of(Reply.of(530, "5.7.0", "Must issue a STARTTLS command first"));
        }
    }

    /** A stand-in for smtp-auth: a one-step "AUTH TEST" exchange and the AUTH= MAIL parameter. */
    static final class FakeAuth implements ServerExtension {
        @Override
        public List<String> ehloKeywords(SessionView session) {
            return List.of("AUTH TEST");
        }

        @Override
        public Set<String> mailParameters() {
            return Set.of("AUTH");
        }

        @Override
        public Optional<ExtensionReply> onCommand(Command command, SessionView session) {
            if (!(command instanceof Command.Auth auth)) {
                return Optional.empty();
            }
            return Optional.of(new ExtensionReply.Challenge(Reply.of(334, null, "c2F5IG9wZW4="), (line, s) ->
                    line.equals("b3Blbg==")
                            ? new ExtensionReply.Authenticated(Reply.of(235, "2.7.0", "Authentication successful"), "alice")
                            : new ExtensionReply.Done(Reply.of(535, "5.7.8", "Authentication credentials invalid"))));
        }
    }

    /**
     * RFC 3207 §4.2 and CVE-2011-0411: bytes sent after STARTTLS in the same write must not be answered,
     * neither before nor after the handshake; the session restarts at the greeting state.
     */
    @Test
    void startTlsDiscardsWhatFollowsAndForgetsTheSession() {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com").withServerExtensions(List.of(new FakeStartTls())));
        s.start();
        assertThat(Transcript.lines(s.receive(wire("EHLO c.example\r\n")).replies())).endsWith("250 STARTTLS");
        assertThat(codes(s.receive(wire("MAIL FROM:<a@b.example>\r\n")))).containsExactly(530);

        ServerSession.Output out = s.receive(wire("STARTTLS\r\nRSET\r\nMAIL FROM:<a@b.example>\r\n"));
        assertThat(Transcript.lines(out.replies())).containsExactly("220 2.0.0 Ready to start TLS");
        assertThat(out.action()).isEqualTo(ServerSession.Action.START_TLS);
        assertThat(s.state()).isEqualTo(ServerSession.State.TLS_PENDING);

        s.tlsStarted(new TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384", Optional.empty()));
        assertThat(s.state()).isEqualTo(ServerSession.State.CONNECTED);
        assertThat(s.heloDomain()).isEmpty();
        // nothing of "RSET\r\nMAIL..." survived: the next input is answered as the first of a new session
        assertThat(Transcript.lines(s.receive(wire("MAIL FROM:<a@b.example>\r\n")).replies()))
                .containsExactly("503 Send EHLO or HELO first (RFC 5321 section 4.1.4)");
        List<String> ehlo = Transcript.lines(s.receive(wire("EHLO c.example\r\n")).replies());
        assertThat(ehlo).doesNotContain("250-STARTTLS", "250 STARTTLS");
        assertThat(codes(s.receive(wire("STARTTLS\r\nMAIL FROM:<a@b.example>\r\n")))).containsExactly(503, 250);
        assertThat(s.protocolName()).isEqualTo("ESMTPS");
    }

    /** A partial line buffered before STARTTLS is discarded too. */
    @Test
    void aPartialLineBeforeStartTlsIsDiscarded() {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com").withServerExtensions(List.of(new FakeStartTls())));
        s.start();
        s.receive(wire("EHLO c.example\r\n"));
        ServerSession.Output out = s.receive(wire("STARTTLS\r\nNO"));
        assertThat(out.action()).isEqualTo(ServerSession.Action.START_TLS);
        s.tlsStarted(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.empty()));
        assertThat(codes(s.receive(wire("OP\r\n")))).containsExactly(500);
    }

    /** RFC 4954 §4: 334 challenges, the exchange's lines go to the mechanism, 235 authenticates. */
    @Test
    void authExchangeGoesThroughTheExtension() {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com").withServerExtensions(List.of(new FakeAuth())));
        s.start();
        assertThat(Transcript.lines(s.receive(wire("EHLO c.example\r\n")).replies())).endsWith("250 AUTH TEST");
        ServerSession.Output challenge = s.receive(wire("AUTH TEST\r\n"));
        assertThat(Transcript.lines(challenge.replies())).containsExactly("334 c2F5IG9wZW4=");
        assertThat(s.state()).isEqualTo(ServerSession.State.EXCHANGE);
        assertThat(codes(s.receive(wire("bm90IG9wZW4=\r\n")))).containsExactly(535);
        assertThat(s.authenticatedAs()).isEmpty();
        assertThat(codes(s.receive(wire("AUTH TEST\r\nb3Blbg==\r\nMAIL FROM:<a@b.example> AUTH=<a@b.example>\r\n"))))
                .containsExactly(334, 235, 250);
        assertThat(s.authenticatedAs()).contains("alice");
        assertThat(s.protocolName()).isEqualTo("ESMTPA");
    }

    @Test
    void theAuthParameterIsRefusedWithoutAnAuthExtension() {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"));
        s.start();
        assertThat(codes(s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example> AUTH=<>\r\n")))).containsExactly(250, 555);
        assertThat(s.receive(ByteBuffer.allocate(0)).replies()).isEmpty();
    }
}
