package io.github.smtplab.relay;

import io.github.smtplab.core.Command;
import io.github.smtplab.core.CommandParser;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.ReversePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A durable spool directory for outgoing mail. Nothing is ever half-written where a reader looks:
 * every file is written under a temporary name in {@code tmp/}, flushed to disk, then renamed into place
 * (a rename is atomic), and the directory is flushed. The message goes first ({@code msg/ID.eml}), the
 * envelope last ({@code env/ID.env}): an entry exists once its envelope does, so a crash between the two
 * leaves only an orphan message that the next start removes.
 *
 * <pre>
 * sender &lt;alice@monentreprise.fr&gt;
 * created 1764435403
 * attempts 1
 * next 1764435703
 * rcpt &lt;bob@exemple.com&gt;
 * error &lt;bob@exemple.com&gt; 451 4.3.0 try again later
 * </pre>
 */
public final class Spool {

    private final Path tmp;
    private final Path messages;
    private final Path envelopes;
    private final CommandParser parser = new CommandParser();

    public Spool(Path root) throws IOException {
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        this.messages = Files.createDirectories(root.resolve("msg"));
        this.envelopes = Files.createDirectories(root.resolve("env"));
        removeOrphans();
    }

    /** Queues a message; when this returns, it survives a crash. */
    public synchronized QueueEntry enqueue(ReversePath sender, List<? extends ForwardPath> recipients, byte[] message, Instant now)
            throws IOException {
        String id = now.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
        writeAtomically(messages.resolve(id + ".eml"), message);
        QueueEntry entry = new QueueEntry(id, sender, List.copyOf(recipients), now, 0, now, Map.of());
        save(entry);
        return entry;
    }

    /**
     * Starts a message that arrives in chunks (a relayed message, streamed to disk as it comes); nothing
     * is queued until {@link Incoming#commit(Instant)}.
     */
    public Incoming receive(ReversePath sender, List<? extends ForwardPath> recipients) throws IOException {
        String id = Instant.now().getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path temporary = tmp.resolve(id + ".eml.incoming");
        return new Incoming(id, sender, List.copyOf(recipients), temporary,
                FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** A message being written into the spool. */
    public final class Incoming {
        private final String id;
        private final ReversePath sender;
        private final List<ForwardPath> recipients;
        private final Path temporary;
        private final FileChannel file;

        private Incoming(String id, ReversePath sender, List<ForwardPath> recipients, Path temporary, FileChannel file) {
            this.id = id;
            this.sender = sender;
            this.recipients = recipients;
            this.temporary = temporary;
            this.file = file;
        }

        /** Appends a chunk. */
        public void write(ByteBuffer chunk) throws IOException {
            while (chunk.hasRemaining()) {
                file.write(chunk);
            }
        }

        /** Flushes the message to disk and queues it (message renamed into place, then its envelope). */
        public QueueEntry commit(Instant now) throws IOException {
            file.force(true);
            file.close();
            Files.move(temporary, messages.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(messages);
            QueueEntry entry = new QueueEntry(id, sender, recipients, now, 0, now, Map.of());
            save(entry);
            return entry;
        }

        /** Drops the message. */
        public void abort() {
            try {
                file.close();
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover in tmp/ is removed when the spool is next opened
            }
        }
    }

    /** Every entry, oldest first. */
    public synchronized List<QueueEntry> entries() throws IOException {
        List<QueueEntry> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(envelopes)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                read(name.substring(0, name.length() - ".env".length())).ifPresent(all::add);
            }
        }
        return all;
    }

    /** The message bytes of an entry. */
    public byte[] message(QueueEntry entry) throws IOException {
        return Files.readAllBytes(messages.resolve(entry.id() + ".eml"));
    }

    /** Rewrites an entry's envelope (after an attempt), atomically. */
    public synchronized void save(QueueEntry entry) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("sender ").append(entry.sender().toPathString()).append('\n');
        text.append("created ").append(entry.created().getEpochSecond()).append('\n');
        text.append("attempts ").append(entry.attempts()).append('\n');
        text.append("next ").append(entry.nextAttempt().getEpochSecond()).append('\n');
        entry.recipients().forEach(r -> text.append("rcpt ").append(r.toPathString()).append('\n'));
        entry.lastErrors().forEach((rcpt, error) -> text.append("error ").append(rcpt).append(' ')
                .append(error.replace('\n', ' ').replace('\r', ' ')).append('\n'));
        writeAtomically(envelopes.resolve(entry.id() + ".env"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Removes an entry: envelope first (so it stops existing), then its message. */
    public synchronized void remove(QueueEntry entry) throws IOException {
        Files.deleteIfExists(envelopes.resolve(entry.id() + ".env"));
        Files.deleteIfExists(messages.resolve(entry.id() + ".eml"));
        forceDirectory(envelopes);
    }

    private Optional<QueueEntry> read(String id) throws IOException {
        Path file = envelopes.resolve(id + ".env");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ReversePath sender = ReversePath.NULL;
        Instant created = Instant.EPOCH;
        Instant next = Instant.EPOCH;
        int attempts = 0;
        List<ForwardPath> recipients = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String key = line.substring(0, space);
            String value = line.substring(space + 1);
            switch (key) {
                case "sender" -> sender = ((Command.MailFrom) parser.parse("MAIL FROM:" + value)).path();
                case "created" -> created = Instant.ofEpochSecond(Long.parseLong(value));
                case "attempts" -> attempts = Integer.parseInt(value);
                case "next" -> next = Instant.ofEpochSecond(Long.parseLong(value));
                case "rcpt" -> recipients.add(((Command.RcptTo) parser.parse("RCPT TO:" + value)).path());
                case "error" -> {
                    int end = value.indexOf(' ');
                    errors.put(value.substring(0, end), value.substring(end + 1));
                }
                default -> { }
            }
        }
        return Optional.of(new QueueEntry(id, sender, recipients, created, attempts, next, errors));
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path temporary = tmp.resolve(target.getFileName() + "." + UUID.randomUUID());
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            file.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** A message whose envelope never got written (a crash in between), and temporary files: gone. */
    private void removeOrphans() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        try (Stream<Path> files = Files.list(messages)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!Files.exists(envelopes.resolve(name.substring(0, name.length() - ".eml".length()) + ".env"))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
