package io.github.smtplab.auth.sasl;

import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TlsInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Plays the {@code C:} lines of a transcript into a {@link ServerSession} and writes down what really
 * happened, in the same form, so a test compares two text blocks. A line {@code -- TLS} stands for a
 * completed STARTTLS handshake ({@link ServerSession#tlsStarted}).
 */
final class Dialogue {

    private Dialogue() {}

    static final TlsInfo TLS = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.empty());

    static String play(ServerSession session, String script) {
        StringBuilder out = new StringBuilder();
        append(out, session.start().replies());
        for (String line : script.strip().split("\n")) {
            if (line.equals("-- TLS")) {
                session.tlsStarted(TLS);
                out.append(line).append('\n');
            } else if (line.startsWith("C:")) {
                out.append(line).append('\n');
                ServerSession.Output o = session.receive(ByteBuffer.wrap((line.substring(Math.min(3, line.length())) + "\r\n").getBytes(StandardCharsets.UTF_8)));
                append(out, o.replies());
                if (o.action() == ServerSession.Action.CLOSE) {
                    out.append("-- closed\n");
                }
            }
        }
        return out.toString();
    }

    /** Sends one line and returns the replies' text, {@code "334 xyz"}. */
    static List<Reply> send(ServerSession session, String line) {
        return session.receive(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8))).replies();
    }

    private static void append(StringBuilder out, List<Reply> replies) {
        for (Reply r : replies) {
            for (String l : r.format().split("\r\n")) {
                out.append("S: ").append(l).append('\n');
            }
        }
    }
}
