package io.github.smtplab.relay;

import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.ReversePath;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message waiting in the spool: its envelope, the recipients still to deliver, and when to try again.
 *
 * @param id          the spool's name for it
 * @param sender      the reverse-path; {@code <>} for bounces, which never bounce themselves (RFC 5321 §4.5.5)
 * @param recipients  the recipients not yet delivered nor given up
 * @param created     when it entered the queue (the maximum queue age counts from here)
 * @param attempts    delivery attempts so far
 * @param nextAttempt not before this time
 * @param lastErrors  the last reply or error per recipient, for `queue list` and the bounce
 */
public record QueueEntry(String id, ReversePath sender, List<ForwardPath> recipients, Instant created, int attempts,
                         Instant nextAttempt, Map<String, String> lastErrors) {

    public QueueEntry {
        recipients = List.copyOf(recipients);
        lastErrors = Map.copyOf(lastErrors);
    }

    /** The same entry after a failed attempt: what is left, and when to try again. */
    QueueEntry retry(List<ForwardPath> left, Instant next, Map<String, String> errors) {
        return new QueueEntry(id, sender, left, created, attempts + 1, next, errors);
    }
}
