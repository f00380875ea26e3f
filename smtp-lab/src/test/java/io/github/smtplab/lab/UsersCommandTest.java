package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.sasl.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./smtplab users add|remove|list}: the file holds verifiers that accept the password, never the password. */
class UsersCommandTest {

    @TempDir
    Path dir;

    int add(Path file, String password, String... args) {
        UsersCommand.Add add = new UsersCommand.Add();
        add.console = null;   // no terminal: the password comes from standard input
        add.input = new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8));
        CommandLine cli = new CommandLine(add);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        String[] all = new String[args.length + 2];
        all[0] = "--file";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void addWritesVerifiersOnly() throws Exception {
        Path file = dir.resolve("users.txt");
        assertThat(add(file, "correct horse", "--iterations", "4096", "alice")).isZero();
        assertThat(add(file, "battery staple", "--iterations", "4096", "--cram-md5", "bob")).isZero();
        assertThat(Files.readString(file)).doesNotContain("correct horse").doesNotContain("battery staple");
        UsersFile users = UsersFile.read(file);
        assertThat(users.find("alice").orElseThrow().password().matches("correct horse".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(users.find("alice").orElseThrow().cramSecret()).isEmpty();
        assertThat(users.find("bob").orElseThrow().cramSecret()).contains("battery staple");
    }

    @Test
    void refusesBadInput() {
        Path file = dir.resolve("users.txt");
        assertThat(add(file, "", "--iterations", "4096", "alice")).isEqualTo(Main.USAGE);
        assertThat(add(file, "pw", "--iterations", "100", "alice")).isEqualTo(Main.USAGE);
        assertThat(add(file, "pw", "--iterations", "4096", "a:b")).isEqualTo(Main.USAGE);
        assertThat(Files.exists(file)).isFalse();
    }
}
