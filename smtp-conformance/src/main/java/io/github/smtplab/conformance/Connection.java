package io.github.smtplab.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * One TCP connection of a probe, with its transcript. Sends are buffered until the next read, so a run
 * of {@code send:} lines leaves in one write (a pipelined group, RFC 2920).
 */
final class Connection implements AutoCloseable {

    /** Lines kept in a transcript; the rest is counted. */
    static final int MAX_TRANSCRIPT = 400;
    /** Characters kept of one transcript line. */
    static final int MAX_SHOWN = 240;

    private Socket socket;
    private OutputStream out;
    private ReplyReader reader;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<TranscriptLine> transcript = new ArrayList<>();
    private int dropped;
    private boolean closed;

    private Connection(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects within {@code timeoutMillis}. */
    static Connection open(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Connection(socket);
    }

    private void use(Socket next) throws IOException {
        socket = next;
        out = next.getOutputStream();
        reader = ReplyReader.of(next);
    }

    /** Queues bytes to send, noting them in the transcript line by line. */
    void send(byte[] bytes) {
        pending.writeBytes(bytes);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end);
            note(TranscriptLine.Side.CLIENT, line, end < 0);
            start = end < 0 ? text.length() : end + 2;
        }
    }

    /** Writes what is queued. */
    void flush() throws IOException {
        if (pending.size() > 0) {
            out.write(pending.toByteArray());
            out.flush();
            pending.reset();
        }
    }

    /** Flushes, then reads one reply by the deadline; the reply (or the trouble) goes to the transcript. */
    ReadResult read(long deadlineNanos) throws IOException {
        try {
            flush();
        } catch (IOException reset) {
            // the server closed while the client was still sending (a line too long for it, say): a close
            pending.reset();
            closed = true;
            note("the server closed the connection while the client was sending (" + reset.getMessage() + ")");
            return new ReadResult.Closed(List.of());
        }
        ReadResult result = reader.read(deadlineNanos);
        List<String> lines = switch (result) {
            case ReadResult.Received r -> r.reply().lines();
            case ReadResult.Malformed m -> m.lines();
            case ReadResult.Closed c -> c.lines();
            case ReadResult.TimedOut t -> t.lines();
        };
        for (String line : lines) {
            note(TranscriptLine.Side.SERVER, line, false);
        }
        switch (result) {
            case ReadResult.Closed c -> {
                closed = true;
                note("the server closed the connection");
            }
            case ReadResult.TimedOut t -> note("no complete reply before the deadline");
            case ReadResult.Malformed m -> note("malformed reply: " + m.reason());
            case ReadResult.Received r -> { }
        }
        return result;
    }

    /** Octets received but not read yet. */
    int buffered() {
        return reader.buffered();
    }

    /** Replaces the plain socket by TLS over it. */
    void startTls(TlsClient tls, String host, int port, int timeoutMillis) throws IOException {
        flush();
        SSLSocket secure = tls.handshake(socket, host, port, timeoutMillis);
        use(secure);
        note("TLS handshake done: " + secure.getSession().getProtocol() + " " + secure.getSession().getCipherSuite()
                + (tls.verifying() ? ", certificate verified" : ", certificate not checked (no --trust)"));
    }

    /** Whether the server has closed the connection. */
    boolean closed() {
        return closed;
    }

    /** A remark of the suite in the transcript. */
    void note(String text) {
        note(TranscriptLine.Side.NOTE, text, false);
    }

    private void note(TranscriptLine.Side side, String raw, boolean noCrlf) {
        if (transcript.size() >= MAX_TRANSCRIPT) {
            dropped++;
            return;
        }
        String shown = ReplySyntax.printable(raw) + (noCrlf ? " (no CRLF)" : "");
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "... (" + raw.length() + " octets)";
        }
        transcript.add(new TranscriptLine(side, shown));
    }

    /** The dialogue so far. */
    List<TranscriptLine> transcript() {
        List<TranscriptLine> all = new ArrayList<>(transcript);
        if (dropped > 0) {
            all.add(new TranscriptLine(TranscriptLine.Side.NOTE, dropped + " more lines not shown"));
        }
        return all;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already gone: nothing to report
        }
    }
}
