package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./smtplab send} against raw-socket servers on loopback: a hostile one (issue 18 items 1 and 3:
 * exit 3 with a message naming the bound or the deadline) and one that records what it receives (issue 16:
 * the declared SIZE, RFC 1870 §4).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendAgainstRawServerTest {

    @TempDir
    Path dir;

    /** What one connection does. */
    interface Script {
        void run(Socket socket, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** Serves connections with {@code script} until closed. */
    static ServerSocket serve(Script script) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            script.run(socket, socket.getInputStream(), socket.getOutputStream());
                        } catch (IOException | InterruptedException e) {
                            // the client left
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return listener;
    }

    static String server(ServerSocket listener) {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    @Test
    void endlessMultiLineGreetingExitsThreeNamingTheBound() throws Exception {
        try (ServerSocket hostile = serve((socket, in, out) -> {
            byte[] line = ("220-" + "x".repeat(400) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(line);
            }
        })) {
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("send", "--server", server(hostile), "--from", "a@monentreprise.fr",
                    "--to", "b@exemple.com", "--text", "x", "--timeout", "20");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILED);
            assertThat(run.err()).startsWith("smtplab send: ").contains("more than 32768 octets");
        }
    }

    @Test
    void drippingServerMeetsTheTimeoutAsADeadline() throws Exception {
        try (ServerSocket dripping = serve((socket, in, out) -> {
            for (char c : ("220 " + "slow ".repeat(100) + "\r\n").toCharArray()) {
                out.write(c);
                out.flush();
                Thread.sleep(300);
            }
        })) {
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("send", "--server", server(dripping), "--from", "a@monentreprise.fr",
                    "--to", "b@exemple.com", "--text", "x", "--timeout", "1");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILED);
            assertThat(run.err()).contains("the 220 greeting").contains("within 1.0 s").contains("4.5.3.2.1");
        }
    }

    /** Issue 16 / RFC 1870 §4: a message without a final CRLF is declared with the CRLF the client adds. */
    @Test
    void sizeCountsTheFinalCrlfTheClientAdds() throws Exception {
        AtomicReference<String> mailLine = new AtomicReference<>();
        AtomicReference<byte[]> received = new AtomicReference<>();
        try (ServerSocket recorder = serve((socket, in, out) -> recordOneMessage(in, out, mailLine, received))) {
            Path message = dir.resolve("no-final-crlf.eml");
            Files.writeString(message, "From: a@monentreprise.fr\r\nTo: b@exemple.com\r\nSubject: x\r\n\r\nlast line, no end", StandardCharsets.US_ASCII);
            ServeAndSendTest.Run run = ServeAndSendTest.smtplab("send", "--server", server(recorder), "--from", "a@monentreprise.fr",
                    "--to", "b@exemple.com", "--message-file", message.toString(), "--timeout", "10");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.OK);
            long declared = Long.parseLong(mailLine.get().replaceAll(".*SIZE=(\\d+).*", "$1"));
            assertThat(declared).isEqualTo(received.get().length).isEqualTo(Files.size(message) + 2);
        }
    }

    /** A minimal server: EHLO offers SIZE; the content after 354 is kept (dot-unstuffed, without the final dot). */
    private static void recordOneMessage(InputStream in, OutputStream out, AtomicReference<String> mailLine,
                                         AtomicReference<byte[]> received) throws IOException {
        out.write("220 recorder.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        for (String line; (line = readLine(in)) != null; ) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            String reply = switch (verb) {
                case "EHLO" -> "250-recorder.test\r\n250 SIZE 1000000";
                case "MAIL" -> {
                    mailLine.set(line);
                    yield "250 ok";
                }
                case "RCPT" -> "250 ok";
                case "DATA" -> {
                    out.write("354 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    for (String data; !".".equals(data = readLine(in)); ) {
                        content.writeBytes((data.startsWith(".") ? data.substring(1) : data).getBytes(StandardCharsets.ISO_8859_1));
                        content.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    received.set(content.toByteArray());
                    yield "250 stored";
                }
                case "QUIT" -> "221 bye";
                default -> "500 what?";
            };
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (verb.equals("QUIT")) {
                return;
            }
        }
    }

    /** One line up to CRLF, without it, as ISO-8859-1 (octet for octet); null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }
}
