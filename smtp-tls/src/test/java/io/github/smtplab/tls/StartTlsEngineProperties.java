package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TlsInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@link StartTlsExtension} plugged into the smtp-core engine (no sockets: the handshake is
 * simulated by {@code tlsStarted}), RFC 3207 §4 and §4.2.
 */
class StartTlsEngineProperties {

    private static final TlsInfo TLS13 = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.empty());

    /** Command lines a client (or an attacker injecting plain text) may pipeline after STARTTLS. */
    static Gen<String> injectedLine() {
        Gen<String> junk = lists().of(Generate.pick(List.of("A", "z", "0", " ", ":", "<", ">", "@", ".", "\u00e9", "\t")))
                .ofSizeBetween(0, 40).map(l -> String.join("", l));
        return Generate.oneOf(
                Generate.pick(List.of("RSET", "NOOP", "HELP", "QUIT", "EHLO evil.example", "HELO evil.example",
                        "MAIL FROM:<attacker@evil.example>", "RCPT TO:<victim@exemple.com>", "DATA", "BDAT 3 LAST",
                        "STARTTLS", "AUTH PLAIN AGFsaWNlAHNlY3JldA==", "VRFY root", ".")),
                junk);
    }

    /** A server session under {@code policy}, greeted, after EHLO. */
    private static ServerSession ehloSession(ServerTlsPolicy policy) {
        ServerSession session = new ServerSession(ServerConfig.defaults("mx.exemple.com").withMaxErrors(1000)
                .withServerExtensions(List.of(new StartTlsExtension(policy, true))));
        session.start();
        assertThat(send(session, "EHLO c.example\r\n").getLast().lines()).last().isEqualTo("STARTTLS");
        return session;
    }

    private static List<Reply> send(ServerSession session, String text) {
        return session.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).replies();
    }

    /**
     * CVE-2011-0411 and RFC 3207 §4.2: whatever follows STARTTLS in the same read is discarded — the only
     * reply is 220 and the engine asks for the handshake; inside TLS the first reply is the reply to the
     * first command sent inside TLS, STARTTLS is no longer offered, and the old EHLO is forgotten.
     */
    @Test
    void nothingSentBeforeTheHandshakeIsAnsweredAndTheSessionStartsAgain() {
        qt().withExamples(1000).forAll(lists().of(injectedLine()).ofSizeBetween(1, 12), Generate.booleans()).checkAssert((lines, crlfEnd) -> {
            ServerSession session = ehloSession(ServerTlsPolicy.OPTIONAL);
            String injected = String.join("\r\n", lines) + (crlfEnd ? "\r\n" : "");
            ServerSession.Output out = session.receive(ByteBuffer.wrap(("STARTTLS\r\n" + injected).getBytes(StandardCharsets.UTF_8)));
            assertThat(out.replies()).containsExactly(StartTlsExtension.READY);
            assertThat(out.action()).isEqualTo(ServerSession.Action.START_TLS);

            session.tlsStarted(TLS13);
            assertThat(send(session, "HELP\r\n")).singleElement().extracting(Reply::code).isEqualTo(214);
            assertThat(send(session, "MAIL FROM:<a@monentreprise.fr>\r\n")).singleElement().extracting(Reply::code).isEqualTo(503);
            List<Reply> ehlo = send(session, "EHLO c.example\r\n");
            assertThat(ehlo.getLast().lines()).doesNotContain(StartTlsExtension.KEYWORD);
            assertThat(send(session, "STARTTLS\r\n")).containsExactly(StartTlsExtension.ALREADY_IN_TLS);
        });
    }

    /**
     * RFC 3207 §4 (submission policy): before TLS, MAIL, AUTH, VRFY and EXPN get 530 5.7.0 whatever their
     * arguments; NOOP, RSET, HELP and EHLO do not. Inside TLS, nothing gets 530.
     */
    @Test
    void requiredPolicyRefusesMailUntilTls() {
        Gen<String> command = Generate.oneOf(
                Generate.pick(List.of("MAIL FROM:<a@monentreprise.fr>", "MAIL FROM:<>", "MAIL FROM:<a@monentreprise.fr> SIZE=10",
                        "AUTH PLAIN", "AUTH LOGIN dXNlcg==", "VRFY bob", "EXPN staff")).map(c -> "refused:" + c),
                Generate.pick(List.of("NOOP", "RSET", "HELP", "EHLO c.example", "HELO c.example")).map(c -> "allowed:" + c));
        qt().withExamples(1000).forAll(lists().of(command).ofSizeBetween(1, 10)).checkAssert(commands -> {
            ServerSession session = ehloSession(ServerTlsPolicy.REQUIRED);
            for (String tagged : commands) {
                String line = tagged.substring(tagged.indexOf(':') + 1);
                int code = send(session, line + "\r\n").getFirst().code();
                if (tagged.startsWith("refused:")) {
                    assertThat(code).as(line).isEqualTo(530);
                } else {
                    assertThat(code).as(line).isNotEqualTo(530);
                }
            }
            send(session, "STARTTLS\r\n");
            session.tlsStarted(TLS13);
            send(session, "EHLO c.example\r\n");
            for (String tagged : commands) {
                String line = tagged.substring(tagged.indexOf(':') + 1);
                assertThat(send(session, line + "\r\n").getFirst().code()).as(line).isNotEqualTo(530);
                send(session, "RSET\r\n");
            }
        });
    }

    /** RFC 3207 §4: when TLS cannot be set up, STARTTLS gets 454 4.7.0 and the session goes on in clear. */
    @Test
    void unavailableTlsAnswers454() {
        ServerSession session = new ServerSession(ServerConfig.defaults("mx.exemple.com")
                .withServerExtensions(List.of(new StartTlsExtension(ServerTlsPolicy.OPTIONAL, false))));
        session.start();
        send(session, "EHLO c.example\r\n");
        ServerSession.Output out = session.receive(ByteBuffer.wrap("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(out.replies()).containsExactly(StartTlsExtension.TLS_UNAVAILABLE);
        assertThat(out.action()).isEqualTo(ServerSession.Action.CONTINUE);
        assertThat(send(session, "MAIL FROM:<a@monentreprise.fr>\r\n").getFirst().code()).isEqualTo(250);
    }

    /** RFC 3207 §4: STARTTLS takes no parameters; with one it is a syntax error (501) and no handshake starts. */
    @Test
    void startTlsWithAnArgumentIsASyntaxError() {
        ServerSession session = ehloSession(ServerTlsPolicy.OPTIONAL);
        ServerSession.Output out = session.receive(ByteBuffer.wrap("STARTTLS now\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(out.replies()).singleElement().extracting(Reply::code).isEqualTo(501);
        assertThat(out.action()).isEqualTo(ServerSession.Action.CONTINUE);
    }
}
