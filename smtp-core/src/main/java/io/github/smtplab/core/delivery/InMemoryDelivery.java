package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps delivered messages in memory, with the same trace fields as a Maildir: for tests and examples.
 * Like {@link MaildirDelivery}, its only hook is {@link #onData}.
 */
public final class InMemoryDelivery implements ServerHooks {

    /** One stored message: its envelope and its bytes, trace fields included. */
    public record StoredMessage(Envelope envelope, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final String hostname;
    private final List<StoredMessage> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public InMemoryDelivery(String hostname) {
        this.hostname = hostname;
    }

    /** Everything delivered so far, in order. */
    public List<StoredMessage> messages() {
        return List.copyOf(messages);
    }

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) {
        byte[] traceFields = TraceFields.finalDeliveryPrefix(envelope, session, hostname,
                "M" + ids.incrementAndGet(), ZonedDateTime.now(ZoneOffset.UTC));
        return MessageSink.gathering(content -> {
            ByteArrayOutputStream stored = new ByteArrayOutputStream(traceFields.length + content.length);
            stored.writeBytes(traceFields);
            stored.writeBytes(content);
            messages.add(new StoredMessage(envelope, stored.toByteArray()));
            return Replies.MESSAGE_ACCEPTED;
        });
    }
}
