package io.github.smtplab.mime;

import java.util.List;
import java.util.Objects;

/**
 * What SMTP needs besides the message octets (RFC 5321 §2.3.1): the reverse-path for {@code MAIL FROM}
 * and the forward-paths for {@code RCPT TO}. Bcc recipients are here but not in the header (RFC 5322 §3.6.3).
 *
 * @param sender the mailbox for MAIL FROM (the From, or the Sender when there is one)
 * @param recipients every recipient — To, Cc and Bcc — once each, in order
 */
public record Envelope(Mailbox sender, List<Mailbox> recipients) {

    /** Copies the list and requires at least one recipient (RFC 5321 §3.3: at least one RCPT). */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("RFC 5321 §3.3: a message needs at least one recipient");
        }
    }
}
