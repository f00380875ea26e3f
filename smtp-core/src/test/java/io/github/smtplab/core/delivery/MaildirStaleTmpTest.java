package io.github.smtplab.core.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Maildir convention's cleaning at start: {@code tmp/} files older than 36 hours, and those a
 * previous process of this server left (a killed server), go; a delivery in progress stays.
 */
class MaildirStaleTmpTest {

    @TempDir
    Path root;

    private Path tmpFile(String name) throws Exception {
        Path tmp = root.resolve("bob@exemple.com").resolve("tmp");
        Files.createDirectories(tmp);
        return Files.writeString(tmp.resolve(name), "half a message");
    }

    /** A process id that is not running: one of a child that has exited. */
    private static long deadPid() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        return child.pid();
    }

    @Test
    void staleTmpFilesAreRemovedAndDeliveriesInProgressKept() throws Exception {
        MaildirDelivery maildir = new MaildirDelivery(root, "mx.exemple.com");
        long now = Instant.now().getEpochSecond();
        Path killed = tmpFile(now + ".M1P" + deadPid() + "Q1.mx.exemple.com");
        Path ancient = tmpFile("1700000000.M1P1Q1.elsewhere.example");
        Files.setLastModifiedTime(ancient, FileTime.from(Instant.now().minus(Duration.ofHours(40))));
        Path mine = tmpFile(now + ".M1P" + ProcessHandle.current().pid() + "Q1.mx.exemple.com");
        Path otherHost = tmpFile(now + ".M1P" + deadPid() + "Q1.other.example");   // another server's: only age counts
        // pid 1 started long before this name was made: a live server process of ours, mid-delivery
        Path livePeer = tmpFile(now + ".M1P1Q1.mx.exemple.com");

        assertThat(maildir.removeStaleTmpFiles()).isEqualTo(2);

        assertThat(killed).doesNotExist();
        assertThat(ancient).doesNotExist();
        assertThat(mine).exists();
        assertThat(otherHost).exists();
        assertThat(livePeer).exists();
    }

    @Test
    void aMissingRootHasNothingToClean() throws Exception {
        assertThat(new MaildirDelivery(root.resolve("absent"), "mx.exemple.com").removeStaleTmpFiles()).isZero();
    }
}
