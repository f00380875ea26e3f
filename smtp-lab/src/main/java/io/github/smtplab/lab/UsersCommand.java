package io.github.smtplab.lab;

import io.github.smtplab.auth.sasl.PasswordHash;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./smtplab users add --file users.txt alice}: manages the users file of {@code serve --users}.
 * The file holds salted verifiers only (PBKDF2-HMAC-SHA256, SCRAM-SHA-256); the password is read from
 * the terminal without echo, or from the first line of standard input when it is not a terminal.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Adds, removes or lists the users of a users file.",
            "The file holds salted verifiers only, never a password (see docs/smtp-auth-sasl.md)."},
        exitCodeList = {ExitCodes.OK + "the usage was printed", ExitCodes.USAGE + "the command line is wrong"},
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.List.class})
final class UsersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code users add}: creates or replaces a user. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user (or replaces its password).",
                "The password is read without echo from the terminal, or from the first line of standard input."},
            exitCodeList = {ExitCodes.OK + "added", ExitCodes.USAGE + "the command line is wrong",
                ExitCodes.TROUBLE + "the users file cannot be read or written"})
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, description = "The users file (created if missing, written rw-------).")
        Path file;

        @Option(names = "--cram-md5", description = {"Also store the recoverable secret CRAM-MD5 needs.",
            "It is the password itself: anyone who reads the file can log in as this user."})
        boolean cramMd5;

        @Option(names = "--iterations", description = "PBKDF2 and SCRAM iteration count (default ${DEFAULT-VALUE}, at least 4096).")
        int iterations = PasswordHash.DEFAULT_ITERATIONS;

        @Parameters(paramLabel = "USER", description = "The user name (the AUTH identity), e.g. alice or alice@example.com.")
        String username;

        /** Where the password comes from when there is no terminal; tests set these two. */
        InputStream input = System.in;
        Console console = System.console();

        @Override
        public Integer call() throws IOException {
            try {
                UserCredentials.checkUsername(username);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (iterations < PasswordHash.MIN_ITERATIONS || iterations > PasswordHash.MAX_ITERATIONS) {
                throw new ParameterException(spec.commandLine(), "--iterations must be in " + PasswordHash.MIN_ITERATIONS
                        + ".." + PasswordHash.MAX_ITERATIONS + " (RFC 7677 §4)");
            }
            String password = readPassword();
            UsersFile users = UsersFile.readOrEmpty(file);
            boolean replaced = users.find(username).isPresent();
            users.with(UserCredentials.create(username, password, iterations, cramMd5)).write(file);
            spec.commandLine().getOut().println((replaced ? "replaced " : "added ") + username + " in " + file
                    + (cramMd5 ? " (with a CRAM-MD5 secret: the password is recoverable from the file)" : ""));
            return Main.OK;
        }

        private String readPassword() throws IOException {
            if (console != null) {
                char[] first = console.readPassword("Password for %s: ", username);
                char[] again = console.readPassword("Again: ");
                try {
                    if (first == null || again == null || !Arrays.equals(first, again)) {
                        throw new ParameterException(spec.commandLine(), "the two passwords differ");
                    }
                    return checked(new String(first));
                } finally {
                    if (first != null) {
                        Arrays.fill(first, '\0');
                    }
                    if (again != null) {
                        Arrays.fill(again, '\0');
                    }
                }
            }
            String line = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)).readLine();
            return checked(line == null ? "" : line);
        }

        private String checked(String password) {
            if (password.isEmpty() || password.indexOf('\0') >= 0) {
                throw new ParameterException(spec.commandLine(), "empty password, or one with NUL (RFC 4616 §2)");
            }
            return password;
        }
    }

    /** {@code users remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user.",
            exitCodeList = {ExitCodes.OK + "removed", ExitCodes.NEGATIVE + "there is no such user",
                ExitCodes.USAGE + "the command line is wrong", ExitCodes.TROUBLE + "the users file cannot be read or written"})
    static final class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, description = "The users file.")
        Path file;

        @Parameters(paramLabel = "USER")
        String username;

        @Override
        public Integer call() throws IOException {
            UsersFile users = UsersFile.read(file);
            if (users.find(username).isEmpty()) {
                spec.commandLine().getErr().println("no user " + username + " in " + file);
                return Main.REFUSED;
            }
            users.without(username).write(file);
            spec.commandLine().getOut().println("removed " + username + " from " + file);
            return Main.OK;
        }
    }

    /** {@code users list}: names and which mechanisms each can use. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users and the mechanisms each can use.",
            exitCodeList = {ExitCodes.OK + "listed", ExitCodes.USAGE + "the command line is wrong",
                ExitCodes.TROUBLE + "the users file cannot be read"})
    static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, description = "The users file.")
        Path file;

        @Override
        public Integer call() throws IOException {
            for (UserCredentials u : UsersFile.read(file).users().values()) {
                spec.commandLine().getOut().println(u.username() + "  SCRAM-SHA-256 PLAIN LOGIN" + (u.cramSecret().isPresent() ? " CRAM-MD5" : ""));
            }
            return Main.OK;
        }
    }
}
