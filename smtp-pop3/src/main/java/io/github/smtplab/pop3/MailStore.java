package io.github.smtplab.pop3;

import java.util.Objects;

/**
 * Where the POP3 session finds a user's maildrop once the user has authenticated (RFC 1939 §4: "the
 * POP3 server then acquires an exclusive-access lock on the maildrop"). {@link MaildirStore} is the
 * implementation on disk; tests use one in memory.
 */
@FunctionalInterface
public interface MailStore {

    /**
     * Locks and opens the maildrop of {@code user} (the identity that authenticated), taking the snapshot
     * that the whole session will see.
     */
    OpenResult open(String user);

    /** What {@link #open} found. */
    sealed interface OpenResult {

        /** The maildrop is locked for this session; release it with {@link MailboxSnapshot#release()}. */
        record Opened(MailboxSnapshot mailbox) implements OpenResult {
            public Opened {
                Objects.requireNonNull(mailbox, "mailbox");
            }
        }

        /** Another session holds the lock: {@code -ERR [IN-USE]} (RFC 2449 §8.1.2). */
        record InUse() implements OpenResult {}

        /** The maildrop cannot be opened now: {@code -ERR [SYS/TEMP]} (RFC 3206 §3); the reason is for logs. */
        record Unavailable(String reason) implements OpenResult {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
