package io.github.smtplab.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The executable docs: every command of the {@code sh} blocks of README.md and docs/*.md runs as written, one
 * document after the other, and ends as the document says (see {@link DocCommands} for the conventions).
 *
 * <p>Each document runs in a fresh directory holding what a fresh clone gives a reader there: the launcher
 * {@code ./smtplab}, {@code bin/select-jdk.sh} and {@code samples/}; the directory, and whatever the
 * commands wrote into it, is deleted afterwards. The launcher runs the jar this build has just made
 * ({@code SMTPLAB_JAR}) on this test's JDK, instead of starting a Maven build inside the Maven build.
 * Every command has a deadline; servers ({@code # until Ctrl-C}) are stopped at the end of their document.
 * {@code ./mvnw} commands are not run (it is the build running this test) and are counted as skipped.
 *
 * <p>Runs in {@code ./mvnw verify} as a Failsafe integration test (integration-test phase, after the jar is
 * packaged). System properties from the pom: {@code smtplab.root} and {@code smtplab.jar}.
 */
class ExecutableDocsIT {

    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(120);
    private static final Duration SERVER_READY_DEADLINE = Duration.ofSeconds(60);
    /** Fewer than this many commands run means the documents lost their commands, or this test its way. */
    private static final int AT_LEAST = 25;

    private static final AtomicInteger ran = new AtomicInteger();
    private static final List<String> skipped = new ArrayList<>();

    private static Path root() {
        return Path.of(System.getProperty("smtplab.root", "..")).toAbsolutePath().normalize();
    }

    private static Path jar() {
        return Path.of(System.getProperty("smtplab.jar", "target/smtplab.jar")).toAbsolutePath().normalize();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRunsAsWritten() throws IOException {
        assertThat(jar()).as("the jar this build made (package phase)").isRegularFile();
        List<Path> documents = new ArrayList<>(List.of(root().resolve("README.md")));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents.stream().map(doc -> {
            String name = root().relativize(doc).toString();
            return DynamicTest.dynamicTest(name, () -> runDocument(name, Files.readString(doc, StandardCharsets.UTF_8)));
        });
    }

    @AfterAll
    static void enoughCommandsRan() {
        System.out.printf("executable docs: %d commands run, %d skipped%n", ran.get(), skipped.size());
        skipped.forEach(s -> System.out.println("  skipped " + s));
        assertThat(ran.get()).as("documented commands run").isGreaterThanOrEqualTo(AT_LEAST);
    }

    private void runDocument(String name, String markdown) throws Exception {
        List<DocCommand> commands = DocCommands.parse(name, markdown);
        Path work = Files.createTempDirectory("smtplab-docs-");
        List<Process> servers = new ArrayList<>();
        try {
            freshClone(work);
            for (DocCommand command : commands) {
                run(command, work, servers);
            }
        } finally {
            servers.forEach(ExecutableDocsIT::stop);
            deleteTree(work);
        }
    }

    private void run(DocCommand command, Path work, List<Process> servers) throws Exception {
        if (command.text().startsWith("./mvnw")) {
            skipped.add(command.where() + ": " + command.text() + " (the Maven build running this test)");
            return;
        }
        String tool = command.text().split("\\s+")[0];
        if (!tool.startsWith("./") && !onPath(tool)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(command.where() + ": " + tool + " is not installed (CI must have it): " + command.text());
            }
            skipped.add(command.where() + ": " + command.text() + " (" + tool + " not installed)");
            return;
        }
        Path log = Files.createTempFile(work, "command-", ".log");
        switch (command.expected()) {
            case DocCommand.Malformed m -> throw new AssertionError(command.where() + ": " + m.reason() + ": " + command.text());
            case DocCommand.Exits exits -> {
                Process process = start(command, work, log);
                if (!process.waitFor(COMMAND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    stop(process);
                    throw failure(command, "did not finish within " + COMMAND_DEADLINE.toSeconds() + " s", log);
                }
                if (process.exitValue() != exits.code()) {
                    throw failure(command, "exited with " + process.exitValue() + ", the document says " + exits.code(), log);
                }
            }
            case DocCommand.RunsUntilStopped server -> {
                String host = server.host().replace("[", "").replace("]", "");
                if (accepts(host, server.port())) {
                    throw failure(command, "port " + server.port() + " is already taken by another program", log);
                }
                Process process = start(command, work, log);
                servers.add(process);
                long deadline = System.nanoTime() + SERVER_READY_DEADLINE.toNanos();
                while (!accepts(host, server.port())) {
                    if (!process.isAlive()) {
                        throw failure(command, "stopped (exit " + process.exitValue() + ") instead of serving", log);
                    }
                    if (System.nanoTime() > deadline) {
                        throw failure(command, "was not listening on " + server.port() + " after " + SERVER_READY_DEADLINE.toSeconds() + " s", log);
                    }
                    Thread.sleep(100);
                }
            }
        }
        ran.incrementAndGet();
    }

    /** What a fresh clone has that the commands use, and nothing of this build's state. */
    private static void freshClone(Path work) throws IOException {
        copyTree(root().resolve("samples"), work.resolve("samples"));
        copyTree(root().resolve("exercises"), work.resolve("exercises"));   // ./smtplab learn reads the course
        Files.createDirectories(work.resolve("bin"));
        Files.copy(root().resolve("bin/select-jdk.sh"), work.resolve("bin/select-jdk.sh"));
        Files.copy(root().resolve("smtplab"), work.resolve("smtplab"));
        work.resolve("smtplab").toFile().setExecutable(true);
    }

    private static Process start(DocCommand command, Path work, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command.text())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        String javaHome = System.getProperty("java.home");
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().put("PATH", javaHome + "/bin:" + System.getenv("PATH"));
        builder.environment().put("SMTPLAB_JAR", jar().toString());
        return builder.start();
    }

    private static AssertionError failure(DocCommand command, String what, Path log) {
        String output;
        try {
            output = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            output = "(output unreadable: " + e.getMessage() + ")";
        }
        if (output.length() > 6000) {
            output = "...\n" + output.substring(output.length() - 6000);
        }
        return new AssertionError(command.where() + ": `" + command.text() + "` " + what + "; its output:\n" + output);
    }

    /** Stops a command and everything it started (a shell, the launcher, the JVM). */
    private static void stop(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException no) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        if (tool.contains("/")) {   // an absolute or relative path, such as /usr/bin/python3
            return Files.isExecutable(Path.of(tool));
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** Copies a tracked folder as a clone has it: no build output, no learner progress. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                String relative = from.relativize(p).toString();
                if (relative.matches("(.*/)?(target|\\.progress|\\.attempts)(/.*)?")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
