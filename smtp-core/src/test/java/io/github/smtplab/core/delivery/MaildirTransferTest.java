package io.github.smtplab.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.ForwardingSink;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.MessageSink;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.core.TlsInfo;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body spooled to a file reaches the Maildir through {@link MessageSink#transferFrom}: the Maildir's
 * kernel copy and the default piece-by-piece copy (here through a {@link ForwardingSink}'s inner sink)
 * store the same octets as {@code write} would, from any start position, over several 64 KiB pieces.
 */
class MaildirTransferTest {

    @TempDir
    Path dir;

    private static final Mailbox BOB = new Mailbox("bob", "exemple.com");

    private static final SessionView SESSION = new SessionView() {
        @Override
        public Optional<InetSocketAddress> clientAddress() {
            return Optional.of(new InetSocketAddress("127.0.0.1", 40000));
        }

        @Override
        public Optional<String> heloDomain() {
            return Optional.of("client.example");
        }

        @Override
        public boolean extended() {
            return true;
        }

        @Override
        public Optional<TlsInfo> tls() {
            return Optional.empty();
        }

        @Override
        public Optional<String> authenticatedAs() {
            return Optional.empty();
        }

        @Override
        public boolean inTransaction() {
            return true;
        }
    };

    private static Envelope envelope() {
        return new Envelope(BOB, EsmtpParameters.NONE, List.of(new Envelope.Recipient(BOB, EsmtpParameters.NONE)));
    }

    /** The stored file minus the trace fields the delivery put before the content. */
    private static byte[] storedContent(MaildirDelivery maildir, byte[] header) throws Exception {
        List<Path> files = maildir.newMessages(BOB);
        assertThat(files).hasSize(1);
        byte[] stored = Files.readAllBytes(files.getFirst());
        int at = indexOf(stored, header);
        assertThat(at).as("the header follows the trace fields").isPositive();
        return Arrays.copyOfRange(stored, at, stored.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Path spool(byte[] junkBefore, byte[] body) throws Exception {
        Path file = dir.resolve("spool-" + System.nanoTime());
        Files.write(file, junkBefore);
        Files.write(file, body, StandardOpenOption.APPEND);
        return file;
    }

    @Test
    void kernelCopyAndPieceCopyStoreTheSpooledBody() throws Exception {
        Random random = new Random(5321);
        for (int size : new int[] {0, 1, 65535, 65536, 65537, 200_000}) {
            byte[] junk = new byte[random.nextInt(3000)];
            random.nextBytes(junk);
            byte[] body = new byte[size];
            random.nextBytes(body);
            byte[] header = ("Subject: size " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] expected = new byte[header.length + body.length];
            System.arraycopy(header, 0, expected, 0, header.length);
            System.arraycopy(body, 0, expected, header.length, body.length);
            Path spooled = spool(junk, body);

            for (boolean kernel : new boolean[] {true, false}) {
                MaildirDelivery maildir = new MaildirDelivery(dir.resolve("maildir-" + size + "-" + kernel), "mx.exemple.com");
                MessageSink inner = maildir.onData(envelope(), SESSION);
                // the piece copy: a sink that does not override transferFrom, writing into the Maildir
                MessageSink sink = kernel ? new ForwardingSink(inner) : new PlainSink(inner);
                try (FileChannel source = FileChannel.open(spooled, StandardOpenOption.READ)) {
                    sink.write(ByteBuffer.wrap(header));
                    sink.transferFrom(source, junk.length, body.length);
                }
                assertThat(sink.complete().isPositiveCompletion()).isTrue();
                assertThat(storedContent(maildir, header)).as("size %d, kernel copy %s", size, kernel).isEqualTo(expected);
            }
        }
    }

    @Test
    void aSourceShorterThanAnnouncedIsAnError() throws Exception {
        Path spooled = spool(new byte[0], new byte[100]);
        for (boolean kernel : new boolean[] {true, false}) {
            MaildirDelivery maildir = new MaildirDelivery(dir.resolve("short-" + kernel), "mx.exemple.com");
            MessageSink inner = maildir.onData(envelope(), SESSION);
            MessageSink sink = kernel ? inner : new PlainSink(inner);
            try (FileChannel source = FileChannel.open(spooled, StandardOpenOption.READ)) {
                assertThatThrownBy(() -> sink.transferFrom(source, 50, 100)).isInstanceOf(EOFException.class);
            }
            sink.abort();
            assertThat(maildir.newMessages(BOB)).isEmpty();
        }
    }

    /** A sink with only the three required methods, so that {@code transferFrom} is the interface's default. */
    private record PlainSink(MessageSink next) implements MessageSink {
        @Override
        public void write(ByteBuffer content) throws IOException {
            next.write(content);
        }

        @Override
        public Reply complete() throws IOException {
            return next.complete();
        }

        @Override
        public void abort() {
            next.abort();
        }
    }
}
