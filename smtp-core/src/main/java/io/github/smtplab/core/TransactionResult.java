package io.github.smtplab.core;

import java.util.List;
import java.util.Optional;

/**
 * How one client transaction ended, recipient by recipient: some RCPTs may fail while others pass
 * (RFC 5321 §3.3).
 *
 * @param transaction the transaction
 * @param mailReply   the reply to MAIL, or empty when the client refused to start (see {@code localError})
 * @param recipients  the reply to each RCPT, in order (empty when MAIL failed)
 * @param finalReply  the reply after the content (or to DATA when DATA was refused); empty if not reached
 * @param localError  why the client did not start, when it did not (e.g. the server lacks 8BITMIME)
 */
public record TransactionResult(MailTransaction transaction, Optional<Reply> mailReply, List<RecipientOutcome> recipients,
                                Optional<Reply> finalReply, Optional<String> localError) {

    public TransactionResult {
        recipients = List.copyOf(recipients);
    }

    /** One RCPT and the server's answer. */
    public record RecipientOutcome(ForwardPath recipient, Reply reply) {
        /** True when the server accepted this recipient at RCPT time. */
        public boolean accepted() {
            return reply.isPositiveCompletion();
        }
    }

    /** True when the message was accepted for every recipient. */
    public boolean allAccepted() {
        return delivered() && recipients.stream().allMatch(RecipientOutcome::accepted);
    }

    /** True when the server took the message (250 after the content) for the recipients it accepted. */
    public boolean delivered() {
        return finalReply.map(Reply::isPositiveCompletion).orElse(false)
                && mailReply.map(Reply::isPositiveCompletion).orElse(false);
    }

    /** The recipients for whom the message was accepted. */
    public List<ForwardPath> acceptedRecipients() {
        return delivered() ? recipients.stream().filter(RecipientOutcome::accepted).map(RecipientOutcome::recipient).toList() : List.of();
    }
}
