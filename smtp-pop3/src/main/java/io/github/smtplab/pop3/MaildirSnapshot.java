package io.github.smtplab.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One locked Maildir as a POP3 session sees it (see {@link MailboxSnapshot}).
 *
 * <p>The Maildir rules followed here:
 * <ul>
 *   <li>messages are the files of {@code new/} (not yet seen by any reader) and {@code cur/} (seen);
 *       {@code tmp/} holds deliveries in progress and is never read;</li>
 *   <li>a file's name is {@code unique[:2,FLAGS]}: the unique part never changes once delivered, so it is
 *       the message's POP3 unique-id (UIDL, RFC 1939 §7), stable across sessions and across the move from
 *       new/ to cur/. A unique part outside UIDL's grammar (0x21 to 0x7E, at most 70 characters) is
 *       replaced by a digest of it, just as stable;</li>
 *   <li>"seen" is the flag {@code S} in {@code cur/NAME:2,S}; flags are kept in ASCII order.</li>
 * </ul>
 *
 * <p><b>When RETR marks a message seen.</b> Not at once: at UPDATE, with the deletions. RFC 1939 §6
 * makes UPDATE the only state in which the maildrop changes, and §8 lets a client that lost its
 * connection come back and find everything as it was; a message moved to cur/ during TRANSACTION would
 * also change the file names under the snapshot's feet. So a dropped connection changes nothing at all.
 * Messages listed but not retrieved stay in new/.
 *
 * <p><b>Sizes.</b> RFC 1939 §11: the size is the message's octets as sent, with CRLF line endings, which
 * may differ from the file's size when a delivery agent stores LF alone. The snapshot counts them once,
 * reading each file in chunks: a bare LF or bare CR counts 2 (it is sent as CRLF, as smtp-core's
 * DotStuffer sends it), and a missing final line ending counts 2.
 */
final class MaildirSnapshot implements MailboxSnapshot {

    /** RFC 1939 §7: a unique-id is 1 to 70 characters in the range 0x21 to 0x7E. */
    static final int MAX_UNIQUE_ID = 70;

    private record Message(Path file, String uniqueName, Entry entry) {}

    private final Path maildir;
    private final FileChannel lock;
    private final List<Message> messages;
    private boolean released;

    private MaildirSnapshot(Path maildir, FileChannel lock, List<Message> messages) {
        this.maildir = maildir;
        this.lock = lock;
        this.messages = messages;
    }

    /** Lists new/ and cur/ (oldest delivery first) and measures every message. */
    static MaildirSnapshot take(Path maildir, FileChannel lock) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            try (var entries = Files.list(maildir.resolve(sub))) {
                entries.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).forEach(files::add);
            }
        }
        files.sort(Comparator.comparing(MaildirSnapshot::uniqueName, MaildirSnapshot::deliveryOrder));
        List<Message> messages = new ArrayList<>();
        for (Path file : files) {
            String unique = uniqueName(file);
            try (InputStream in = Files.newInputStream(file)) {
                messages.add(new Message(file, unique, new Entry(uniqueId(unique), octetsAsSent(in))));
            } catch (java.nio.file.NoSuchFileException gone) {
                // removed by another reader between the listing and now: not part of this snapshot
            }
        }
        return new MaildirSnapshot(maildir, lock, List.copyOf(messages));
    }

    @Override
    public List<Entry> messages() {
        return messages.stream().map(Message::entry).toList();
    }

    @Override
    public MessageSource source(int index) {
        Path file = messages.get(index).file();
        return () -> Files.newInputStream(file);
    }

    @Override
    public int update(Set<Integer> deleted, Set<Integer> retrieved) {
        int failed = 0;
        try {
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                try {
                    if (deleted.contains(i)) {
                        Files.deleteIfExists(m.file());
                    } else if (retrieved.contains(i)) {
                        markSeen(m);
                    }
                } catch (IOException e) {
                    if (deleted.contains(i)) {
                        failed++;   // RFC 1939 §6: "-ERR some deleted messages not removed"
                    }
                }
            }
        } finally {
            release();
        }
        return failed;
    }

    @Override
    public void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            lock.close();   // closing the channel releases the file lock
        } catch (IOException ignored) {
            // the OS releases the lock with the descriptor
        }
    }

    /** Moves the message to {@code cur/unique:2,FLAGS} with S among the flags (the Maildir "seen"). */
    private void markSeen(Message m) throws IOException {
        String name = m.file().getFileName().toString();
        int info = name.indexOf(":2,");
        TreeSet<Character> flags = new TreeSet<>();
        if (info >= 0) {
            name.substring(info + 3).chars().forEach(c -> flags.add((char) c));
        }
        flags.add('S');
        StringBuilder target = new StringBuilder(m.uniqueName()).append(":2,");
        flags.forEach(target::append);
        Path destination = maildir.resolve("cur").resolve(target.toString());
        if (!destination.equals(m.file())) {
            Files.move(m.file(), destination, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The unique part of a Maildir file name: everything before the ":" of the info part. */
    static String uniqueName(Path file) {
        String name = file.getFileName().toString();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /**
     * Older first. Modern unique names begin {@code seconds.Mmicros...}: compare the seconds, then the
     * microseconds, as numbers (they are not zero-padded, so "M63760" comes before "M104799"); then the
     * whole name, so that the order is total and the same in every session.
     */
    private static int deliveryOrder(String a, String b) {
        int bySeconds = Long.compare(number(a, 0), number(b, 0));
        if (bySeconds != 0) {
            return bySeconds;
        }
        int byMicros = Long.compare(micros(a), micros(b));
        return byMicros != 0 ? byMicros : a.compareTo(b);
    }

    /** The microseconds after ".M" in a modern unique name, or MAX_VALUE when there are none. */
    private static long micros(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && name.startsWith("M", dot + 1) ? number(name, dot + 2) : Long.MAX_VALUE;
    }

    /** The decimal number at {@code from} (at most 18 digits), or MAX_VALUE when there is none. */
    private static long number(String name, int from) {
        int end = from;
        while (end < name.length() && end - from < 18 && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == from ? Long.MAX_VALUE : Long.parseLong(name.substring(from, end));
    }

    /** The unique part itself when it fits UIDL's grammar, else "sha256-" and the start of its digest. */
    static String uniqueId(String uniqueName) {
        boolean fits = !uniqueName.isEmpty() && uniqueName.length() <= MAX_UNIQUE_ID
                && uniqueName.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
        if (fits) {
            return uniqueName;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uniqueName.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The number of octets a message takes on the wire before byte-stuffing: every line ending counted
     * as CRLF, and a final CRLF added if the content does not end with one (RFC 1939 §11).
     */
    static long octetsAsSent(InputStream in) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long octets = 0;
        boolean crHeld = false;
        boolean atLineStart = true;
        int n;
        while ((n = in.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (crHeld) {
                    crHeld = false;
                    octets += 2;          // CRLF, whatever followed the CR
                    atLineStart = true;
                    if (b == '\n') {
                        continue;
                    }
                }
                if (b == '\r') {
                    crHeld = true;
                } else if (b == '\n') {
                    octets += 2;          // a bare LF is sent as CRLF
                    atLineStart = true;
                } else {
                    octets++;
                    atLineStart = false;
                }
            }
        }
        if (crHeld || !atLineStart) {
            octets += 2;
        }
        return octets;
    }
}
