package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server engine against written dialogues (RFC 5321 §4.1.4 ordering, §4.3.2 replies per command).
 * Each test is a transcript: C: what the client sends, S: what the server must answer.
 */
class ServerSessionTranscriptTest {

    static final String EHLO_REPLY = """
            S: 250-mx.exemple.com greets mail.monentreprise.fr
            S: 250-PIPELINING
            S: 250-SIZE 26214400
            S: 250-8BITMIME
            S: 250-SMTPUTF8
            S: 250-ENHANCEDSTATUSCODES
            S: 250-CHUNKING
            S: 250 DSN
            """;

    final RecordingHooks hooks = new RecordingHooks();

    ServerSession session(ServerConfig config) {
        return new ServerSession(config, hooks, TranscriptListener.NONE, null);
    }

    ServerSession session() {
        return session(ServerConfig.defaults("mx.exemple.com"));
    }

    ServerSession play(String transcript) {
        return Transcript.of(transcript).runAgainst(session());
    }

    @Test
    void theSeedDialogue() {
        ServerSession s = play("""
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO mail.monentreprise.fr
                """ + EHLO_REPLY + """
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@exemple.com>
                S: 250 2.1.5 Recipient OK
                C: RCPT TO:<charlie@exemple.com>
                S: 250 2.1.5 Recipient OK
                C: DATA
                S: 354 Start mail input; end with <CRLF>.<CRLF>
                C: From: Alice <alice@monentreprise.fr>
                C: Subject: =?UTF-8?Q?R=C3=A9union_demain?=
                C:
                C: ..a line that starts with a dot
                C: .
                S: 250 2.0.0 Message accepted
                C: QUIT
                S: 221 2.0.0 Bye
                """);
        assertThat(s.state()).isEqualTo(ServerSession.State.CLOSED);
        assertThat(hooks.delivered).singleElement().satisfies(d -> {
            assertThat(d.envelope().sender()).isEqualTo(new Mailbox("alice", "monentreprise.fr"));
            assertThat(d.envelope().recipients()).extracting(Envelope.Recipient::path)
                    .containsExactly(new Mailbox("bob", "exemple.com"), new Mailbox("charlie", "exemple.com"));
            assertThat(d.content()).isEqualTo("From: Alice <alice@monentreprise.fr>\r\n"
                    + "Subject: =?UTF-8?Q?R=C3=A9union_demain?=\r\n\r\n.a line that starts with a dot\r\n");
        });
    }

    @Test
    void heloMeansNoExtensionsAndNoEnhancedCodes() {
        play("""
                S: 220 mx.exemple.com ESMTP smtplab
                C: HELO mail.monentreprise.fr
                S: 250 mx.exemple.com greets mail.monentreprise.fr
                C: MAIL FROM:<alice@monentreprise.fr> SIZE=100
                S: 555 Parameter SIZE not recognized or not offered (RFC 5321 section 4.1.1.11)
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 Sender OK
                C: BDAT 3 LAST
                S: 502 BDAT needs CHUNKING, offered only after EHLO (RFC 3030)
                """);
    }

    @Test
    void orderingRulesOfSection414() {
        play("""
                S: 220 mx.exemple.com ESMTP smtplab
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 503 Send EHLO or HELO first (RFC 5321 section 4.1.4)
                C: EHLO mail.monentreprise.fr
                """ + EHLO_REPLY + """
                C: RCPT TO:<bob@exemple.com>
                S: 503 5.5.1 Need MAIL before RCPT (RFC 5321 section 4.1.4)
                C: DATA
                S: 503 5.5.1 Need MAIL and RCPT before DATA (RFC 5321 section 4.1.4)
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 2.1.0 Sender OK
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 503 5.5.1 Sender already given; RSET to start over (RFC 5321 section 4.1.4)
                C: DATA
                S: 554 5.5.1 No valid recipients
                C: RSET
                S: 250 2.0.0 OK
                C: RCPT TO:<bob@exemple.com>
                S: 503 5.5.1 Need MAIL before RCPT (RFC 5321 section 4.1.4)
                """);
        assertThat(hooks.opened).isZero();
    }

    @Test
    void ehloInsideATransactionResetsIt() {
        play("""
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO a.example
                """ + EHLO_REPLY.replace("mail.monentreprise.fr", "a.example") + """
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 2.1.0 Sender OK
                C: EHLO b.example
                """ + EHLO_REPLY.replace("mail.monentreprise.fr", "b.example") + """
                C: RCPT TO:<bob@exemple.com>
                S: 503 5.5.1 Need MAIL before RCPT (RFC 5321 section 4.1.4)
                """);
    }

    /** NOOP, HELP, VRFY, EXPN, RSET and QUIT are allowed in every state (§4.1.4) and keep the transaction (but RSET). */
    @ParameterizedTest
    @ValueSource(strings = {"", "EHLO c.example", "EHLO c.example|MAIL FROM:<a@b.example>",
            "EHLO c.example|MAIL FROM:<a@b.example>|RCPT TO:<d@e.example>"})
    void commandsAllowedAnywhere(String setup) {
        ServerSession s = session();
        s.start();
        for (String line : setup.isEmpty() ? new String[0] : setup.split("\\|")) {
            assertThat(s.receive(wire(line + "\r\n")).replies()).allMatch(Reply::isPositiveCompletion);
        }
        ServerSession.State before = s.state();
        assertThat(codes(s.receive(wire("NOOP\r\nHELP\r\nVRFY bob\r\nNOOP hello\r\n")))).containsExactly(250, 214, 252, 250);
        assertThat(codes(s.receive(wire("EXPN staff\r\n")))).containsExactly(502);
        assertThat(s.state()).isEqualTo(before);
        assertThat(codes(s.receive(wire("RSET\r\n")))).containsExactly(250);
        assertThat(s.inTransaction()).isFalse();
        ServerSession.Output quit = s.receive(wire("QUIT\r\n"));
        assertThat(codes(quit)).containsExactly(221);
        assertThat(quit.action()).isEqualTo(ServerSession.Action.CLOSE);
    }

    @Test
    void syntaxErrorsSayWhatWasWrong() {
        play("""
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO mail.monentreprise.fr
                """ + EHLO_REPLY + """
                C: FROB
                S: 500 5.5.1 Syntax error, command unrecognized
                C:
                S: 500 5.5.1 Syntax error, empty command
                C: MAIL FROM:alice@monentreprise.fr
                S: 501 5.1.7 Bad sender address syntax: expected "<" (rule Path, column 1, RFC 5321 section 4.1.2)
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@@exemple.com>
                S: 501 5.1.3 Bad recipient address syntax: must start with a letter or digit (rule sub-domain, column 6, RFC 5321 section 4.1.2)
                C: RCPT TO:<bob@exemple.com> FOO=BAR
                S: 555 5.5.4 Parameter FOO not recognized or not offered (RFC 5321 section 4.1.1.11)
                C: DATA now
                S: 501 5.5.4 Syntax error in arguments: DATA takes no arguments (rule DATA, column 5, RFC 5321 section 4.1.2)
                C: HELO
                S: 501 5.5.4 Syntax error in arguments: HELO needs a domain name (rule Domain, column 1, RFC 5321 section 4.1.2)
                """);
    }

    @Test
    void tooManyErrorsCloseTheConnection() {
        ServerSession s = session(ServerConfig.defaults("mx.exemple.com").withMaxErrors(3));
        s.start();
        ServerSession.Output out = s.receive(wire("FROB\r\nFROB\r\nFROB\r\nNOOP\r\n"));
        assertThat(codes(out)).containsExactly(500, 500, 500, 421);
        assertThat(out.action()).isEqualTo(ServerSession.Action.CLOSE);
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void anOverlongCommandLineIsRefusedAndTheSessionGoesOn() {
        String longLine = "NOOP " + "x".repeat(2000);
        ServerSession s = session();
        s.start();
        assertThat(codes(s.receive(wire(longLine + "\r\nNOOP\r\n")))).containsExactly(500, 250);
    }

    @Test
    void aBareLfCommandIsRefusedUnderTheStrictPolicyOnly() {
        ServerSession strict = session();
        strict.start();
        assertThat(codes(strict.receive(wire("NOOP\nNOOP\r\n")))).containsExactly(500, 250);
        ServerSession lenient = session(ServerConfig.defaults("mx.exemple.com").withPolicy(ParsePolicy.LENIENT));
        lenient.start();
        assertThat(codes(lenient.receive(wire("NOOP\nMAIL FROM: <a@b.example>\n")))).containsExactly(250, 503);
    }

    /** RFC 2920: a pipelining client sends the whole group at once; the replies come back in order, together. */
    @Test
    void pipelinedGroupIsAnsweredInOrderInOneOutput() {
        ServerSession s = session();
        s.start();
        ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\n"
                + "RCPT TO:<z@y.example>\r\nDATA\r\nSubject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n"));
        assertThat(codes(out)).containsExactly(250, 250, 250, 250, 354, 250, 221);
        assertThat(hooks.delivered).singleElement().extracting(RecordingHooks.Delivered::content)
                .isEqualTo("Subject: hi\r\n\r\nbody\r\n");
    }

    /** RFC 5321 §2.3.8 and the SMTP smuggling attack: a bare LF in data never ends the message; it ends the session. */
    @Test
    void bareLfInDataClosesWithoutDelivering() {
        ServerSession s = session();
        s.start();
        ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\n"
                + "Subject: one\r\n\r\nbody\n.\nMAIL FROM:<evil@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nsmuggled\r\n.\r\n"));
        assertThat(codes(out)).containsExactly(250, 250, 250, 354, 521);
        assertThat(out.replies().getLast().format()).isEqualTo(
                "521 5.5.2 Bare CR or LF in message data refused (RFC 5321 section 2.3.8); closing connection\r\n");
        assertThat(out.action()).isEqualTo(ServerSession.Action.CLOSE);
        assertThat(hooks.delivered).isEmpty();
        assertThat(hooks.aborted).isEqualTo(1);
    }

    @Test
    void sizeLimitsOfRfc1870() {
        ServerSession s = session(ServerConfig.defaults("mx.exemple.com").withMaxMessageSize(10));
        s.start();
        s.receive(wire("EHLO c.example\r\n"));
        assertThat(s.receive(wire("MAIL FROM:<a@b.example> SIZE=11\r\n")).replies().getFirst().format())
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n");
        assertThat(codes(s.receive(wire("MAIL FROM:<a@b.example> SIZE=10\r\nRCPT TO:<x@y.example>\r\nDATA\r\n"))))
                .containsExactly(250, 250, 354);
        // the client lied about the size: everything is read to the end of data, then refused
        assertThat(codes(s.receive(wire("0123456789\r\nmore\r\n.\r\nNOOP\r\n")))).containsExactly(552, 250);
        assertThat(hooks.delivered).isEmpty();
        assertThat(hooks.aborted).isEqualTo(1);
    }

    @Test
    void parametersBelongToOfferedExtensions() {
        ServerSession s = session(ServerConfig.defaults("mx.exemple.com").withExtensions(Set.of(SmtpExtension.ENHANCED_STATUS_CODES)));
        s.start();
        s.receive(wire("EHLO c.example\r\n"));
        assertThat(codes(s.receive(wire("MAIL FROM:<a@b.example> BODY=8BITMIME\r\n")))).containsExactly(555);
        assertThat(codes(s.receive(wire("MAIL FROM:<a@b.example> SMTPUTF8\r\n")))).containsExactly(555);
        assertThat(codes(s.receive(wire("MAIL FROM:<a@b.example> RET=FULL\r\n")))).containsExactly(555);
        assertThat(codes(s.receive(wire("MAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example> NOTIFY=NEVER\r\n")))).containsExactly(250, 555);

        ServerSession all = session();
        all.start();
        all.receive(wire("EHLO c.example\r\n"));
        assertThat(codes(all.receive(wire("MAIL FROM:<a@b.example> BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ+2B1 SIZE=5\r\n"))))
                .containsExactly(250);
        assertThat(codes(all.receive(wire("RCPT TO:<x@y.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;x+40y.example\r\n"))))
                .containsExactly(250);
        assertThat(codes(all.receive(wire("RCPT TO:<x@y.example> NOTIFY=NEVER,SUCCESS\r\nRCPT TO:<x@y.example> ORCPT=rfc822\r\n"))))
                .containsExactly(501, 501);
        assertThat(codes(all.receive(wire("RSET\r\nMAIL FROM:<a@b.example> BODY=BINARYMIME\r\nMAIL FROM:<a@b.example> BODY=9BIT\r\n"))))
                .containsExactly(250, 555, 501);
        assertThat(codes(all.receive(wire("MAIL FROM:<a@b.example> SIZE=big\r\nMAIL FROM:<a@b.example> SMTPUTF8=yes\r\n"))))
                .containsExactly(501, 501);
    }

    /** RFC 6531 §3.4: a UTF-8 address needs SMTPUTF8 on MAIL. */
    @Test
    void utf8AddressesNeedSmtpUtf8() {
        play("""
                S: 220 mx.exemple.com ESMTP smtplab
                C: EHLO mail.monentreprise.fr
                """ + EHLO_REPLY + """
                C: MAIL FROM:<zoë@monentreprise.fr>
                S: 553 5.6.7 Non-ASCII address needs SMTPUTF8 (RFC 6531 section 3.4)
                C: MAIL FROM:<alice@monentreprise.fr>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<zoë@exemple.com>
                S: 553 5.6.7 Non-ASCII address needs SMTPUTF8 on MAIL (RFC 6531 section 3.4)
                C: RSET
                S: 250 2.0.0 OK
                C: MAIL FROM:<zoë@monentreprise.fr> SMTPUTF8
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<δοκιμή@παράδειγμα.δοκιμή>
                S: 250 2.1.5 Recipient OK
                """);
    }

    /** RFC 5321 §4.5.3.1.8: at least 100 recipients; past the limit, 452 (§4.5.3.1.10) and the others stay. */
    @Test
    void recipientLimit() {
        ServerSession s = session();
        s.start();
        StringBuilder in = new StringBuilder("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\n");
        for (int i = 0; i < 101; i++) {
            in.append("RCPT TO:<r").append(i).append("@y.example>\r\n");
        }
        List<Integer> codes = codes(s.receive(wire(in + "DATA\r\nhi\r\n.\r\n")));
        assertThat(codes.subList(2, 102)).containsOnly(250);
        assertThat(codes.subList(102, 105)).containsExactly(452, 354, 250);
        assertThat(hooks.delivered.getFirst().envelope().recipients()).hasSize(100);
    }

    @Test
    void recipientsRefusedByTheApplicationAreNotKept() {
        ServerHooks relayOnlyForExemple = new ServerHooks() {
            @Override
            public Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
                return recipient instanceof Mailbox m && m.domainLowerCase().equals("exemple.com") ? Replies.RECIPIENT_OK : Replies.RELAY_DENIED;
            }
        };
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"), relayOnlyForExemple, TranscriptListener.NONE, null);
        s.start();
        ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@elsewhere.example>\r\nDATA\r\n"
                + "RCPT TO:<bob@EXEMPLE.com>\r\nRCPT TO:<Postmaster>\r\n"));
        assertThat(Transcript.lines(out.replies()).subList(9, 13)).containsExactly(
                "550 5.7.1 Relay access denied", "554 5.5.1 No valid recipients", "250 2.1.5 Recipient OK", "550 5.7.1 Relay access denied");
    }

    @Test
    void theApplicationMayRefuseTheConnection() {
        ServerHooks closed = new ServerHooks() {
            @Override
            public Optional<Reply> onConnect(SessionView session) {
                return Optional.of(Reply.of(554, "5.3.2", "mx.exemple.com No SMTP service here"));
            }
        };
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"), closed, TranscriptListener.NONE, null);
        assertThat(Transcript.lines(s.start().replies())).containsExactly("554 mx.exemple.com No SMTP service here");
        assertThat(codes(s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nQUIT\r\n")))).containsExactly(503, 503, 221);
    }

    /** RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets; the strict server refuses such a message after its end. */
    @Test
    void overlongDataLine() {
        String longLine = "y".repeat(1200);
        ServerSession strict = session();
        strict.start();
        ServerSession.Output out = strict.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\n"
                + longLine + "\r\n.\r\n"));
        assertThat(out.replies().getLast().format()).isEqualTo("554 5.6.0 Transaction failed: a line is longer than 1000 octets (RFC 5321 section 4.5.3.1.6)\r\n");
        assertThat(hooks.delivered).isEmpty();

        ServerSession lenient = session(ServerConfig.defaults("mx.exemple.com").withPolicy(ParsePolicy.LENIENT));
        lenient.start();
        assertThat(codes(lenient.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\n"
                + longLine + "\r\n.\r\n")))).endsWith(250);
        assertThat(hooks.delivered).singleElement().extracting(RecordingHooks.Delivered::content).isEqualTo(longLine + "\r\n");
    }

    @Test
    void timeoutAndShutdownSay421() {
        ServerSession s = session();
        s.start();
        s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nhalf a mess"));
        ServerSession.Output out = s.timeout();
        assertThat(Transcript.lines(out.replies())).containsExactly("421 4.4.2 Timeout, closing transmission channel");
        assertThat(out.action()).isEqualTo(ServerSession.Action.CLOSE);
        assertThat(hooks.aborted).isEqualTo(1);
        assertThat(hooks.delivered).isEmpty();

        ServerSession t = session();
        t.start();
        assertThat(Transcript.lines(t.shutdown().replies())).containsExactly("421 mx.exemple.com Service shutting down, closing transmission channel");
    }

    @Test
    void aConnectionLostMidDataDeliversNothing() {
        ServerSession s = session();
        s.start();
        s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nSubject: x\r\n\r\nhalf"));
        s.connectionLost();
        assertThat(hooks.delivered).isEmpty();
        assertThat(hooks.aborted).isEqualTo(1);
        assertThat(s.isClosed()).isTrue();
    }

    @Nested
    class Sinks {
        @Test
        void aSinkThatCannotOpenGives451() {
            ServerHooks failing = new ServerHooks() {
                @Override
                public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
                    throw new IOException("disk full");
                }
            };
            ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"), failing, TranscriptListener.NONE, null);
            s.start();
            ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nRCPT TO:<x@y.example>\r\n"));
            assertThat(codes(out)).containsExactly(250, 250, 250, 451, 503);
        }

        @Test
        void aSinkThatFailsWhileWritingGives451AfterTheEnd() {
            int[] aborted = {0};
            ServerHooks failing = new ServerHooks() {
                @Override
                public MessageSink onData(Envelope envelope, SessionView session) {
                    return new MessageSink() {
                        @Override
                        public void write(ByteBuffer content) throws IOException {
                            throw new IOException("disk full");
                        }

                        @Override
                        public Reply complete() {
                            throw new AssertionError("must not complete a failed message");
                        }

                        @Override
                        public void abort() {
                            aborted[0]++;
                        }
                    };
                }
            };
            ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"), failing, TranscriptListener.NONE, null);
            s.start();
            ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nx\r\n.\r\nNOOP\r\n"));
            assertThat(codes(out)).containsExactly(250, 250, 250, 354, 451, 250);
            assertThat(aborted[0]).isEqualTo(1);
        }
    }

    @Nested
    class Chunking {
        /** RFC 3030 §2: BDAT chunks carry exact octet counts, no dot-stuffing; LAST ends the message. */
        @Test
        void bdatChunks() {
            ServerSession s = session();
            s.start();
            ServerSession.Output out = s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\n"
                    + "BDAT 9\r\n.\r\nline\r\nBDAT 7 LAST\r\n\r\n.\r\n\r\nNOOP\r\n"));
            assertThat(Transcript.lines(out.replies()).subList(8, 12)).containsExactly(
                    "250 2.1.0 Sender OK", "250 2.1.5 Recipient OK", "250 2.0.0 9 octets received", "250 2.0.0 Message accepted");
            assertThat(codes(out)).endsWith(250);
            assertThat(hooks.delivered).singleElement().extracting(RecordingHooks.Delivered::content).isEqualTo(".\r\nline\r\n\r\n.\r\n\r\n");
        }

        @Test
        void bdatZeroLastEndsTheMessage() {
            ServerSession s = session();
            s.start();
            assertThat(codes(s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nBDAT 2\r\nhiBDAT 0 LAST\r\n"))))
                    .containsExactly(250, 250, 250, 250, 250);
            assertThat(hooks.delivered).singleElement().extracting(RecordingHooks.Delivered::content).isEqualTo("hi");
        }

        /** A refused BDAT still has its octets read, so that they are never taken for commands. */
        @Test
        void aRefusedChunkIsSkippedNotExecuted() {
            ServerSession s = session();
            s.start();
            assertThat(codes(s.receive(wire("EHLO c.example\r\nBDAT 6\r\nQUIT\r\nNOOP\r\n")))).containsExactly(250, 503, 250);
            assertThat(s.isClosed()).isFalse();
        }

        @Test
        void dataAfterBdatIsABadSequence() {
            ServerSession s = session();
            s.start();
            assertThat(codes(s.receive(wire("EHLO c.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nBDAT 1\r\nxDATA\r\n"))))
                    .containsExactly(250, 250, 250, 250, 503);
        }
    }

    @Test
    void startTlsAndAuthAreNotOfferedWithoutTheirModules() {
        ServerSession s = session();
        s.start();
        s.receive(wire("EHLO c.example\r\n"));
        assertThat(Transcript.lines(s.receive(wire("STARTTLS\r\nAUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n")).replies()))
                .containsExactly("502 5.5.1 STARTTLS is not offered here", "502 5.5.1 AUTH is not offered here");
    }

    static ByteBuffer wire(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static List<Integer> codes(ServerSession.Output output) {
        return output.replies().stream().map(Reply::code).toList();
    }
}
