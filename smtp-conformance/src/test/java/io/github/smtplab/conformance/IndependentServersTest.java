package io.github.smtplab.conformance;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite against independent servers, compared with the outcomes recorded in {@code recorded/}: a change
 * of outcome is a regression of the suite (or a new peer version), never silently accepted.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class IndependentServersTest {

    @TempDir
    Path dir;

    static List<Outcome> runMx(int port, Path maildir) throws Exception {
        Target target = Target.of("127.0.0.1", port, "exemple.com", "bob@exemple.com", Profile.MX).withMaildir(maildir);
        return new ProbeRunner(target).run(ProbeFile.builtIn(), outcome -> { });
    }

    @Test
    @RequiresTool(value = "aiosmtpd", probe = {"/usr/bin/python3", "-c", "import aiosmtpd"}, install = "python3-aiosmtpd")
    void aiosmtpd() throws Exception {
        Path maildir = dir.resolve("aiosmtpd");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        int port = PeerProcess.freePort();
        try (PeerProcess peer = PeerProcess.startListening(List.of("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "-c", "aiosmtpd.handlers.Mailbox", maildir.toString()), port, Duration.ofSeconds(30))) {
            RecordedTable.assertMatches("aiosmtpd", runMx(port, maildir));
        }
    }

    @Test
    @RequiresTool(value = "Postfix smtp-sink", probe = {"sh", "-c", "command -v smtp-sink"}, install = "postfix")
    void smtpSink() throws Exception {
        // smtp-sink drops to user nobody, who must reach the dump directory through the test's private one
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path sink = Files.createDirectories(dir.resolve("sink"));
        Files.setPosixFilePermissions(sink, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = PeerProcess.freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> command = root
                ? List.of("smtp-sink", "-u", "nobody", "-c", "-d", sink + "/%M", "127.0.0.1:" + port, "100")
                : List.of("smtp-sink", "-c", "-d", sink + "/%M", "127.0.0.1:" + port, "100");
        try (PeerProcess peer = PeerProcess.startListening(command, port, Duration.ofSeconds(30))) {
            RecordedTable.assertMatches("smtp-sink", runMx(port, sink));
        }
    }

    @Test
    @RequiresTool(value = "Postfix smtpd (run as root: it writes /etc/postfix/main.cf)",
            probe = {"sh", "-c", "command -v postfix && [ \"$(id -u)\" = 0 ]"}, install = "postfix")
    void postfix() throws Exception {
        try (PostfixSmtpd postfix = PostfixSmtpd.start(dir)) {
            RecordedTable.assertMatches("postfix", runMx(postfix.port(), postfix.maildir()));
        }
    }
}
