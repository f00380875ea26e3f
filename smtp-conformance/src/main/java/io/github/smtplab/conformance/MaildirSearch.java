package io.github.smtplab.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for bytes in the messages a server delivered: every regular file under the directory (a Maildir's
 * {@code new/} and {@code cur/}, or a flat directory of files such as smtp-sink's), at most four levels deep,
 * except those in {@code tmp/}: a Maildir message is delivered only once moved out of it (a message being
 * received, or one being thrown away after a dropped connection, may sit there for a moment).
 */
final class MaildirSearch {

    /** Files larger than this are not read. */
    static final long MAX_FILE = 64L * 1024 * 1024;

    private final Path root;

    MaildirSearch(Path root) {
        this.root = root;
    }

    /** Polls until a file contains {@code wanted}, for at most {@code millis}. */
    boolean awaitContaining(byte[] wanted, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            if (anyContaining(wanted)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    /** Whether a delivered file contains {@code wanted} now. */
    boolean anyContaining(byte[] wanted) throws IOException {
        return anyContaining(wanted, new byte[0]);
    }

    /** Whether a delivered file contains {@code wanted} and not {@code carrier} (ignored when empty). */
    boolean anyContaining(byte[] wanted, byte[] carrier) throws IOException {
        if (!Files.isDirectory(root)) {
            return false;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 4)) {
            files = walk.filter(Files::isRegularFile).filter(this::delivered).toList();
        } catch (IOException | UncheckedIOException moving) {
            return false;   // a file was renamed while we walked (tmp/ to new/): the next look sees it
        }
        for (Path file : files) {
            try {
                if (Files.size(file) <= MAX_FILE) {
                    byte[] content = Files.readAllBytes(file);
                    if (indexOf(content, wanted) >= 0 && (carrier.length == 0 || indexOf(content, carrier) < 0)) {
                        return true;
                    }
                }
            } catch (IOException vanished) {
                // a file moved from new/ to cur/ while we looked: the next look finds it
            }
        }
        return false;
    }

    /** Whether a file counts as delivered: not under a {@code tmp/} directory, where a Maildir writer works. */
    private boolean delivered(Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().equals("tmp")) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code needle} in {@code haystack}, or -1. */
    static int indexOf(byte[] haystack, byte[] needle) {
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
}
