import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercise 25: server-side transcript tests. Each test talks to your server over loopback and checks the
 * reply codes and the Maildir; each assertion names the rule of RFC 5321 and shows the dialogue so far.
 */
class CapstoneServerTest {

    @TempDir
    Path maildir;

    private ServerSocket listener;
    private Thread server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final List<String> transcript = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server = new Thread(() -> {
            try {
                CapstoneServer.serve(listener, "mx.exemple.com", maildir);
            } catch (IOException | RuntimeException e) {
                transcript.add("(the server stopped: " + e + ")");
            }
        }, "capstone-server");
        server.setDaemon(true);
        server.start();
        socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        socket.setSoTimeout(3000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        socket.close();
        listener.close();
        server.join(2000);
    }

    /** Reads one whole reply and returns its code (-1 when nothing came within 3 s). */
    private int reply() throws IOException {
        try {
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                }
                String text = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
                transcript.add("S: " + text);
                if (b == -1 && text.isEmpty()) {
                    return -1;
                }
                if (text.length() < 3) {
                    return -1;
                }
                if (text.length() == 3 || text.charAt(3) == ' ') {
                    return Integer.parseInt(text.substring(0, 3));
                }
            }
        } catch (SocketTimeoutException silence) {
            transcript.add("S: (nothing within 3 s)");
            return -1;
        }
    }

    private void send(String text) throws IOException {
        transcript.add("C: " + text.replace("\r", "\\r").replace("\n", "\\n"));
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a command line and checks the code of its reply. */
    private void says(String command, int expected, String rule) throws IOException {
        send(command + "\r\n");
        assertThat(reply()).as("%s; dialogue %s", rule, transcript).isEqualTo(expected);
    }

    private void greetedAndReady() throws IOException {
        assertThat(reply()).as("RFC 5321 3.1: the server greets with 220; dialogue %s", transcript).isEqualTo(220);
        says("EHLO client.monentreprise.fr", 250, "RFC 5321 4.1.1.1: EHLO gets 250");
    }

    private List<String> delivered() throws IOException {
        try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
            List<String> messages = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
            return messages;
        }
    }

    @Test
    @DisplayName("RFC 5321 3.1: a 220 greeting, then EHLO and HELO get 250")
    void greetingAndEhlo() throws IOException {
        greetedAndReady();
        says("HELO client.monentreprise.fr", 250, "RFC 5321 4.1.1.1: HELO gets 250 too");
        says("QUIT", 221, "RFC 5321 4.1.1.10: QUIT gets 221");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: a message is received and delivered to maildir/new, unstuffed")
    void deliversIntoTheMaildir() throws IOException {
        greetedAndReady();
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.2: MAIL FROM gets 250");
        says("RCPT TO:<bob@exemple.com>", 250, "RFC 5321 4.1.1.3: RCPT TO gets 250");
        says("DATA", 354, "RFC 5321 4.1.1.4: DATA gets 354");
        send("Subject: Ordre du jour\r\n\r\nBonjour Bob,\r\n..point\r\n..\r\n.\r\n");
        assertThat(reply()).as("RFC 5321 4.1.1.4: <CRLF>.<CRLF> ends the data and gets 250; dialogue %s", transcript).isEqualTo(250);
        says("QUIT", 221, "RFC 5321 4.1.1.10: QUIT gets 221");
        assertThat(delivered()).as("RFC 5321 4.5.2: one message in maildir/new, with the first period of each stuffed line deleted; dialogue %s", transcript)
                .containsExactly("Subject: Ordre du jour\r\n\r\nBonjour Bob,\r\n.point\r\n.\r\n");
        try (Stream<Path> tmp = Files.list(maildir.resolve("tmp"))) {
            assertThat(tmp.count()).as("RFC 5321 4.1.1.4 with Maildir: nothing left behind in tmp/ once 250 was sent").isZero();
        }
    }

    @Test
    @DisplayName("RFC 5321 4.1.4: commands out of order get 503 and change nothing")
    void outOfOrder() throws IOException {
        assertThat(reply()).as("RFC 5321 3.1: the server greets with 220; dialogue %s", transcript).isEqualTo(220);
        says("MAIL FROM:<alice@monentreprise.fr>", 503, "RFC 5321 4.1.4: a session MUST first be initialized by EHLO");
        says("EHLO client.monentreprise.fr", 250, "RFC 5321 4.1.1.1: EHLO gets 250");
        says("RCPT TO:<bob@exemple.com>", 503, "RFC 5321 4.1.4: RCPT before MAIL is out of sequence");
        says("DATA", 503, "RFC 5321 3.3: DATA before any RCPT gets 503");
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.4: the server stayed in its state after 503");
        says("DATA", 503, "RFC 5321 3.3: DATA with no recipient gets 503");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.5: RSET forgets the transaction")
    void rset() throws IOException {
        greetedAndReady();
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.2: MAIL FROM gets 250");
        says("RCPT TO:<bob@exemple.com>", 250, "RFC 5321 4.1.1.3: RCPT TO gets 250");
        says("RSET", 250, "RFC 5321 4.1.1.5: RSET gets 250");
        says("DATA", 503, "RFC 5321 4.1.1.5: any stored sender, recipients, and mail data MUST be discarded");
        says("NOOP", 250, "RFC 5321 4.1.1.9: NOOP gets 250");
        says("FROB", 500, "RFC 5321 4.2.4: an unrecognized command gets 500");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: two messages in one session, in two files")
    void twoMessages() throws IOException {
        greetedAndReady();
        for (String body : List.of("first\r\n", "second\r\n")) {
            says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.4: after 250 to the data, a new transaction may start");
            says("RCPT TO:<bob@exemple.com>", 250, "RFC 5321 4.1.1.3: RCPT TO gets 250");
            says("DATA", 354, "RFC 5321 4.1.1.4: DATA gets 354");
            send(body + ".\r\n");
            assertThat(reply()).as("RFC 5321 4.1.1.4: <CRLF>.<CRLF> ends the data; dialogue %s", transcript).isEqualTo(250);
        }
        says("QUIT", 221, "RFC 5321 4.1.1.10: QUIT gets 221");
        assertThat(delivered()).as("RFC 5321 4.1.1.4: each accepted message is one file in maildir/new; dialogue %s", transcript)
                .containsExactlyInAnyOrder("first\r\n", "second\r\n");
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: <LF>.<LF> never ends the data (SMTP smuggling)")
    void noSmuggling() throws IOException {
        greetedAndReady();
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.2: MAIL FROM gets 250");
        says("RCPT TO:<bob@exemple.com>", 250, "RFC 5321 4.1.1.3: RCPT TO gets 250");
        says("DATA", 354, "RFC 5321 4.1.1.4: DATA gets 354");
        send("Hi\n.\nMAIL FROM:<ceo@monentreprise.fr>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\nforged\r\n.\r\n");
        int code = reply();
        assertThat(code).as("RFC 5321 4.1.1.4: one reply for the whole data, 250 or a refusal; dialogue %s", transcript).isIn(250, 550, 554);
        says("QUIT", 221, "RFC 5321 4.1.1.4: after the one reply to the data, QUIT is the next command (no smuggled replies before it)");
        assertThat(delivered()).as("RFC 5321 4.1.1.4: only <CRLF>.<CRLF> ends the data, so no second, forged message; dialogue %s", transcript)
                .hasSizeLessThanOrEqualTo(1).noneMatch(m -> m.equals("forged\r\n"));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.4: <LF>.<CRLF> does not end the data either: the CRLF before the period must end the line before")
    void noSmugglingAfterABareLf() throws IOException {
        greetedAndReady();
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.2: MAIL FROM gets 250");
        says("RCPT TO:<bob@exemple.com>", 250, "RFC 5321 4.1.1.3: RCPT TO gets 250");
        says("DATA", 354, "RFC 5321 4.1.1.4: DATA gets 354");
        send("Hi\r\n\n.\r\nMAIL FROM:<ceo@monentreprise.fr>\r\nRCPT TO:<bob@exemple.com>\r\nDATA\r\nforged\r\n.\r\n");
        int code = reply();
        assertThat(code).as("RFC 5321 4.1.1.4: one reply for the whole data, 250 or a refusal; dialogue %s", transcript).isIn(250, 550, 554);
        says("QUIT", 221, "RFC 5321 4.1.1.4: the period after a bare LF is not <CRLF>.<CRLF>, so QUIT is the next command");
        assertThat(delivered()).as("RFC 5321 4.1.1.4: no second, forged message; dialogue %s", transcript)
                .hasSizeLessThanOrEqualTo(1).noneMatch(m -> m.equals("forged\r\n"));
    }

    @Test
    @DisplayName("RFC 5321 4.1.1.3 and 4.1.1.11: RCPT TO:<> and unknown MAIL or RCPT parameters are refused")
    void nullRecipientAndUnknownParameters() throws IOException {
        greetedAndReady();
        send("MAIL FROM:<alice@monentreprise.fr> FROB=1\r\n");
        assertThat(reply()).as("RFC 5321 4.1.1.11: a MAIL parameter of no extension offered gets 555 (or 501, 504); dialogue %s", transcript)
                .isIn(555, 501, 504);
        says("MAIL FROM:<alice@monentreprise.fr>", 250, "RFC 5321 4.1.1.2: MAIL FROM gets 250");
        send("RCPT TO:<>\r\n");
        assertThat(reply()).as("RFC 5321 4.1.1.3: the null path <> is a sender only, RCPT TO:<> is refused (501, 550 or 553); dialogue %s", transcript)
                .isIn(501, 550, 553);
        send("RCPT TO:<bob@exemple.com> FROB=1\r\n");
        assertThat(reply()).as("RFC 5321 4.1.1.11: a RCPT parameter of no extension offered gets 555 (or 501, 504); dialogue %s", transcript)
                .isIn(555, 501, 504);
        says("DATA", 503, "RFC 5321 3.3: no recipient was taken, so DATA gets 503");
    }
}
