package io.github.smtplab.core.net;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReplyParser;
import io.github.smtplab.core.ReplyTooLargeException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against servers that do not play by the rules (issue 18, items 1 and 3): an endless
 * multi-line reply is cut at the reply bounds, and every wait ends at its deadline (RFC 5321 §4.5.3.2),
 * however the server drips its bytes. Each test is bounded in time by {@code @Timeout}; none measures
 * how long the client took.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileServerTest {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final byte[] MESSAGE = "Subject: hello\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static SmtpClient.Options options(Duration each) {
        return SmtpClient.Options.defaults("client.monentreprise.fr").withTimeouts(Duration.ofSeconds(5), each, each);
    }

    /** Issue 18 item 1: {@code 220-xxx} forever ends in a typed error naming the bound, not in OutOfMemoryError. */
    @Test
    void endlessMultiLineGreetingIsCut() throws IOException {
        try (HostileServer server = HostileServer.start(c -> {
            String line = "220-" + "x".repeat(400) + "\r\n";
            while (true) {
                c.send(line);
            }
        })) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), options(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(ReplyTooLargeException.class, e -> {
                        assertThat(e.limit()).isEqualTo(ReplyTooLargeException.Limit.REPLY_OCTETS);
                        assertThat(e).hasMessageContaining(String.valueOf(ReplyParser.MAX_REPLY_OCTETS));
                    });
        }
    }

    /** The same after EHLO, with short lines: the line count bound fires. */
    @Test
    void endlessEhloReplyIsCut() throws IOException {
        try (HostileServer server = HostileServer.start(c -> {
            c.send("220 hostile.test ESMTP\r\n");
            c.readLine();
            while (true) {
                c.send("250-PIPELINING\r\n");
            }
        })) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), options(Duration.ofSeconds(20))))
                    .isInstanceOfSatisfying(ReplyTooLargeException.class, e -> {
                        assertThat(e.limit()).isEqualTo(ReplyTooLargeException.Limit.LINES);
                        assertThat(e).hasMessageContaining(ReplyParser.MAX_LINES_PER_REPLY + " lines");
                    });
        }
    }

    /** §4.5.3.1.5: a reply line with no end is thrown away as it comes; the greeting deadline ends the wait. */
    @Test
    void lineWithoutEndMeetsTheDeadline() throws IOException {
        try (HostileServer server = HostileServer.start(c -> {
            c.send("220-");
            String chunk = "x".repeat(1000);
            while (true) {
                c.send(chunk);
            }
        })) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), options(Duration.ofMillis(1500))))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("4.5.3.2.1");
        }
    }

    /** Issue 18 item 3: a greeting dripped one octet every 200 ms meets a 1 s deadline, not a per-read timeout. */
    @Test
    void drippedGreetingMeetsTheDeadlineInRealTime() throws IOException {
        String greeting = "220 " + "slow ".repeat(40) + "\r\n";
        try (HostileServer server = HostileServer.start(c -> {
            for (char ch : greeting.toCharArray()) {
                c.send(String.valueOf(ch));
                Thread.sleep(200);
            }
        })) {
            assertThatThrownBy(() -> SmtpClient.connect(server.address(), options(Duration.ofSeconds(1))))
                    .isInstanceOf(DeadlineExceededException.class)
                    .hasMessageContaining("the 220 greeting").hasMessageContaining("1.0 s");
            assertThat(server.written()).isLessThan(greeting.length());
        }
    }

    /**
     * The RFC's own values with a clock the test controls: each reading of the clock moves it one minute,
     * so a server that drips the reply to {@code dripped} reaches that reply's §4.5.3.2 deadline after a
     * handful of octets, while the prompt replies before it pass.
     */
    @Test
    void rfcDeadlinesWithAnInjectedClock() throws IOException {
        record Case(String dripped, String expected) {}
        for (Case c : List.of(new Case("GREETING", "within 5 min (RFC 5321 section 4.5.3.2.1)"),
                new Case("MAIL", "reply to MAIL within 5 min (RFC 5321 section 4.5.3.2.2)"),
                new Case("RCPT", "reply to RCPT within 5 min (RFC 5321 section 4.5.3.2.3)"),
                new Case("DATA", "reply to DATA within 2 min (RFC 5321 section 4.5.3.2.4)"),
                new Case("END", "end of data within 10 min (RFC 5321 section 4.5.3.2.6)"))) {
            try (HostileServer server = HostileServer.start(conn -> scriptedServer(conn, c.dripped()))) {
                SmtpClient.Options options = SmtpClient.Options.defaults("client.monentreprise.fr").withClock(new MinuteStepClock());
                assertThatThrownBy(() -> {
                    try (SmtpClient client = SmtpClient.connect(server.address(), options)) {
                        client.send(ALICE, List.of(BOB), MESSAGE);
                    }
                }).as(c.dripped()).isInstanceOf(DeadlineExceededException.class).hasMessageContaining(c.expected());
            }
        }
    }

    /** §4.5.3.2.5: a server that stops reading during DATA blocks the client's write; the write deadline ends it. */
    @Test
    void serverThatStopsReadingMeetsTheWriteDeadline() throws IOException {
        AtomicReference<String> after354 = new AtomicReference<>("");
        try (HostileServer server = HostileServer.start(conn -> {
            conn.socket.setReceiveBufferSize(4096);
            scriptedServer(conn, "NONE_BUT_STALL_AFTER_354");
            after354.set("stalled");
        })) {
            SmtpClient.Options options = SmtpClient.Options.defaults("client.monentreprise.fr")
                    .withDeadlines(Duration.ofSeconds(5), ReplyDeadlines.all(Duration.ofSeconds(20)).withDataBlock(Duration.ofSeconds(1)));
            assertThatThrownBy(() -> {
                try (SmtpClient client = SmtpClient.connect(server.address(), options)) {
                    client.send(ALICE, List.of(BOB), (SmtpClient.Content) () -> new SmtpSocketTest.GeneratedMessage(32L << 20));
                }
            }).isInstanceOf(DeadlineExceededException.class).hasMessageContaining("4.5.3.2.5");
        }
    }

    /**
     * A small SMTP server that answers promptly, except the reply named by {@code dripped}, which it sends
     * one octet every 20 ms; "NONE_BUT_STALL_AFTER_354" answers DATA and then never reads again.
     */
    static void scriptedServer(HostileServer.Connection c, String dripped) throws IOException, InterruptedException {
        reply(c, "220 hostile.test ESMTP", dripped.equals("GREETING"));
        for (String line; (line = c.readLine()) != null; ) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO" -> reply(c, "250-hostile.test\r\n250 8BITMIME", false);
                case "MAIL" -> reply(c, "250 2.1.0 ok", dripped.equals("MAIL"));
                case "RCPT" -> reply(c, "250 2.1.5 ok", dripped.equals("RCPT"));
                case "DATA" -> {
                    reply(c, "354 go ahead", dripped.equals("DATA"));
                    if (dripped.equals("NONE_BUT_STALL_AFTER_354")) {
                        Thread.sleep(60_000);
                        return;
                    }
                    while (!".".equals(line = c.readLine()) && line != null) {
                        // the message
                    }
                    reply(c, "250 2.0.0 queued", dripped.equals("END"));
                }
                case "QUIT" -> {
                    reply(c, "221 bye", false);
                    return;
                }
                default -> reply(c, "500 5.5.1 what?", false);
            }
        }
    }

    private static void reply(HostileServer.Connection c, String text, boolean drip) throws IOException, InterruptedException {
        String wire = text + (drip ? " " + "dripping ".repeat(100) : "") + "\r\n";
        if (!drip) {
            c.send(wire);
            return;
        }
        for (char ch : wire.toCharArray()) {
            c.send(String.valueOf(ch));
            Thread.sleep(20);
        }
    }

    /** A clock that moves one minute forward each time it is read. */
    static final class MinuteStepClock implements InstantSource {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofMinutes(1));
            return now;
        }
    }
}
