package io.github.smtplab.relay;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.delivery.TraceFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Relaying: the server accepts a message for other domains by writing it into the spool (with its own
 * {@code Received:} field, RFC 5321 §4.4), on disk before the 250; the {@link QueueRunner} delivers it.
 */
public final class SpoolDelivery implements ServerHooks {

    private final Spool spool;
    private final String hostname;
    private final Clock clock;
    private final Runnable wakeUp;

    /** @param wakeUp called after each queued message, to start delivery without waiting for the next run */
    public SpoolDelivery(Spool spool, String hostname, Clock clock, Runnable wakeUp) {
        this.spool = spool;
        this.hostname = hostname;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
        List<ForwardPath> recipients = envelope.recipients().stream().map(Envelope.Recipient::path).toList();
        Spool.Incoming incoming = spool.receive(envelope.sender(), recipients);
        // a relay adds Received (not Return-Path, which belongs to the final delivery)
        incoming.write(ByteBuffer.wrap(TraceFields.received(session, hostname, "Q" + Long.toString(clock.millis(), 36), recipients,
                clock.instant().atZone(ZoneOffset.UTC)).getBytes(StandardCharsets.UTF_8)));
        return new MessageSink() {
            @Override
            public void write(ByteBuffer content) throws IOException {
                incoming.write(content);
            }

            @Override
            public Reply complete() throws IOException {
                incoming.commit(clock.instant());
                wakeUp.run();
                return Replies.MESSAGE_ACCEPTED.withText("Queued for relay");
            }

            @Override
            public void abort() {
                incoming.abort();
            }
        };
    }
}
