package io.github.smtplab.pop3;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A locked maildrop as one session sees it: the messages present when TRANSACTION began, numbered from 1
 * in that order, with sizes and unique-ids that do not change during the session (RFC 1939 §5: "message
 * numbers ... and sizes remain constant"). Mail delivered meanwhile waits for the next session.
 *
 * <p>Nothing in the maildrop changes until {@link #update}, called only for QUIT in TRANSACTION (the
 * UPDATE state, RFC 1939 §6). A session that ends any other way calls {@link #release()}: no message is
 * deleted or marked.
 */
public interface MailboxSnapshot {

    /** One message of the snapshot: its unique-id (RFC 1939 §7, UIDL) and its size in octets as sent. */
    record Entry(String uniqueId, long size) {
        public Entry {
            Objects.requireNonNull(uniqueId, "uniqueId");
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative");
            }
        }
    }

    /** The messages, in order: message number n is element n-1. */
    List<Entry> messages();

    /** The stored octets of message number {@code index + 1}, read when the response is written. */
    MessageSource source(int index);

    /**
     * The UPDATE state (RFC 1939 §6): removes the messages in {@code deleted}, marks those in
     * {@code retrieved} as seen, and releases the lock. Indexes are 0-based.
     *
     * @return how many deletions could not be done (0 when all were)
     */
    int update(Set<Integer> deleted, Set<Integer> retrieved);

    /** Releases the lock without changing anything (a session that ended without QUIT). */
    void release();
}
