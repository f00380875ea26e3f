import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exercise 25 (capstone), reference solution: an SMTP server on raw sockets that delivers into a Maildir
 * (RFC 5321 sections 3.1, 4.1.1, 4.1.4, 4.5.2).
 */
final class CapstoneServer {

    /** RFC 5321 4.5.3.1.4 and 4.5.3.1.6: 512 octets for a command line, 1000 for a text line; we allow a little more. */
    private static final int MAX_LINE = 4096;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private CapstoneServer() {}

    static void serve(ServerSocket listener, String hostname, Path maildir) throws IOException {
        for (String folder : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(folder));
        }
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                client.setSoTimeout(60_000);
                new Session(client.getInputStream(), client.getOutputStream(), hostname, maildir).run();
            } catch (SocketException closed) {
                if (listener.isClosed()) {
                    return;
                }
            } catch (IOException brokenConnection) {
                // one client's trouble is not the server's: accept the next one
            }
        }
    }

    /** One connection: RFC 5321's command and reply dialogue. */
    private static final class Session {

        private final InputStream in;
        private final OutputStream out;
        private final String hostname;
        private final Path maildir;
        private boolean greeted;
        private String sender;
        private int recipients;
        private boolean bareLf;

        Session(InputStream in, OutputStream out, String hostname, Path maildir) {
            this.in = in;
            this.out = out;
            this.hostname = hostname;
            this.maildir = maildir;
        }

        void run() throws IOException {
            reply("220 " + hostname + " ESMTP capstone"); // RFC 5321 3.1: the greeting names the server
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                if (bareLf) {
                    reply("500 5.5.2 bare LF: lines end with CRLF (RFC 5321 2.3.8)");
                    continue;
                }
                int space = line.indexOf(' ');
                String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> {
                        greeted = true;
                        clearTransaction(); // RFC 5321 4.1.4: as if RSET
                        reply(verb.equals("EHLO") ? "250-" + hostname + " greets you\r\n250 8BITMIME" : "250 " + hostname);
                    }
                    case "MAIL" -> {
                        if (!greeted || sender != null) {
                            reply("503 5.5.1 EHLO first, one transaction at a time (RFC 5321 4.1.4)");
                        } else if (!line.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:<") || line.indexOf('>') < 0) {
                            reply("501 5.5.4 MAIL FROM:<address> (RFC 5321 4.1.1.2)");
                        } else if (!mailParametersKnown(line.substring(line.indexOf('>') + 1))) {
                            reply("555 5.5.4 MAIL parameter not recognized (RFC 5321 4.1.1.11)");
                        } else {
                            sender = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                            reply("250 2.1.0 OK");
                        }
                    }
                    case "RCPT" -> {
                        if (sender == null) {
                            reply("503 5.5.1 MAIL first (RFC 5321 4.1.4)");
                        } else if (!line.toUpperCase(Locale.ROOT).startsWith("RCPT TO:<") || line.indexOf('>') < 0) {
                            reply("501 5.5.4 RCPT TO:<address> (RFC 5321 4.1.1.3)");
                        } else if (line.indexOf('>') == line.indexOf('<') + 1) {
                            reply("501 5.1.3 a recipient is never the null path <> (RFC 5321 4.1.1.3)");
                        } else if (!line.substring(line.indexOf('>') + 1).isBlank()) {
                            reply("555 5.5.4 RCPT parameter not recognized (RFC 5321 4.1.1.11)");
                        } else {
                            recipients++;
                            reply("250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        if (recipients == 0) {
                            reply("503 5.5.1 RCPT first (RFC 5321 3.3)");
                        } else {
                            reply("354 End data with <CR><LF>.<CR><LF>");
                            receiveMessage();
                        }
                    }
                    case "RSET" -> {
                        clearTransaction(); // RFC 5321 4.1.1.5
                        reply("250 2.0.0 OK");
                    }
                    case "NOOP" -> reply("250 2.0.0 OK");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("500 5.5.2 Command unrecognized");
                }
            }
        }

        private void receiveMessage() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            boolean refused = false;
            boolean previousEndedCrlf = true; // the DATA command's CRLF
            while (true) {
                String line = readLine();
                if (line == null) {
                    return; // the client went away: no half-written message
                }
                refused |= bareLf; // RFC 5321 2.3.8: a bare LF never ends a line, and spoils the message
                boolean afterCrlf = previousEndedCrlf;
                previousEndedCrlf = !bareLf;
                if (line.equals(".") && !bareLf && afterCrlf) { // RFC 5321 4.1.1.4: <CRLF>.<CRLF>, the first CRLF ending the line before
                    break;
                }
                String text = line.startsWith(".") ? line.substring(1) : line; // RFC 5321 4.5.2
                message.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
                message.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (refused) {
                reply("550 5.6.0 bare LF in the message (RFC 5321 2.3.8)");
            } else {
                deliver(message.toByteArray());
                reply("250 2.0.0 Message accepted");
            }
            clearTransaction();
        }

        /** Maildir: write in tmp/, then move into new/ (a reader never sees half a message). */
        private void deliver(byte[] message) throws IOException {
            String name = System.currentTimeMillis() + "." + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet() + "." + hostname;
            Path tmp = maildir.resolve("tmp").resolve(name);
            Files.write(tmp, message);
            Files.move(tmp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }

        /** RFC 5321 4.1.1.11: only the parameters of extensions offered (here BODY, RFC 6152 section 3); others get 555. */
        private static boolean mailParametersKnown(String parameters) {
            for (String parameter : parameters.trim().split(" +")) {
                String upper = parameter.toUpperCase(Locale.ROOT);
                if (!parameter.isEmpty() && !upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                    return false;
                }
            }
            return true;
        }

        private void clearTransaction() {
            sender = null;
            recipients = 0;
        }

        /** One line without its line end; {@code bareLf} tells whether it ended with LF alone. Null at the end. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    bareLf = bytes.length == 0 || bytes[bytes.length - 1] != '\r';
                    int length = bareLf ? bytes.length : bytes.length - 1;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                if (line.size() >= MAX_LINE) {
                    throw new IOException("line too long");
                }
                line.write(b);
            }
            return null;
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}
