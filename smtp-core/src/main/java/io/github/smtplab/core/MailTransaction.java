package io.github.smtplab.core;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a client wants to send in one transaction: the envelope and what it knows of the content.
 * The client engine adds the parameters the server's extensions call for (SIZE, BODY=8BITMIME,
 * SMTPUTF8) and refuses to start when the content needs an extension the server lacks.
 *
 * @param sender     the reverse-path (MAIL FROM)
 * @param recipients the forward-paths (one RCPT each), at least one
 * @param size       the content's size in octets, when known (declared with SIZE, RFC 1870 §3)
 * @param eightBit   the content has octets over 127 (needs 8BITMIME, RFC 6152 §3)
 */
public record MailTransaction(ReversePath sender, List<ForwardPath> recipients, OptionalLong size, boolean eightBit) {

    public MailTransaction {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one recipient (RFC 5321 section 3.3)");
        }
    }

    /** True when an address has non-ASCII characters: the transaction needs SMTPUTF8 (RFC 6531 §3.4). */
    public boolean needsSmtpUtf8() {
        return (sender instanceof Mailbox m && m.needsSmtpUtf8())
                || recipients.stream().anyMatch(r -> r instanceof Mailbox m && m.needsSmtpUtf8());
    }
}
