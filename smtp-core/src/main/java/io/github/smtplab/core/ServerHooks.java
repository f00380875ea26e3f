package io.github.smtplab.core;

import java.io.IOException;
import java.util.Optional;

/**
 * The application's say in a server session: accept or refuse the client, the sender, each recipient
 * and the message. Every method has an accepting default, so a reuser writes only what they need.
 *
 * <p>Each decision is a {@link Reply}: a 2yz reply accepts, anything else refuses with that reply (for
 * example {@link Replies#RELAY_DENIED} from {@link #onRcpt}). Syntax, ordering and limits are already
 * checked by the engine before a hook is asked.
 */
public interface ServerHooks {

    /** A client connected; a present reply refuses it (the greeting becomes that reply, RFC 5321 §3.1). */
    default Optional<Reply> onConnect(SessionView session) {
        return Optional.empty();
    }

    /** MAIL FROM passed the syntax and sequence checks; 250 accepts the sender. */
    default Reply onMail(ReversePath sender, EsmtpParameters parameters, SessionView session) {
        return Replies.SENDER_OK;
    }

    /** RCPT TO passed the checks; 250 (or 251) accepts this recipient. */
    default Reply onRcpt(ForwardPath recipient, EsmtpParameters parameters, SessionView session) {
        return Replies.RECIPIENT_OK;
    }

    /**
     * DATA or the first BDAT is accepted: where should the content go? Throwing refuses the message
     * with {@code 451 4.3.0} (a local error, RFC 5321 §4.2.3).
     */
    default MessageSink onData(Envelope envelope, SessionView session) throws IOException {
        return MessageSink.discarding();
    }

    /** VRFY (§3.5.1): by default 252, which reveals nothing (§3.5.3, §7.3). */
    default Reply onVrfy(String argument, SessionView session) {
        return Replies.CANNOT_VERIFY;
    }
}
