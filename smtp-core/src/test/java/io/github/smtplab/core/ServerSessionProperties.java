package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the server state machine, RFC 5321 §4.1.4 (ordering) and §4.3.2 (replies per command). */
class ServerSessionProperties {

    /** One thing a client may do: a command line, possibly followed by message content. */
    record Step(String line, String content) {
        /** What is sent at once: DATA's content waits for the 354 (RFC 2920 §3.1: DATA ends a pipelined group). */
        byte[] bytes() {
            return (line + "\r\n" + (line.equals("DATA") ? "" : content)).getBytes(StandardCharsets.UTF_8);
        }
    }

    static Gen<Step> step() {
        Gen<String> body = lists().of(Generate.pick(List.of("Subject: x", "", ".", "..", ".hidden", "text", "MAIL FROM:<x@y.z>")))
                .ofSizeBetween(0, 4).map(lines -> {
                    StringBuilder sb = new StringBuilder();
                    for (String l : lines) {
                        sb.append(l.startsWith(".") ? "." + l : l).append("\r\n");
                    }
                    return sb.append(".\r\n").toString();
                });
        return Generate.frequency(List.of(
                Pair.of(3, Generate.pick(List.of("EHLO c.example", "HELO c.example")).map(l -> new Step(l, ""))),
                Pair.of(6, Generate.pick(List.of("MAIL FROM:<a@b.example>", "MAIL FROM:<>", "MAIL FROM:<a@b.example> SIZE=10 BODY=8BITMIME",
                        "MAIL FROM:<a@b.example> FOO=1")).map(l -> new Step(l, ""))),
                Pair.of(8, Generate.pick(List.of("RCPT TO:<x@y.example>", "RCPT TO:<Postmaster>", "RCPT TO:<bad@@y>")).map(l -> new Step(l, ""))),
                Pair.of(4, body.map(b -> new Step("DATA", b))),
                Pair.of(2, Generate.range(0, 5).zip(Generate.booleans(), (n, last) -> new Step("BDAT " + n + (last ? " LAST" : ""), "x".repeat(n)))),
                Pair.of(2, Generate.pick(List.of("RSET", "NOOP", "HELP", "VRFY x", "EXPN x", "FROB", "STARTTLS", "")).map(l -> new Step(l, "")))));
    }

    /**
     * §4.1.4 and §3.3: whatever the order of commands, the engine never accepts DATA without an accepted
     * MAIL and RCPT, never accepts MAIL twice in a transaction or before EHLO/HELO, never accepts RCPT
     * outside a transaction, answers every command with exactly one reply, and delivers a message with
     * exactly the recipients it accepted.
     */
    @Test
    void randomCommandSequencesKeepTheTransactionConsistent() {
        qt().withExamples(3000).forAll(lists().of(step()).ofSizeBetween(1, 30)).checkAssert(steps -> {
            RecordingHooks hooks = new RecordingHooks();
            ServerSession s = new ServerSession(ServerConfig.defaults("mx.example").withMaxErrors(1000), hooks, TranscriptListener.NONE, null);
            s.start();
            boolean greeted = false;
            boolean mail = false;
            boolean bdat = false;
            int recipients = 0;
            for (Step step : steps) {
                String verb = step.line().split(" ")[0];
                List<Reply> replies = new ArrayList<>(s.receive(ByteBuffer.wrap(step.bytes())).replies());
                if (verb.equals("DATA") && replies.getFirst().code() == 354) {
                    replies.addAll(s.receive(ByteBuffer.wrap(step.content().getBytes(StandardCharsets.UTF_8))).replies());
                }
                assertThat(replies).as("replies to %s", step).isNotEmpty();
                Reply first = replies.getFirst();
                switch (verb) {
                    case "EHLO", "HELO" -> {
                        assertThat(first.code()).isEqualTo(250);
                        greeted = true;
                        mail = false;
                        bdat = false;
                        recipients = 0;
                    }
                    case "MAIL" -> {
                        if (first.code() == 250) {
                            assertThat(greeted && !mail).as("MAIL accepted only after EHLO and outside a transaction").isTrue();
                            mail = true;
                        }
                    }
                    case "RCPT" -> {
                        if (first.code() == 250) {
                            assertThat(mail && !bdat).as("RCPT accepted only inside a transaction, before BDAT").isTrue();
                            recipients++;
                        }
                    }
                    case "DATA" -> {
                        if (first.code() == 354) {
                            assertThat(mail && recipients > 0 && !bdat).as("354 only with MAIL and an accepted RCPT").isTrue();
                            assertThat(replies).hasSize(2);
                            Reply end = replies.get(1);
                            if (end.code() == 250) {
                                assertThat(hooks.delivered.getLast().envelope().recipients()).hasSize(recipients);
                            }
                            mail = false;
                            recipients = 0;
                        } else {
                            assertThat(mail && recipients > 0 && !bdat).isFalse();
                        }
                    }
                    case "BDAT" -> {
                        if (first.code() == 250) {
                            assertThat(mail && recipients > 0).as("BDAT accepted only with MAIL and an accepted RCPT").isTrue();
                            bdat = true;
                            if (step.line().endsWith("LAST")) {
                                assertThat(hooks.delivered.getLast().envelope().recipients()).hasSize(recipients);
                                mail = false;
                                bdat = false;
                                recipients = 0;
                            }
                        } else if (mail) {
                            // a refused chunk ends the transaction (RFC 3030 §2) unless the command itself was out of order
                            mail = first.code() == 502 || first.code() == 503 || first.code() == 554 ? mail : false;
                            if (!mail) {
                                recipients = 0;
                                bdat = false;
                            }
                        }
                    }
                    case "RSET" -> {
                        assertThat(first.code()).isEqualTo(250);
                        mail = false;
                        bdat = false;
                        recipients = 0;
                    }
                    default -> assertThat(replies).hasSize(1);
                }
                assertThat(s.inTransaction()).as("engine and model agree after %s", step).isEqualTo(mail);
                assertThat(s.state()).isNotIn(ServerSession.State.DATA, ServerSession.State.BDAT);
            }
            // every message sink is either delivered or aborted, except one still receiving BDAT chunks
            assertThat(hooks.opened).isEqualTo(hooks.delivered.size() + hooks.aborted + (bdat ? 1 : 0));
        });
    }

    static final String DIALOGUE = """
            EHLO mail.monentreprise.fr\r
            MAIL FROM:<alice@monentreprise.fr> BODY=8BITMIME\r
            RCPT TO:<bob@exemple.com>\r
            RCPT TO:<charlie@exemple.com>\r
            DATA\r
            Subject: R\u00e9union demain\r
            \r
            ..leading dot\r
            .\r
            NOOP\r
            MAIL FROM:<>\r
            RCPT TO:<Postmaster>\r
            BDAT 11\r
            \r
            .\r
            \r
            .\r
            BDAT 0 LAST\r
            FROB\r
            QUIT\r
            """;

    /** Cutting the client's bytes anywhere, into any number of reads, never changes the replies. */
    @Test
    void everySplitOfTheInputGivesTheSameReplies() {
        byte[] all = DIALOGUE.getBytes(StandardCharsets.UTF_8);
        List<String> whole = replies(List.of(all));
        assertThat(whole).contains("354 Start mail input; end with <CRLF>.<CRLF>", "250 2.0.0 11 octets received", "221 2.0.0 Bye");
        // every single cut point, exhaustively
        for (int cut = 0; cut <= all.length; cut++) {
            List<byte[]> parts = List.of(java.util.Arrays.copyOfRange(all, 0, cut), java.util.Arrays.copyOfRange(all, cut, all.length));
            assertThat(replies(parts)).as("cut at %d", cut).isEqualTo(whole);
        }
        // and random cuts into many pieces
        qt().withExamples(2000).forAll(lists().of(Generate.range(0, all.length)).ofSizeBetween(1, 40)).checkAssert(cuts -> {
            List<Integer> sorted = cuts.stream().sorted().toList();
            List<byte[]> parts = new ArrayList<>();
            int from = 0;
            for (int c : sorted) {
                parts.add(java.util.Arrays.copyOfRange(all, from, c));
                from = c;
            }
            parts.add(java.util.Arrays.copyOfRange(all, from, all.length));
            assertThat(replies(parts)).isEqualTo(whole);
        });
    }

    private static List<String> replies(List<byte[]> parts) {
        ServerSession s = new ServerSession(ServerConfig.defaults("mx.exemple.com"));
        List<Reply> replies = new ArrayList<>(s.start().replies());
        for (byte[] part : parts) {
            replies.addAll(s.receive(ByteBuffer.wrap(part)).replies());
        }
        return Transcript.lines(replies);
    }
}
