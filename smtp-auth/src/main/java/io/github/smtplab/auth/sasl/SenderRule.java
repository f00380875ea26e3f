package io.github.smtplab.auth.sasl;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReversePath;

/**
 * Which envelope senders an authenticated user may use (RFC 6409 §6.1: the submission server may check
 * that the sender belongs to the authenticated user; refused with {@code 553 5.7.1}).
 */
@FunctionalInterface
public interface SenderRule {

    /** True when {@code identity} may send as {@code sender}. */
    boolean allows(String identity, ReversePath sender);

    /** No check: any authenticated user may use any sender. */
    SenderRule ANY = (identity, sender) -> true;

    /**
     * The user name is the whole address ({@code alice@example.com}) or its local part ({@code alice}),
     * compared exactly for the local part and case-insensitively for the domain (RFC 5321 §2.4). The
     * null sender {@code <>} is refused: bounces are not submitted by users.
     */
    static SenderRule ownAddress() {
        return (identity, sender) -> {
            if (!(sender instanceof Mailbox mailbox)) {
                return false;
            }
            int at = identity.lastIndexOf('@');
            if (at < 0) {
                return mailbox.localPart().equals(identity);
            }
            return mailbox.localPart().equals(identity.substring(0, at)) && mailbox.domain().equalsIgnoreCase(identity.substring(at + 1));
        };
    }
}
