package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plays a dialogue written as {@code C:} / {@code S:} lines against a {@link ServerSession}.
 *
 * <p>Consecutive {@code C:} lines are sent together in one buffer (as a pipelining client would), each
 * ended with CRLF; the replies they produce must be exactly the {@code S:} lines that follow. The first
 * {@code S:} lines are the greeting. A line {@code C: <raw>...} is sent without its CRLF (for partial
 * lines), and {@code \r}, {@code \n}, {@code \0} in a C line stand for those bytes.
 */
final class Transcript {

    private record Step(List<String> client, List<String> server) {}

    private final List<Step> steps = new ArrayList<>();
    private final List<String> greeting = new ArrayList<>();

    private Transcript(String text) {
        List<String> client = new ArrayList<>();
        List<String> server = new ArrayList<>();
        boolean started = false;
        for (String line : text.strip().split("\n")) {
            if (line.startsWith("S: ")) {
                server.add(line.substring(3));
            } else if (line.startsWith("C: ") || line.equals("C:")) {
                if (!started) {
                    greeting.addAll(server);
                    server = new ArrayList<>();
                    started = true;
                } else if (!server.isEmpty()) {
                    steps.add(new Step(client, server));
                    client = new ArrayList<>();
                    server = new ArrayList<>();
                }
                client.add(line.length() > 3 ? line.substring(3) : "");
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("transcript lines start with C: or S: — " + line);
            }
        }
        if (!started) {
            greeting.addAll(server);
        } else {
            steps.add(new Step(client, server));
        }
    }

    static Transcript of(String text) {
        return new Transcript(text);
    }

    /** Runs the dialogue, one buffer per group of client lines; returns the session for further checks. */
    ServerSession runAgainst(ServerSession session) {
        assertThat(lines(session.start().replies())).as("greeting").containsExactlyElementsOf(greeting);
        for (Step step : steps) {
            ServerSession.Output output = session.receive(ByteBuffer.wrap(bytes(step.client())));
            assertThat(lines(output.replies())).as("replies to %s", step.client()).containsExactlyElementsOf(step.server());
        }
        return session;
    }

    /** The same dialogue with the client's bytes cut at the given positions: the replies must not change. */
    List<String> runSplit(Supplier<ServerSession> sessions, int[] cuts) {
        ServerSession session = sessions.get();
        List<String> replies = new ArrayList<>(lines(session.start().replies()));
        byte[] all = allClientBytes();
        int from = 0;
        for (int cut : cuts) {
            int to = Math.max(from, Math.min(cut, all.length));
            replies.addAll(lines(session.receive(ByteBuffer.wrap(all, from, to - from)).replies()));
            from = to;
        }
        replies.addAll(lines(session.receive(ByteBuffer.wrap(all, from, all.length - from)).replies()));
        return replies;
    }

    /** Every S: line of the transcript, greeting included, in order. */
    List<String> allServerLines() {
        List<String> all = new ArrayList<>(greeting);
        steps.forEach(s -> all.addAll(s.server()));
        return all;
    }

    byte[] allClientBytes() {
        List<String> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(s.client()));
        return bytes(all);
    }

    private static byte[] bytes(List<String> clientLines) {
        StringBuilder sb = new StringBuilder();
        for (String line : clientLines) {
            if (line.startsWith("<raw>")) {
                sb.append(unescape(line.substring(5)));
            } else {
                sb.append(unescape(line)).append("\r\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
    }

    static List<String> lines(List<Reply> replies) {
        List<String> out = new ArrayList<>();
        for (Reply r : replies) {
            for (String l : r.format().split("\r\n")) {
                out.add(l);
            }
        }
        return out;
    }
}
