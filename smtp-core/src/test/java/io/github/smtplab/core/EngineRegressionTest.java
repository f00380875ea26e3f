package io.github.smtplab.core;

import static io.github.smtplab.core.ServerSessionTranscriptTest.codes;
import static io.github.smtplab.core.ServerSessionTranscriptTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bugs found while documenting the engine, each pinned so it stays fixed. */
class EngineRegressionTest {

    /** §4.5.3.1.5: the EHLO reply's first line stays within 512 octets even for a very long client name. */
    @Test
    void theEhloGreetingLineNeverExceeds512Octets() {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"));
        s.start();
        String literal = "[x-tag:" + "a".repeat(480) + "]";
        ServerSession.Output out = s.receive(wire("EHLO " + literal + "\r\n"));
        assertThat(out.replies().getFirst().format().split("\r\n")).allMatch(line -> line.length() + 2 <= Reply.MAX_REPLY_LINE);
        assertThat(out.replies().getFirst().lines().getFirst()).isEqualTo("mx.exemple.com greets you");
    }

    /** §3.8: a server may send 421 at any time, unasked; the client closes instead of failing. */
    @Test
    void anUnsolicited421ClosesTheClientSession() throws SmtpProtocolException {
        ClientSession c = new ClientSession("c.example");
        c.receive(wire("220 hi\r\n"));
        c.receive(wire("250 hi\r\n"));
        ClientSession.Output out = c.receive(wire("421 4.3.2 going down\r\n"));
        assertThat(out.events()).singleElement().isInstanceOf(ClientSession.Event.Closed.class);
        assertThat(c.state()).isEqualTo(ClientSession.State.CLOSED);
    }

    /** A refused session (554 greeting) still reads a BDAT chunk as data, never as commands. */
    @Test
    void aBdatChunkInARefusedSessionIsSkipped() {
        ServerHooks refuse = new ServerHooks() {
            @Override
            public Optional<Reply> onConnect(SessionView session) {
                return Optional.of(Reply.of(554, "5.3.2", "no"));
            }
        };
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"), refuse, TranscriptListener.NONE, null);
        s.start();
        ServerSession.Output out = s.receive(wire("BDAT 6\r\nQUIT\r\nNOOP\r\n"));
        assertThat(codes(out)).containsExactly(503, 503);
        assertThat(s.isClosed()).isFalse();
        assertThat(s.state()).isEqualTo(ServerSession.State.REFUSED);
    }

    /** state() agrees with what the client has done, after refused BDATs. */
    @Test
    void statesStayConsistentAfterRefusedChunks() {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"));
        s.start();
        s.receive(wire("BDAT 1\r\nx"));
        assertThat(s.state()).isEqualTo(ServerSession.State.CONNECTED);
        s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nBDAT 1\r\nx"));
        assertThat(s.state()).isEqualTo(ServerSession.State.MAIL);
        assertThat(s.inTransaction()).isTrue();
    }

    /** MessageSink: exactly one of complete() or abort() is called, even when complete() fails. */
    @Test
    void aFailingCompleteIsNotAlsoAborted() {
        int[] calls = new int[2];
        ServerHooks hooks = new ServerHooks() {
            @Override
            public MessageSink onData(Envelope envelope, SessionView session) {
                return new MessageSink() {
                    @Override
                    public void write(ByteBuffer content) {
                        content.position(content.limit());
                    }

                    @Override
                    public Reply complete() throws IOException {
                        calls[0]++;
                        throw new IOException("fsync failed");
                    }

                    @Override
                    public void abort() {
                        calls[1]++;
                    }
                };
            }
        };
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"), hooks, TranscriptListener.NONE, null);
        s.start();
        ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nhi\r\n.\r\n"));
        assertThat(codes(out)).endsWith(451);
        assertThat(calls).containsExactly(1, 0);
        assertThat(s.state()).isEqualTo(ServerSession.State.READY);
    }

    /**
     * §4.5.3.1.4 sets 512 octets for a command line; RFC 1870, 6531, 3461 and 4954 each lengthen MAIL/RCPT,
     * and RFC 4954 §4 asks for 12288-octet lines inside an AUTH exchange.
     */
    @Test
    void lineLimitsFollowTheOfferedExtensions() {
        assertThat(ServerConfig.defaults("mx").withExtensions(java.util.Set.of()).maxCommandLine()).isEqualTo(512);
        assertThat(ServerConfig.defaults("mx").maxCommandLine()).isEqualTo(512 + 26 + 10 + 536);

        ServerSession bare = new ServerSession(ServerConfig.defaults("mx.exemple.com").withExtensions(java.util.Set.of()));
        bare.start();
        assertThat(codes(bare.receive(wire("NOOP " + "x".repeat(600) + "\r\n")))).containsExactly(500);

        ServerSession dsn = new ServerSession(ServerConfig.defaults("mx.exemple.com"));
        dsn.start();
        String orcpt = "rfc822;" + "a".repeat(480) + "@exemple.com";
        assertThat(codes(dsn.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT="
                + orcpt + "\r\n")))).containsExactly(250, 250, 250);

        ServerSession auth = new ServerSession(ServerConfig.defaults("mx.exemple.com")
                .withServerExtensions(java.util.List.of(new ServerExtensionTest.FakeAuth())));
        auth.start();
        auth.receive(wire("EHLO c.example\r\n"));
        assertThat(codes(auth.receive(wire("AUTH TEST\r\n" + "A".repeat(10_000) + "\r\n")))).containsExactly(334, 535);
        assertThat(codes(auth.receive(wire("AUTH TEST\r\n" + "A".repeat(13_000) + "\r\n")))).containsExactly(334, 500);
        // back to command lines: the limit is the command one again
        assertThat(codes(auth.receive(wire("NOOP " + "x".repeat(2000) + "\r\nNOOP\r\n")))).containsExactly(500, 250);
    }

    /** RFC 5802 §5.1: a mechanism that has not verified the server refuses to believe a bare 235. */
    @Test
    void a235WithoutTheServersProofIsNotTrusted() throws SmtpProtocolException {
        AuthClient unconvinced = new AuthClient() {
            @Override
            public String mechanism() {
                return "SCRAM-SHA-256";
            }

            @Override
            public Optional<String> initialResponse() {
                return Optional.of("biwsbj1hbGljZSxyPWFiYw==");
            }

            @Override
            public String respond(String challenge) {
                return "";
            }

            @Override
            public boolean acceptsSuccess() {
                return false;
            }
        };
        ClientSession c = new ClientSession("c.example");
        c.receive(wire("220 hi\r\n"));
        c.receive(wire("250-x\r\n250 AUTH SCRAM-SHA-256\r\n"));
        c.authenticate(unconvinced);
        ClientSession.Output out = c.receive(wire("235 2.7.0 trust me\r\n"));
        assertThat(out.events()).singleElement().isInstanceOf(ClientSession.Event.AuthFailed.class);
    }
}
