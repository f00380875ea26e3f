package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Replies;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Final delivery into Maildirs, one per recipient: {@code root/bob@exemple.com/{tmp,new,cur}}. Its only
 * hook is {@link #onData}: give it to {@link RoleHooks} as the local delivery (alone, as a server's hooks,
 * it would accept every recipient).
 *
 * <p>The Maildir convention makes delivery safe without locks:
 * <ol>
 *   <li>the message is written to a file with a unique name in {@code tmp/}, with the trace fields
 *       ({@code Return-Path:}, {@code Received:}, RFC 5321 §4.4) before it;</li>
 *   <li>when it is complete the file is flushed to disk ({@code fsync});</li>
 *   <li>it is hard-linked into the other recipients' {@code new/}, then renamed from {@code tmp/} into its
 *       own Maildir's {@code new/} (a link and a rename are atomic: a reader sees the whole message or
 *       nothing), and each {@code new/} directory is flushed;</li>
 *   <li>only then does the server reply 250 (RFC 5321 §6.1: the server has taken responsibility).</li>
 * </ol>
 * A message that fails or is abandoned half-way leaves nothing in {@code new/} and its {@code tmp/}
 * file is deleted.
 *
 * <p>Unique names follow the modern Maildir form {@code seconds.MmicrosPpidQn.host}; the host name's
 * "/" and ":" are written {@code \057} and {@code \072}. Mailbox directory names come from the address,
 * with every character outside {@code [A-Za-z0-9@._+=-]} (and a leading dot) percent-encoded, so a
 * local part such as {@code "../x"} can never leave {@code root}.
 */
public final class MaildirDelivery implements ServerHooks {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** This process's id, the {@code P} part of every unique name (asking the OS once is enough). */
    private static final long PID = ProcessHandle.current().pid();
    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    /**
     * How many mailboxes keep their directories (and an open {@code new/} to fsync) between messages;
     * beyond that, a mailbox is looked up and its {@code new/} opened afresh for each message.
     */
    static final int REMEMBERED_MAILBOXES = 256;

    private final Path root;
    private final String hostname;
    /** Mailboxes whose tmp/, new/ and cur/ exist already: no mkdir per message, one open new/ to fsync. */
    private final Map<ForwardPath, MailboxDirectories> remembered = new ConcurrentHashMap<>();
    private final String uniqueHost;

    public MaildirDelivery(Path root, String hostname) {
        this.root = root.toAbsolutePath().normalize();
        this.hostname = hostname;
        this.uniqueHost = hostname.replace("/", "\\057").replace(":", "\\072");
    }

    /** The directory that holds all mailboxes. */
    public Path root() {
        return root;
    }

    /** The Maildir of one recipient (not created). */
    public Path mailboxOf(ForwardPath recipient) {
        String name = switch (recipient) {
            case ForwardPath.Postmaster p -> "postmaster";
            case Mailbox m -> m.localPart() + "@" + m.domainLowerCase();
        };
        return root.resolve(safeDirectoryName(name));
    }

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
        List<MailboxDirectories> mailboxes = new ArrayList<>(envelope.recipients().size());
        for (Envelope.Recipient r : envelope.recipients()) {
            MailboxDirectories mailbox = directoriesOf(r.path());
            if (mailboxes.stream().noneMatch(m -> m.newDir.equals(mailbox.newDir))) {   // one copy per Maildir
                mailboxes.add(mailbox);
            }
        }
        Instant now = Instant.now();
        String stamp = uniqueStamp(now);
        String unique = stamp + "." + uniqueHost;
        Path staging = mailboxes.getFirst().tmp.resolve(unique);
        FileChannel file = FileChannel.open(staging, CREATE_NEW);
        // the Received id is the unique stamp without its dot (an Atom, RFC 5321 §4.4); the fields are
        // written together with the first content (one system call), see MaildirSink#write
        ByteBuffer prefix = ByteBuffer.wrap(TraceFields.finalDeliveryPrefix(envelope, session, hostname,
                stamp.replace(".", ""), ZonedDateTime.ofInstant(now, ZoneOffset.UTC)));
        return new MaildirSink(file, staging, unique, mailboxes, prefix);
    }

    /** The directories of one recipient's Maildir, created on first use. */
    private MailboxDirectories directoriesOf(ForwardPath recipient) throws IOException {
        MailboxDirectories known = remembered.get(recipient);
        if (known != null) {
            return known;
        }
        Path mailbox = mailboxOf(recipient);
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(mailbox.resolve(sub));
        }
        if (remembered.size() >= REMEMBERED_MAILBOXES) {
            return new MailboxDirectories(mailbox, false);
        }
        MailboxDirectories created = new MailboxDirectories(mailbox, true);
        MailboxDirectories raced = remembered.putIfAbsent(recipient, created);
        return raced != null ? raced : created;
    }

    /**
     * One Maildir's {@code tmp/} and {@code new/}. A remembered mailbox keeps {@code new/} open, to flush
     * it after each delivery without opening it again (an fsync through any descriptor of a directory
     * flushes that directory); the others open and close it each time.
     */
    private static final class MailboxDirectories {
        final Path tmp;
        final Path newDir;
        private final boolean keepOpen;
        private volatile FileChannel openNewDir;

        MailboxDirectories(Path mailbox, boolean keepOpen) {
            this.tmp = mailbox.resolve("tmp");
            this.newDir = mailbox.resolve("new");
            this.keepOpen = keepOpen;
        }

        /** Flushes {@code new/} to disk, so that the name just put there survives a crash. */
        void forceNewDir() throws IOException {
            FileChannel dir = openNewDir;
            if (dir == null) {
                if (!keepOpen) {
                    try (FileChannel once = FileChannel.open(newDir, StandardOpenOption.READ)) {
                        once.force(true);
                    }
                    return;
                }
                synchronized (this) {
                    if (openNewDir == null) {
                        openNewDir = FileChannel.open(newDir, StandardOpenOption.READ);
                    }
                    dir = openNewDir;
                }
            }
            dir.force(true);
        }
    }

    /** The sink of one message: a file in tmp/, moved into new/ (linked into every other new/) when complete. */
    private final class MaildirSink implements MessageSink {
        private final FileChannel file;
        private final Path staging;
        private final String unique;
        private final List<MailboxDirectories> mailboxes;
        /** The trace fields, until they are written with the first content. */
        private ByteBuffer prefix;

        MaildirSink(FileChannel file, Path staging, String unique, List<MailboxDirectories> mailboxes, ByteBuffer prefix) {
            this.file = file;
            this.staging = staging;
            this.unique = unique;
            this.mailboxes = mailboxes;
            this.prefix = prefix;
        }

        @Override
        public void write(ByteBuffer content) throws IOException {
            if (prefix == null) {
                writeFully(file, content);
                return;
            }
            ByteBuffer[] both = {prefix, content};   // one gathering write: trace fields, then content
            while (content.hasRemaining()) {
                file.write(both);
            }
            prefix = null;
        }

        /** A spooled body goes file to file in the kernel, straight into the tmp/ file. */
        @Override
        public void transferFrom(FileChannel source, long position, long count) throws IOException {
            if (prefix != null) {
                writeFully(file, prefix);   // the trace fields first
                prefix = null;
            }
            long end = position + count;
            for (long at = position; at < end; ) {
                long n = source.transferTo(at, end - at, file);
                if (n == 0 && at >= source.size()) {
                    throw new EOFException("the source file ended " + (end - at) + " bytes early");
                }
                at += n;
            }
        }

        @Override
        public Reply complete() throws IOException {
            List<Path> linked = new ArrayList<>(mailboxes.size());
            try {
                if (prefix != null) {
                    writeFully(file, prefix);   // an empty message: the trace fields alone
                    prefix = null;
                }
                file.force(true);   // the bytes are on disk before anyone is told so
                file.close();
                // a link into the other recipients' new/, then the tmp/ name itself moves into its own
                // Maildir's new/ (rename: atomic, and one system call instead of link + unlink); the
                // names are unique, so no file is ever replaced
                for (MailboxDirectories other : mailboxes.subList(1, mailboxes.size())) {
                    Path target = other.newDir.resolve(unique);
                    Files.createLink(target, staging);
                    linked.add(target);
                }
                Files.move(staging, mailboxes.getFirst().newDir.resolve(unique), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                for (Path done : linked) {
                    Files.deleteIfExists(done);
                }
                abort();
                throw e;
            }
            for (MailboxDirectories mailbox : mailboxes) {
                mailbox.forceNewDir();   // and so is the directory entry
            }
            return Replies.MESSAGE_ACCEPTED;
        }

        @Override
        public void abort() {
            try {
                file.close();
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // the tmp/ file may stay; Maildir readers ignore tmp/ and cleaners remove old files there
            }
        }
    }

    /** {@code seconds.MmicrosPpidQn}: unique per process (the counter) and across processes (the pid). */
    private static String uniqueStamp(Instant now) {
        return new StringBuilder(48).append(now.getEpochSecond()).append(".M").append(now.getNano() / 1000)
                .append('P').append(PID).append('Q').append(SEQUENCE.incrementAndGet()).toString();
    }

    private static void writeFully(FileChannel file, ByteBuffer content) throws IOException {
        while (content.hasRemaining()) {
            file.write(content);
        }
    }

    /** A directory name that stays one path element, whatever the address holds. */
    static String safeDirectoryName(String address) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = address.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || "@_+=-".indexOf(b) >= 0 || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b));
            }
        }
        return out.toString();
    }

    /** The Maildir convention: a file in {@code tmp/} untouched for 36 hours is abandoned. */
    public static final Duration STALE_TMP_AGE = Duration.ofHours(36);

    /**
     * Removes abandoned files from every mailbox's {@code tmp/}, as a server does when it starts: those
     * older than {@link #STALE_TMP_AGE}, and those a previous process of this server left (a crash, a
     * {@code kill -9}): their unique name ({@code seconds.MmicrosPpidQn.host}) carries this host and a
     * process id that is not running now, or that a process started after the file was named has taken
     * again. A file of a server process still running is never touched: it is a delivery in progress.
     *
     * @return how many files were removed
     */
    public int removeStaleTmpFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant now = Instant.now();
        int removed = 0;
        try (var mailboxes = Files.list(root)) {
            for (Path mailbox : mailboxes.toList()) {
                Path tmp = mailbox.resolve("tmp");
                if (!Files.isDirectory(tmp)) {
                    continue;
                }
                try (var files = Files.list(tmp)) {
                    for (Path file : files.toList()) {
                        if (isStale(file, now) && Files.deleteIfExists(file)) {
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    private boolean isStale(Path file, Instant now) throws IOException {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(STALE_TMP_AGE))) {
            return true;
        }
        Matcher name = UNIQUE_NAME.matcher(file.getFileName().toString());
        if (!name.matches() || !name.group(3).equals(uniqueHost)) {
            return false;   // not ours: only the age rule applies
        }
        long pid = Long.parseLong(name.group(2));
        Instant named = Instant.ofEpochSecond(Long.parseLong(name.group(1)));
        if (pid == PID) {
            return false;   // this process: a delivery in progress
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || process.get().info().startInstant().map(started -> started.isAfter(named)).orElse(false);
    }

    /** {@code seconds.MmicrosPpidQn.host}, as {@link #uniqueStamp()} writes it. */
    private static final Pattern UNIQUE_NAME = Pattern.compile("(\\d+)\\.M\\d+P(\\d+)Q\\d+\\.(.+)");

    /** Messages in a mailbox's new/, for tests and the lab. */
    public List<Path> newMessages(ForwardPath recipient) throws IOException {
        Path dir = mailboxOf(recipient).resolve("new");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** True when some tmp/ under root still holds a file (a delivery in progress or a leftover). */
    public boolean hasTmpFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (var mailboxes = Files.list(root)) {
            for (Path mailbox : mailboxes.toList()) {
                Path tmp = mailbox.resolve("tmp");
                if (Files.isDirectory(tmp)) {
                    try (var files = Files.list(tmp)) {
                        if (files.findAny().isPresent()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
