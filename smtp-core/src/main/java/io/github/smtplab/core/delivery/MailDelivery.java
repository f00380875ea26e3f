package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.SessionView;
import java.io.IOException;

/**
 * Where accepted mail goes: a Maildir ({@link MaildirDelivery}), memory for tests
 * ({@link InMemoryDelivery}), or an outbound queue. A reuser implements this to store mail their way.
 */
@FunctionalInterface
public interface MailDelivery {

    /**
     * Opens the message of this transaction for all recipients of the envelope. The sink's
     * {@link MessageSink#complete()} must have the message safely stored before it returns 250.
     */
    MessageSink open(Envelope envelope, SessionView session) throws IOException;
}
