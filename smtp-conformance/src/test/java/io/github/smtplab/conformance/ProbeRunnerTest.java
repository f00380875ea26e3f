package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the runner judges: a MUST not met fails, a SHOULD warns, an allowed close passes, a silent server fails
 * at the deadline, a missing extension or option skips. Against a scripted server on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeRunnerTest {

    /** A server that greets, then answers each line with {@code script} (null: stay silent; "CLOSE": hang up). */
    static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket;

        ScriptedServer(UnaryOperator<String> script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread.ofVirtual().start(() -> serve(client, script));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket client, UnaryOperator<String> script) {
            try (client) {
                OutputStream out = client.getOutputStream();
                out.write("220 fake.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                String line;
                while ((line = in.readLine()) != null) {
                    String reply = script.apply(line);
                    if ("CLOSE".equals(reply)) {
                        return;
                    }
                    if (reply != null) {
                        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException gone) {
                // the suite hung up
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String lenient(String line) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        return switch (verb) {
            case "EHLO" -> "250-fake.example\r\n250-PIPELINING\r\n250 SIZE 1000";
            case "QUIT" -> "221 bye";
            case "SLOW" -> null;
            case "BYE!" -> "CLOSE";
            default -> "250 ok";
        };
    }

    private static Probe probe(String text) {
        return ProbeFile.parse("probe: t.one\ntitle: t\nrfc: 5321\nsection: 1\n" + text + "\nquote: q\nexpectation: e\n" + "end:\n").getFirst();
    }

    private static Outcome run(ScriptedServer server, Probe probe) throws IOException {
        Target target = Target.of("127.0.0.1", server.port(), "exemple.com", "bob@exemple.com", Profile.MX)
                .withRun(false, Set.of(), Duration.ofMillis(700));
        ProbeRunner runner = new ProbeRunner(target);
        return runner.run(probe, runner.discover());
    }

    @Test
    void verdictsFollowTheLevel() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ProbeRunnerTest::lenient)) {
            String steps = "hello:\nsend: RCPT TO:<x@y>\nexpect: 503";
            Outcome must = run(server, probe("level: MUST\n" + steps));
            assertThat(must.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(must.detail()).isEqualTo("expected 503, got 250 ok");
            assertThat(must.transcript()).extracting(TranscriptLine::tagged).contains("C: RCPT TO:<x@y>", "S: 250 ok");
            assertThat(run(server, probe("level: SHOULD\n" + steps)).verdict()).isEqualTo(Verdict.WARN);
            assertThat(run(server, probe("level: MUST\nhello:\nsend: NOOP\nexpect: 250\nsend: QUIT\nexpect: 221")).verdict())
                    .isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void silenceFailsAtTheDeadlineAndAnAllowedCloseEndsThePass() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ProbeRunnerTest::lenient)) {
            long start = System.nanoTime();
            Outcome silent = run(server, probe("level: MUST\nhello:\nsend: SLOW\nexpect: 250"));
            assertThat(silent.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(silent.detail()).contains("no reply within the deadline");
            assertThat(System.nanoTime() - start).as("bounded: reply deadline plus the drain after a failure")
                    .isLessThan(TimeUnit.SECONDS.toNanos(20));
            assertThat(run(server, probe("level: MUST\nhello:\nsend: BYE!\nexpect: 500 close\nsend: NOOP\nexpect: 250")).verdict())
                    .isEqualTo(Verdict.PASS);
            Outcome closed = run(server, probe("level: MUST\nhello:\nsend: BYE!\nexpect: 500"));
            assertThat(closed.detail()).isEqualTo("expected 500, but the server closed the connection");
        }
    }

    @Test
    void skipsSayWhy() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ProbeRunnerTest::lenient)) {
            assertThat(run(server, probe("level: MUST\nneeds: CHUNKING\nhello:")).detail())
                    .isEqualTo("the server does not offer CHUNKING in its EHLO reply");
            assertThat(run(server, probe("level: MUST\nneeds: login\nhello:")).detail()).contains("--user");
            assertThat(run(server, probe("level: MUST\nslow: yes\nhello:\nwait: 1")).detail()).contains("--slow");
            assertThat(run(server, probe("level: MUST\nneeds: maildir\nhello:")).verdict()).isEqualTo(Verdict.SKIP);
            // SIZE 1000 announced: ${oversize} is 1001
            Outcome size = run(server, probe("level: MUST\nneeds: SIZE\nhello:\nsend: MAIL FROM:<a@b> SIZE=${oversize}\nexpect: 250"));
            assertThat(size.transcript()).extracting(TranscriptLine::tagged).contains("C: MAIL FROM:<a@b> SIZE=1001");
        }
    }

    @Test
    void slowProbesWaitWhenAskedTo() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ProbeRunnerTest::lenient)) {
            Target target = Target.of("127.0.0.1", server.port(), "exemple.com", "bob@exemple.com", Profile.MX)
                    .withRun(true, Set.of(), Duration.ofSeconds(5));
            ProbeRunner runner = new ProbeRunner(target);
            Outcome waited = runner.run(probe("level: SHOULD\nslow: yes\nhello:\nwait: 1\nsend: NOOP\nexpect: 250"), runner.discover());
            assertThat(waited.verdict()).isEqualTo(Verdict.PASS);
            assertThat(waited.transcript()).extracting(TranscriptLine::tagged).contains("*  waiting 1 s");
        }
    }

    @Test
    void startTlsAskedButNotOfferedIsReportedAtOnce() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ProbeRunnerTest::lenient)) {
            Target target = Target.of("127.0.0.1", server.port(), "exemple.com", "bob@exemple.com", Profile.MX)
                    .withTls(TlsMode.STARTTLS, java.util.Optional.empty());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProbeRunner(target).run(ProbeFile.builtIn(), o -> { }))
                    .isInstanceOf(ProbeRunner.Unreachable.class).hasMessageContaining("does not offer STARTTLS");
        }
    }

    @Test
    void pipelinedSendsLeaveInOneGroupAndRepliesAreCountedInOrder() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ProbeRunnerTest::lenient)) {
            Outcome outcome = run(server, probe("level: MUST\nhello:\nsend*3: NOOP\nexpect*3: 250\nsend: QUIT\nexpect: 221"));
            assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
            List<String> lines = outcome.transcript().stream().map(TranscriptLine::tagged).toList();
            assertThat(lines.subList(lines.indexOf("C: NOOP"), lines.indexOf("C: NOOP") + 6))
                    .containsExactly("C: NOOP", "C: NOOP", "C: NOOP", "S: 250 ok", "S: 250 ok", "S: 250 ok");
        }
    }

    @Test
    void anUnreachableTargetIsReportedAsSuch() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProbeRunner runner = new ProbeRunner(Target.of("127.0.0.1", port, "exemple.com", "bob@exemple.com", Profile.CORE));
        org.assertj.core.api.Assertions.assertThatThrownBy(runner::discover).isInstanceOf(ProbeRunner.Unreachable.class)
                .hasMessageContaining("cannot reach 127.0.0.1:" + port);
    }
}
