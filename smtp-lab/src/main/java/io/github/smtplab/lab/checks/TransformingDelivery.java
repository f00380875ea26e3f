package io.github.smtplab.lab.checks;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardingSink;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A delivery that must see the whole message before passing it on — a DKIM signature covers the body, an
 * Authentication-Results field goes on top of the header — so it gathers the content, transforms it, then
 * hands it to the next delivery. The engine has already bounded the size (SIZE, RFC 1870).
 */
abstract class TransformingDelivery implements ServerHooks {

    /** What to do with a complete message: pass these bytes on, or refuse with this reply. */
    sealed interface Decision {
        record PassOn(byte[] message) implements Decision {}

        record Refuse(Reply reply) implements Decision {}
    }

    private final ServerHooks next;

    TransformingDelivery(ServerHooks next) {
        this.next = next;
    }

    /** The whole message has arrived: decide. */
    abstract Decision transform(Envelope envelope, SessionView session, byte[] message) throws IOException;

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) {
        return MessageSink.gathering(message -> switch (transform(envelope, session, message)) {
            case Decision.Refuse refuse -> refuse.reply();
            case Decision.PassOn passOn -> ForwardingSink.passOn(next.onData(envelope, session),
                    sink -> sink.write(ByteBuffer.wrap(passOn.message())));
        });
    }
}
