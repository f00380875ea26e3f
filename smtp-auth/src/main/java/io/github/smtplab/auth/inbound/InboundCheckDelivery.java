package io.github.smtplab.auth.inbound;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardingSink;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.SessionView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The inbound checks in front of another delivery (a Maildir, a queue), as a delivery for smtp-core's server
 * (a {@link ServerHooks} answering {@link ServerHooks#onData}). As DATA arrives, each chunk goes to the
 * {@link MessageCheck} (which keeps only the header block and
 * hashes the DKIM body on the fly) and to a spool file; at the end of DATA the checks run, and the message is
 * either refused with their reply or passed on: the trace fields and the header, then the body from the spool
 * file through {@link MessageSink#transferFrom} (a Maildir copies it file to file in the kernel). The heap
 * never holds the body, whatever its size.
 *
 * <p>The spool file lives in the directory given (on the same disk as the Maildir, ideally) and is deleted
 * when the message is stored, refused or abandoned. The next delivery's sink fsyncs before its 250 as usual
 * (RFC 5321 §6.1).
 */
public final class InboundCheckDelivery implements ServerHooks {

    private final InboundChecker checker;
    private final Path spoolDirectory;
    private final ServerHooks next;

    /**
     * The checks in front of {@code next}, spooling in {@code spoolDirectory}.
     *
     * @param checker        the checks to run
     * @param spoolDirectory where messages wait while they arrive (created if missing)
     * @param next           where accepted messages go
     */
    public InboundCheckDelivery(InboundChecker checker, Path spoolDirectory, ServerHooks next) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        this.next = Objects.requireNonNull(next, "next");
    }

    /** Spools in the system's temporary directory. */
    public InboundCheckDelivery(InboundChecker checker, ServerHooks next) {
        this(checker, Path.of(System.getProperty("java.io.tmpdir")), next);
    }

    @Override
    public MessageSink onData(Envelope envelope, SessionView session) throws IOException {
        Files.createDirectories(spoolDirectory);
        Path spool = Files.createTempFile(spoolDirectory, "inbound-", ".eml");
        FileChannel file;
        try {
            file = FileChannel.open(spool, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return new CheckingSink(checker.begin(SessionIdentities.of(envelope, session)), spool, file, envelope, session);
    }

    /** One message: checked as it streams, spooled, then refused or passed on. */
    private final class CheckingSink implements MessageSink {
        private final MessageCheck check;
        private final Path spool;
        private final FileChannel file;
        private final Envelope envelope;
        private final SessionView session;

        CheckingSink(MessageCheck check, Path spool, FileChannel file, Envelope envelope, SessionView session) {
            this.check = check;
            this.spool = spool;
            this.file = file;
            this.envelope = envelope;
            this.session = session;
        }

        @Override
        public void write(ByteBuffer content) throws IOException {
            check.write(content.duplicate());
            while (content.hasRemaining()) {
                file.write(content);
            }
        }

        @Override
        public Reply complete() throws IOException {
            try {
                return switch (check.finish()) {
                    case InboundVerdict.Refuse refuse -> refuse.reply();
                    case InboundVerdict.Deliver deliver -> passOn(deliver);
                };
            } finally {
                abort();
            }
        }

        /** The trace fields and the header from memory, then the spooled body, into the next delivery. */
        private Reply passOn(InboundVerdict.Deliver deliver) throws IOException {
            long bodyStart = deliver.bodyStart();
            return ForwardingSink.passOn(next.onData(envelope, session), sink -> {
                sink.write(ByteBuffer.wrap(deliver.headerOctets(check.headerOctets())));
                sink.transferFrom(file, bodyStart, Math.max(0, file.size() - bodyStart));   // file to file, not through the heap
            });
        }

        @Override
        public void abort() {
            try {
                file.close();
                Files.deleteIfExists(spool);
            } catch (IOException ignored) {
                // a spool file left behind holds nothing anyone reads; it is in a directory of its own
            }
        }
    }
}
