package io.github.smtplab.lab.learn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw SMTP dialogue on loopback for {@code learn try}, printed as a transcript: {@code C:} what the client
 * sent, {@code S:} what the server answered, with a note on the lines the learner's code produced. Every read
 * has a deadline.
 */
final class WireDialogue implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream outStream;
    private final PrintWriter transcript;

    WireDialogue(InetSocketAddress server, PrintWriter transcript) throws IOException {
        this.socket = new Socket();
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        this.in = socket.getInputStream();
        this.outStream = socket.getOutputStream();
        this.transcript = transcript;
    }

    /** Sends one command line (CRLF added) and prints it. */
    void send(String line, String note) throws IOException {
        transcript.printf("C: %-50s %s%n", line, note);
        outStream.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        outStream.flush();
    }

    /** Sends bytes as they are (the learner's DATA) and prints them line by line. */
    void sendRaw(String data, String note) throws IOException {
        String shown = data.endsWith("\r\n") ? data.substring(0, data.length() - 2) : data;
        for (String line : shown.split("\r\n", -1)) {
            transcript.printf("C: %-50s %s%n", line.replace("\r", "\\r").replace("\n", "\\n"), note);
            note = "";
        }
        outStream.write(data.getBytes(StandardCharsets.UTF_8));
        outStream.flush();
    }

    /** Reads one whole reply (all its lines), prints it, returns its code; -1 when the server said nothing in time. */
    int reply(String note) throws IOException {
        int code = -1;
        try {
            while (true) {
                String line = readLine();
                transcript.printf("S: %-50s %s%n", line, note);
                note = "";
                code = Integer.parseInt(line.substring(0, 3));
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return code;
                }
            }
        } catch (SocketTimeoutException e) {
            transcript.println("   (no reply within 5 s: the server is still waiting)");
            return -1;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return code;
        }
    }

    /** The text of the last reply line read, for challenges (334 ...). */
    private String lastLine = "";

    String lastText() {
        return lastLine.length() > 4 ? lastLine.substring(4) : "";
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 4096) {
                break;
            }
        }
        lastLine = line.toString(StandardCharsets.UTF_8);
        return lastLine;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
