package io.github.smtplab.lab.checks;

import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.SignResult;
import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;

/**
 * A submission server signs what it relays (RFC 6376 §2.1: the signing domain takes responsibility), then
 * passes the signed message to the queue.
 */
public final class DkimSigning extends TransformingDelivery {

    private final DkimSigner signer;

    public DkimSigning(DkimSigner signer, ServerHooks next) {
        super(next);
        this.signer = signer;
    }

    @Override
    Decision transform(Envelope envelope, SessionView session, byte[] message) {
        return switch (signer.sign(message)) {
            case SignResult.Signed signed -> new Decision.PassOn(signed.message());
            default -> new Decision.Refuse(Replies.LOCAL_ERROR.withText("Could not DKIM-sign the message"));
        };
    }
}
