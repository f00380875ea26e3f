package io.github.smtplab.pop3;

import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.delivery.MaildirDelivery;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The maildrops of a Maildir tree written by smtp-core's {@link MaildirDelivery} (or any Maildir delivery
 * agent using the same layout): {@code root/bob@exemple.com/{tmp,new,cur}}. The directory for a user is
 * the one {@code MaildirDelivery.mailboxOf} gives for the user's address:
 *
 * <ul>
 *   <li>a user name with an "@" is the address itself ({@code bob@exemple.com});</li>
 *   <li>a bare name ({@code bob}) gets the store's domain when one was given, else the one directory of
 *       the tree named {@code bob@...} (several: the name is ambiguous and the session gets
 *       {@code -ERR [SYS/TEMP]} until the administrator gives the domain).</li>
 * </ul>
 *
 * <p>One session per maildrop: the lock is an OS file lock on {@code smtplab-pop3.lock} in the maildrop
 * directory (Maildir readers ignore files outside tmp/, new/ and cur/), so a second session in this
 * process or in another one gets {@code -ERR [IN-USE]}.
 */
public final class MaildirStore implements MailStore {

    /** The lock file in each maildrop. */
    public static final String LOCK_FILE = "smtplab-pop3.lock";

    private final MaildirDelivery layout;
    private final Optional<String> domain;

    /**
     * A store over a Maildir tree.
     *
     * @param root   the directory that holds one Maildir per address
     * @param domain the domain of bare user names, if any
     */
    public MaildirStore(Path root, Optional<String> domain) {
        this.layout = new MaildirDelivery(root, "pop3.invalid");   // used only for its directory layout
        this.domain = domain;
    }

    /** The directory that holds all maildrops. */
    public Path root() {
        return layout.root();
    }

    /** The Maildir of {@code user}, by the rules of the class comment, or why there is none. */
    public MaildirResult maildirOf(String user) {
        try {
            int at = user.lastIndexOf('@');
            if (at > 0) {
                return new MaildirResult.Found(layout.mailboxOf(new Mailbox(user.substring(0, at), user.substring(at + 1))));
            }
            if (domain.isPresent()) {
                return new MaildirResult.Found(layout.mailboxOf(new Mailbox(user, domain.get())));
            }
            if (!user.matches("[A-Za-z0-9._+=-]+")) {
                return new MaildirResult.NotFound("user name " + user + " cannot name a Maildir without a domain");
            }
            List<Path> candidates = Files.isDirectory(root())
                    ? listDirectories(root()).stream().filter(p -> p.getFileName().toString().startsWith(user + "@")).toList()
                    : List.of();
            return switch (candidates.size()) {
                case 0 -> new MaildirResult.Found(root().resolve(user + "@localhost"));   // no mail yet: an empty maildrop
                case 1 -> new MaildirResult.Found(candidates.getFirst());
                default -> new MaildirResult.NotFound("several Maildirs for " + user + ": give the domain");
            };
        } catch (IllegalArgumentException | IOException e) {
            return new MaildirResult.NotFound("no Maildir for " + user + ": " + e.getMessage());
        }
    }

    /** Where a user's Maildir is. */
    public sealed interface MaildirResult {
        /** The directory (it may not exist yet: no mail has come). */
        record Found(Path directory) implements MaildirResult {}

        /** No directory can be named for this user. */
        record NotFound(String reason) implements MaildirResult {}
    }

    @Override
    public OpenResult open(String user) {
        Path maildir;
        switch (maildirOf(user)) {
            case MaildirResult.Found found -> maildir = found.directory();
            case MaildirResult.NotFound notFound -> {
                return new OpenResult.Unavailable(notFound.reason());
            }
        }
        FileChannel lockChannel = null;
        try {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            lockChannel = FileChannel.open(maildir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;   // held by another session of this process
            }
            if (lock == null) {
                lockChannel.close();
                return new OpenResult.InUse();
            }
            return new OpenResult.Opened(MaildirSnapshot.take(maildir, lockChannel));
        } catch (IOException | RuntimeException e) {
            if (lockChannel != null) {
                try {
                    lockChannel.close();
                } catch (IOException ignored) {
                    // the lock goes with the channel either way
                }
            }
            return new OpenResult.Unavailable(maildir + ": " + e.getMessage());
        }
    }

    private static List<Path> listDirectories(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }
}
