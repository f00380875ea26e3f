package io.github.smtplab.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects a {@link ClientSession} to a {@link ServerSession} in memory, as the socket shells will do
 * over TCP: whatever one writes, the other receives, in chunks of a chosen size.
 */
final class EnginePump {

    final ServerSession server;
    final ClientSession client;
    final int chunk;
    final List<ClientSession.Event> events = new ArrayList<>();
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    private byte[] pendingContent;

    EnginePump(ServerSession server, ClientSession client, int chunk) {
        this.server = server;
        this.client = client;
        this.chunk = chunk;
        write(toClient, server.start().replies());
    }

    /** Runs until neither side has anything to say. */
    void run() throws SmtpProtocolException {
        for (int rounds = 0; rounds < 10_000; rounds++) {
            if (toClient.size() > 0) {
                byte[] bytes = take(toClient);
                for (int i = 0; i < bytes.length; i += chunk) {
                    handle(client.receive(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i))));
                }
            } else if (toServer.size() > 0) {
                byte[] bytes = take(toServer);
                for (int i = 0; i < bytes.length; i += chunk) {
                    write(toClient, server.receive(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i))).replies());
                }
            } else {
                return;
            }
        }
        throw new AssertionError("the dialogue does not settle");
    }

    void send(MailTransaction t, byte[] content) throws SmtpProtocolException {
        pendingContent = content;
        handle(client.send(t));
        run();
    }

    void handle(ClientSession.Output out) {
        events.addAll(out.events());
        for (Command c : out.commands()) {
            toServer.writeBytes((c.format() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.exchangeLine().ifPresent(line -> toServer.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        switch (out.content()) {
            case NONE -> { }
            case MESSAGE -> {
                toServer.writeBytes(DotStuffer.stuff(pendingContent));
                handle(client.contentSent());
            }
            case EMPTY_MESSAGE -> {
                toServer.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
                handle(client.contentSent());
            }
        }
    }

    List<TransactionResult> results() {
        return events.stream().filter(e -> e instanceof ClientSession.Event.Done).map(e -> ((ClientSession.Event.Done) e).result()).toList();
    }

    private static void write(ByteArrayOutputStream to, List<Reply> replies) {
        replies.forEach(r -> to.writeBytes(r.toBytes()));
    }

    private static byte[] take(ByteArrayOutputStream from) {
        byte[] b = from.toByteArray();
        from.reset();
        return b;
    }
}
