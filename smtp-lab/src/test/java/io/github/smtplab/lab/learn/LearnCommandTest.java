package io.github.smtplab.lab.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.lab.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./smtplab learn} on a copy of two real exercises (01 and 03): the path, the first failure and its
 * hint, progress, hints remembered, {@code try} inside the lab, and {@code reset} from git.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LearnCommandTest {

    /** Maven runs smtp-lab's tests in smtp-lab/: the course is beside it. */
    private static final Path COURSE = Path.of("..", "exercises").toAbsolutePath().normalize();

    @TempDir
    Path repository;

    private Path exercises;

    @BeforeEach
    void copyTwoExercises() throws IOException {
        exercises = repository.resolve("exercises");
        for (String id : List.of("01-reply-parser", "03-dot-stuffing")) {
            copy(COURSE.resolve(id), exercises.resolve(id));
            copy(COURSE.resolve("solutions").resolve(id), exercises.resolve("solutions").resolve(id));
        }
    }

    private record Run(int exit, String out) {}

    private Run learn(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of("learn"), Stream.concat(Stream.of(arguments), Stream.of("--course", exercises.toString())))
                .toArray(String[]::new);
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out + err.toString());
    }

    private void solve(String id, String file) throws IOException {
        Files.copy(exercises.resolve("solutions").resolve(id).resolve(file), exercises.resolve(id).resolve("src").resolve(file),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void firstRunShowsThePathTheFirstFailureAndItsHint() {
        Run run = learn();
        assertThat(run.exit()).as("the untouched stub fails: exit 1\n%s", run.out()).isEqualTo(1);
        assertThat(run.out()).as("the path, the failure, the hint").contains("→ 01  Reading an SMTP reply", "· 03")
                .contains("First failure: RFC 5321 4.2:").contains("exercise 01: write read()")
                .contains("Hint: Loop over lines").contains("exercises/01-reply-parser/src/");
    }

    @Test
    void aPassingExerciseIsDoneAndTheNextOneRuns() throws IOException {
        solve("01-reply-parser", "ReplyParser.java");
        Run run = learn();
        assertThat(run.out()).as("01 passes, then 03 runs and fails\n%s", run.out())
                .contains("01 Reading an SMTP reply: 8/8 tests pass").contains("exercise 03: write stuff()");
        assertThat(run.exit()).as("03 still fails").isEqualTo(1);
        Run again = learn();
        assertThat(again.out()).as("the cache remembers 01 by the hash of its files\n%s", again.out()).contains("✓ 01").contains("→ 03");
        solve("03-dot-stuffing", "DotStuffer.java");
        Run all = learn();
        assertThat(all.exit()).as("every exercise passes: exit 0\n%s", all.out()).isZero();
        assertThat(all.out()).contains("Every exercise passes");
    }

    @Test
    void oneExerciseListsEveryTest() throws IOException {
        solve("03-dot-stuffing", "DotStuffer.java");
        Run run = learn("03");
        assertThat(run.exit()).as("03 passes\n%s", run.out()).isZero();
        assertThat(run.out()).as("one line per test, with its RFC rule").contains("✓ RFC 5321 4.5.2: the first line is a line too");
    }

    @Test
    void hintsComeOneAfterTheOtherAndAreRemembered() {
        Run first = learn("hint", "01");
        Run second = learn("hint", "01", "--lang", "fr");
        assertThat(first.out()).as("the first hint").contains("hint 1/3").contains("Loop over lines");
        assertThat(second.out()).as("the second, in French for the runner's words").contains("indice 2/3").contains("Remember the code of the first line");
    }

    @Test
    void tryPutsTheDotStufferInTheLab() throws IOException {
        solve("03-dot-stuffing", "DotStuffer.java");
        Run run = learn("try", "03");
        assertThat(run.exit()).as("the server accepted the message\n%s", run.out()).isZero();
        assertThat(run.out()).contains("C: ..NET et Java").contains("S: 250").contains("exactly as Alice wrote it");
        Run stub = learn("try", "01");
        assertThat(stub.exit()).as("no try for 01 yet: exit 2").isEqualTo(2);
    }

    @Test
    void tryPutsTheDkimVerifierOnTheDeliveredMessage() throws IOException {
        copy(COURSE.resolve("24-dkim-verify"), exercises.resolve("24-dkim-verify"));
        copy(COURSE.resolve("solutions/24-dkim-verify"), exercises.resolve("solutions/24-dkim-verify"));
        solve("24-dkim-verify", "DkimRsaVerifier.java");
        Run run = learn("try", "24");
        assertThat(run.exit()).as("the learner's verdicts agree with smtplab's\n%s", run.out()).isZero();
        assertThat(run.out()).as("the signature, the signed bytes, three verdicts\n%s", run.out()).contains("DKIM-Signature: v=1; a=rsa-sha256")
                .contains("dkim-signature:v=1; a=rsa-sha256").contains("your verify(): pass   smtplab: pass")
                .contains("Subject changed on the way:").contains("one word of the body changed:");
        Path file = exercises.resolve("24-dkim-verify/src/DkimRsaVerifier.java");
        Files.writeString(file, Files.readString(file).replace("if (!Base64.getEncoder().encodeToString(bodyHash).equals(", "if (false && !Base64.getEncoder().encodeToString(bodyHash).equals("));
        Run unchecked = learn("try", "24");
        assertThat(unchecked.exit()).as("a verifier that never checks bh= passes the changed body: smtplab disagrees\n%s", unchecked.out()).isEqualTo(1);
        assertThat(unchecked.out()).as("the disagreement is marked").containsPattern("body changed: +your verify\\(\\): pass .*fail.*✗");
    }

    @Test
    void tryPutsTheCapstoneServerUnderTheCoreProfile() throws IOException {
        copy(COURSE.resolve("25-capstone-server"), exercises.resolve("25-capstone-server"));
        copy(COURSE.resolve("solutions/25-capstone-server"), exercises.resolve("solutions/25-capstone-server"));
        Run stub = learn("try", "25");
        assertThat(stub.exit()).as("the stub serves nothing\n%s", stub.out()).isEqualTo(1);
        assertThat(stub.out()).contains("still the stub").contains("exercise 25: write serve()");
        solve("25-capstone-server", "CapstoneServer.java");
        Run run = learn("try", "25");
        assertThat(run.exit()).as("the reference takes the demo's message and passes every MUST of core\n%s", run.out()).isZero();
        assertThat(run.out()).as("the dialogue, the Maildir, the suite's summary\n%s", run.out()).contains("C: MAIL FROM:<alice@monentreprise.fr>")
                .contains("S: 250").contains("new/ holds 1 file(s)").contains("Subject: =?UTF-8?").contains("the message landed as Alice's client sent it")
                .containsPattern("core: [1-9][0-9]* passed, 0 failed, [0-9]+ skipped, [0-9]+ warned");
    }

    @Test
    void tryNamesTheCoreMustACapstoneBreaks() throws IOException {
        copy(COURSE.resolve("25-capstone-server"), exercises.resolve("25-capstone-server"));
        copy(COURSE.resolve("solutions/25-capstone-server"), exercises.resolve("solutions/25-capstone-server"));
        solve("25-capstone-server", "CapstoneServer.java");
        Path file = exercises.resolve("25-capstone-server/src/CapstoneServer.java");
        String unstuffing = "String text = line.startsWith(\".\") ? line.substring(1) : line;";
        assertThat(Files.readString(file)).contains(unstuffing);
        Files.writeString(file, Files.readString(file).replace(unstuffing, "String text = line;"));   // known-bad not-unstuffed
        Run run = learn("try", "25");
        assertThat(run.exit()).as("the extra periods stay in the Maildir: a MUST of RFC 5321 4.5.2 fails\n%s", run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern("✗ MUST data\\.[a-z-]*dot[a-z-]* \\(RFC 5321 4\\.5\\.2\\)").containsPattern("core: [0-9]+ passed, [1-9][0-9]* failed");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)   // the client's 10 s wait for the greeting, and no suite after it
    void tryEndsWhenTheCapstoneNeverAnswers() throws IOException {
        copy(COURSE.resolve("25-capstone-server"), exercises.resolve("25-capstone-server"));
        Files.writeString(exercises.resolve("25-capstone-server/src/CapstoneServer.java"), """
                import java.io.IOException;
                import java.net.ServerSocket;
                import java.net.Socket;
                import java.nio.file.Path;
                import java.util.ArrayList;
                import java.util.List;

                final class CapstoneServer {
                    /** Takes every connection and never says a word. */
                    static void serve(ServerSocket listener, String hostname, Path maildir) throws IOException {
                        List<Socket> silent = new ArrayList<>();
                        while (true) {
                            silent.add(listener.accept());
                        }
                    }
                }
                """);
        Run run = learn("try", "25");
        assertThat(run.exit()).as("no greeting: exit 1\n%s", run.out()).isEqualTo(1);
        assertThat(run.out()).as("a clear message, no suite\n%s", run.out()).contains("the dialogue stopped").contains("it was not run");
    }

    @Test
    void tryWithTheStubSaysSo() {
        Run run = learn("try", "03");
        assertThat(run.exit()).as("the stub cannot send\n%s", run.out()).isEqualTo(1);
        assertThat(run.out()).contains("still the stub").contains("exercise 03: write stuff()");
    }

    @Test
    void badUsageIsExitTwo() {
        assertThat(learn("--lang", "de").exit()).as("an unknown language").isEqualTo(2);
        assertThat(learn("99").exit()).as("no exercise 99").isNotZero();
    }

    @Test
    void resetPutsTheStubBackAndKeepsTheLearnersVersion() throws IOException, InterruptedException {
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@exemple.com", "commit", "-q", "-m", "course");
        solve("01-reply-parser", "ReplyParser.java");
        Run run = learn("reset", "01");
        assertThat(run.exit()).as("reset works in a clone\n%s", run.out()).isZero();
        assertThat(Files.readString(exercises.resolve("01-reply-parser/src/ReplyParser.java"))).as("the stub is back")
                .contains("exercise 01: write read()");
        try (Stream<Path> kept = Files.walk(exercises.resolve(".attempts"))) {
            assertThat(kept.filter(p -> p.getFileName().toString().equals("ReplyParser.java")).toList()).as("the learner's version kept aside")
                    .singleElement().satisfies(p -> assertThat(Files.readString(p)).as("the solved file").doesNotContain("UnsupportedOperationException"));
        }
    }

    private void git(String... arguments) throws IOException, InterruptedException {
        Process git = new ProcessBuilder(Stream.concat(Stream.of("git", "-C", repository.toString()), Stream.of(arguments)).toList())
                .redirectErrorStream(true).start();
        git.getInputStream().readAllBytes();
        assertThat(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0).as("git %s", List.of(arguments)).isTrue();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
