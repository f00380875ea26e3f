package io.github.smtplab.core.net;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.SmtpProtocolException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.delivery.MaildirDelivery;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our server and our client against independent implementations: Python's smtplib as a client,
 * Postfix's smtp-sink and aiosmtpd as servers. Each test names the tool it needs; without it the test
 * is skipped with a message (and fails under CI, which installs them).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InteropTest {

    static final Mailbox ALICE = new Mailbox("alice", "monentreprise.fr");
    static final Mailbox BOB = new Mailbox("bob", "exemple.com");
    static final Mailbox CHARLIE = new Mailbox("charlie", "exemple.com");

    @TempDir
    Path dir;

    /**
     * Python's smtplib sends an email-package message to our MX; the Maildir file is exactly our two
     * trace fields followed by the bytes Python built.
     */
    @Test
    @RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib, email"}, install = "Debian package python3")
    void pythonSmtplibSendsToOurServer() throws Exception {
        Path script = dir.resolve("send.py");
        Path sent = dir.resolve("sent.eml");
        Files.writeString(script, """
                import smtplib, sys
                from email.message import EmailMessage
                from email import policy
                msg = EmailMessage()
                msg['From'] = 'Alice <alice@monentreprise.fr>'
                msg['To'] = 'Bob <bob@exemple.com>, Charlie <charlie@exemple.com>'
                msg['Subject'] = 'Réunion demain'
                msg.set_content('Bonjour Bob,\\n.Une ligne qui commence par un point\\n..et deux\\nÀ demain.\\n')
                raw = msg.as_bytes(policy=policy.SMTP)
                open(sys.argv[2], 'wb').write(raw)
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='mail.monentreprise.fr', timeout=20) as s:
                    refused = s.sendmail('alice@monentreprise.fr', ['bob@exemple.com', 'charlie@exemple.com', 'eve@elsewhere.example'], raw)
                    print('REFUSED', sorted(refused))
                """);
        Path maildir = dir.resolve("maildir");
        try (SmtpServer server = SocketTestSupport.mx(maildir)) {
            PeerProcess.Result result = PeerProcess.run(List.of("/usr/bin/python3", script.toString(),
                    String.valueOf(server.address().getPort()), sent.toString()), Duration.ofSeconds(60));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("REFUSED ['eve@elsewhere.example']");
        }
        byte[] pythonBytes = Files.readAllBytes(sent);
        for (Mailbox rcpt : List.of(BOB, CHARLIE)) {
            byte[] stored = Files.readAllBytes(new MaildirDelivery(maildir, "x").newMessages(rcpt).getFirst());
            String text = new String(stored, StandardCharsets.UTF_8);
            assertThat(text).matches("(?s)Return-Path: <alice@monentreprise\\.fr>\r\n"
                    + "Received: from mail\\.monentreprise\\.fr \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                    + "\tby mx\\.exemple\\.com \\(smtplab\\) with ESMTP id [0-9MPQ]+;\r\n"
                    + "\t[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000\r\n.*");
            int headerEnd = text.indexOf("+0000\r\n") + 7;
            byte[] body = java.util.Arrays.copyOfRange(stored, new String(text.substring(0, headerEnd)).getBytes(StandardCharsets.UTF_8).length, stored.length);
            assertThat(body).as("the message exactly as Python built it").isEqualTo(pythonBytes);
        }
    }

    /** Our client delivers to Postfix's smtp-sink; its dump shows our envelope and our bytes. */
    @Test
    @RequiresTool(value = "Postfix smtp-sink", probe = {"test", "-x", "/usr/sbin/smtp-sink"}, install = "Debian package postfix")
    void ourClientDeliversToPostfixSmtpSink() throws Exception {
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        // smtp-sink drops root privileges (-u nobody) before it writes its dumps
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = PeerProcess.freePort();
        byte[] message = "From: alice@monentreprise.fr\r\nSubject: to the sink\r\n\r\n.leading dot\r\nCaf\u00e9\r\n".getBytes(StandardCharsets.UTF_8);
        List<String> transcript = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PeerProcess sink = PeerProcess.startListening(List.of("/usr/sbin/smtp-sink", "-u", "nobody", "-d", dumps + "/msg.",
                "127.0.0.1:" + port, "10"), port, Duration.ofSeconds(10))) {
            try (SmtpClient client = SmtpClient.connect(new InetSocketAddress("127.0.0.1", port),
                    SocketTestSupport.clientOptions().withTranscript(SmtpSocketTest.lines(transcript)))) {
                TransactionResult result = client.send(ALICE, List.of(BOB, CHARLIE), message);
                assertThat(result.allAccepted()).as(sink.output()).isTrue();
            } catch (SmtpProtocolException e) {
                throw new AssertionError(String.join("\n", transcript), e);
            }
        }
        String dump;
        try (Stream<Path> files = Files.list(dumps)) {
            dump = Files.readString(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
        assertThat(dump).contains("X-Helo-Args: mail.monentreprise.fr")
                .contains("X-Mail-Args: <alice@monentreprise.fr> BODY=8BITMIME")   // smtp-sink offers no SIZE
                .contains("X-Rcpt-Args: <bob@exemple.com>").contains("X-Rcpt-Args: <charlie@exemple.com>");
        // smtp-sink dumps with LF line ends; the dot-stuffing was undone on its side
        assertThat(dump).endsWith(new String(message, StandardCharsets.UTF_8).replace("\r\n", "\n") + "\n");
    }

    /** Our client delivers to aiosmtpd (Python); it records the envelope and the content it received. */
    @Test
    @RequiresTool(value = "aiosmtpd", probe = {"/usr/bin/python3", "-c", "import aiosmtpd"}, install = "Debian package python3-aiosmtpd")
    void ourClientDeliversToAiosmtpd() throws Exception {
        Path script = dir.resolve("server.py");
        Path out = Files.createDirectories(dir.resolve("received"));
        Files.writeString(script, """
                import sys, time, json, os
                from aiosmtpd.controller import Controller
                class Store:
                    async def handle_DATA(self, server, session, envelope):
                        n = len(os.listdir(sys.argv[2])) // 2
                        with open(os.path.join(sys.argv[2], '%d.eml' % n), 'wb') as f:
                            f.write(envelope.original_content)
                        with open(os.path.join(sys.argv[2], '%d.json' % n), 'w') as f:
                            json.dump({'from': envelope.mail_from, 'to': envelope.rcpt_tos, 'options': envelope.mail_options}, f)
                        return '250 OK stored'
                c = Controller(Store(), hostname='127.0.0.1', port=int(sys.argv[1]))
                c.start()
                try:
                    time.sleep(60)
                finally:
                    c.stop()
                """);
        int port = PeerProcess.freePort();
        byte[] message = "Subject: to aiosmtpd\r\n\r\n.dot\r\n..two dots\r\nend\r\n".getBytes(StandardCharsets.US_ASCII);
        try (PeerProcess server = PeerProcess.startListening(List.of("/usr/bin/python3", script.toString(), String.valueOf(port), out.toString()),
                port, Duration.ofSeconds(20));
             SmtpClient client = SmtpClient.connect(new InetSocketAddress("127.0.0.1", port), SocketTestSupport.clientOptions())) {
            TransactionResult result = client.send(ALICE, List.of(BOB), message);
            assertThat(result.allAccepted()).as(server.output()).isTrue();
            assertThat(result.finalReply().orElseThrow().text()).contains("stored");
        }
        assertThat(Files.readAllBytes(out.resolve("0.eml"))).isEqualTo(message);
        assertThat(Files.readString(out.resolve("0.json"))).contains("\"from\": \"alice@monentreprise.fr\"").contains("\"to\": [\"bob@exemple.com\"]");
    }

    /** swaks, an independent client, pipelines a message to our server. */
    @Test
    @RequiresTool(value = "swaks", probe = {"swaks", "--version"}, install = "Debian package swaks")
    void swaksSendsToOurServer() throws Exception {
        Path maildir = dir.resolve("maildir");
        try (SmtpServer server = SocketTestSupport.mx(maildir)) {
            PeerProcess.Result result = PeerProcess.run(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(server.address().getPort()),
                    "--helo", "swaks.example", "--from", "alice@monentreprise.fr", "--to", "bob@exemple.com", "--pipeline",
                    "--header", "Subject: from swaks", "--body", ".dot first\n", "--timeout", "20"), Duration.ofSeconds(60));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("<-  250 2.0.0 Message accepted");
        }
        String stored = Files.readString(new MaildirDelivery(maildir, "x").newMessages(BOB).getFirst());
        assertThat(stored).contains("Subject: from swaks").contains("\r\n.dot first\r\n").contains("Received: from swaks.example ([127.0.0.1])");
    }
}
