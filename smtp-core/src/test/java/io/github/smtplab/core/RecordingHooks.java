package io.github.smtplab.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hooks for tests: keeps every completed message, and counts aborted ones. */
final class RecordingHooks implements ServerHooks {

    record Delivered(Envelope envelope, String content) {}

    final List<Delivered> delivered = new ArrayList<>();
    int aborted;
    int opened;

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
        opened++;
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        return new MessageSink() {
            @Override
            public void write(ByteBuffer chunk) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                content.writeBytes(b);
            }

            @Override
            public Reply complete() {
                delivered.add(new Delivered(envelope, content.toString(StandardCharsets.UTF_8)));
                return Replies.MESSAGE_ACCEPTED;
            }

            @Override
            public void abort() {
                aborted++;
            }
        };
    }
}
