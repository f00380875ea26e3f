package io.github.smtplab.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a dialogue written as {@code C:} / {@code S:} lines against a {@link Pop3Session}, the way
 * smtp-core's transcript tests do. Consecutive C: lines go in one buffer (pipelined), each ended by CRLF;
 * the responses, rendered on the wire by {@link ResponseWriter} (multi-line blocks and message content
 * included), must be exactly the S: lines that follow. The first S: lines are the greeting.
 */
final class Dialogue {

    private record Exchange(List<String> client, List<String> server) {}

    private final List<String> greeting = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();

    private Dialogue(String text) {
        List<String> client = new ArrayList<>();
        List<String> server = new ArrayList<>();
        boolean started = false;
        for (String line : text.strip().split("\n")) {
            if (line.startsWith("S: ") || line.equals("S:")) {
                server.add(line.length() > 3 ? line.substring(3) : "");
            } else if (line.startsWith("C: ") || line.equals("C:")) {
                if (!started) {
                    greeting.addAll(server);
                    server = new ArrayList<>();
                    started = true;
                } else if (!server.isEmpty()) {
                    exchanges.add(new Exchange(client, server));
                    client = new ArrayList<>();
                    server = new ArrayList<>();
                }
                client.add(line.length() > 3 ? line.substring(3) : "");
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("dialogue lines start with C: or S: - " + line);
            }
        }
        if (started) {
            exchanges.add(new Exchange(client, server));
        } else {
            greeting.addAll(server);
        }
    }

    static Dialogue of(String text) {
        return new Dialogue(text);
    }

    /** Runs the dialogue; returns the session for further checks. */
    Pop3Session runAgainst(Pop3Session session) {
        assertThat(render(session.start().responses())).as("greeting").containsExactlyElementsOf(greeting);
        for (Exchange exchange : exchanges) {
            Pop3Session.Output output = session.receive(ByteBuffer.wrap(clientBytes(exchange.client())));
            assertThat(render(output.responses())).as("responses to %s", exchange.client()).containsExactlyElementsOf(exchange.server());
        }
        return session;
    }

    /** Every client byte of the dialogue, in order. */
    byte[] allClientBytes() {
        List<String> all = new ArrayList<>();
        exchanges.forEach(e -> all.addAll(e.client()));
        return clientBytes(all);
    }

    static byte[] clientBytes(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append("\r\n"));
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The responses as the client reads them, one string per line. */
    static List<String> render(List<Pop3Response> responses) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try {
            ResponseWriter.write(responses, wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = wire.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return List.of();
        }
        assertThat(text).as("every response ends with CRLF").endsWith("\r\n");
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }
}
