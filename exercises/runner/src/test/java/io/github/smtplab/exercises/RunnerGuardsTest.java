package io.github.smtplab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner survives the learner's worst code: an endless loop fails its test, System.exit is refused. */
class RunnerGuardsTest {

    @TempDir
    Path root;

    private Exercise exercise(String code) throws IOException {
        Path folder = Files.createDirectories(root.resolve("01-guard"));
        Files.createDirectories(folder.resolve("src"));
        Files.createDirectories(folder.resolve("test"));
        Files.writeString(folder.resolve("src/Guarded.java"), "final class Guarded { static int answer() { " + code + " } }");
        Files.writeString(folder.resolve("test/GuardedTest.java"), """
                import static org.assertj.core.api.Assertions.assertThat;
                import org.junit.jupiter.api.Test;
                class GuardedTest {
                    @Test void answers() { assertThat(Guarded.answer()).as("the answer").isEqualTo(42); }
                    @Test void alsoAnswers() { assertThat(Guarded.answer()).as("again").isEqualTo(42); }
                }
                """);
        return new Exercise("01", "guard", folder);
    }

    @Test
    void anEndlessLoopFailsItsTestInsteadOfHanging() throws IOException {
        Exercise looping = exercise("while (true) { Thread.onSpinWait(); }");
        Attempt attempt = Attempt.of(looping, looping.sources(), Duration.ofMillis(300));
        assertThat(attempt).as("the loop compiles and its tests run").isInstanceOf(Attempt.Tested.class);
        TestReport report = ((Attempt.Tested) attempt).report();
        assertThat(report.failures()).as("both tests time out").hasSize(2);
        assertThat(report.firstFailure().orElseThrow().message()).as("the failure says why").contains("did not finish within");
        assertThat(ExerciseTests.strandedThreads()).as("the loops still running are found (learn watch restarts its JVM for them)").isNotEmpty();
    }

    @Test
    void systemExitIsRefusedBeforeRunning() throws IOException {
        Exercise exiting = exercise("System.exit(3); return 42;");
        Attempt attempt = Attempt.of(exiting, exiting.sources());
        assertThat(attempt).as("code calling System.exit never runs").isInstanceOf(Attempt.Refused.class);
        assertThat(((Attempt.Refused) attempt).reason()).as("the refusal names file and line").contains("Guarded.java:1").contains("System.exit");
    }

    @Test
    void runtimeHaltIsRefusedToo() throws IOException {
        Exercise halting = exercise("Runtime.getRuntime().halt(1); return 42;");
        assertThat(Attempt.of(halting, halting.sources())).as("Runtime.halt is refused").isInstanceOf(Attempt.Refused.class);
    }

    @Test
    void compilerErrorsNameFileAndLine() throws IOException {
        Exercise broken = exercise("return \"forty-two\";");
        Attempt attempt = Attempt.of(broken, broken.sources());
        assertThat(attempt).as("a type error is a compile failure").isInstanceOf(Attempt.DoesNotCompile.class);
        assertThat(((Attempt.DoesNotCompile) attempt).errors()).as("javac's message with its place").contains("Guarded.java:1");
    }

    @Test
    void aPassingAttemptPasses() throws IOException {
        Exercise right = exercise("return 42;");
        Attempt attempt = Attempt.of(right, right.sources());
        assertThat(attempt.passed()).as("both tests pass: %s", attempt).isTrue();
        assertThat(((Attempt.Tested) attempt).report().outcomes()).as("in file order")
                .extracting(TestOutcome::test).containsExactly("answers", "alsoAnswers");
    }

    @Test
    void progressRemembersByHash() throws IOException {
        Exercise right = exercise("return 42;");
        Progress progress = new Progress(root.resolve(".progress"));
        progress.record(right, true);
        assertThat(progress.passed(right)).as("recorded as passed").isTrue();
        Files.writeString(right.sources().get(0), "final class Guarded { static int answer() { return 41; } }");
        assertThat(progress.passed(right)).as("an edited file is no longer known to pass").isFalse();
        progress.hintShown(right, 2);
        assertThat(progress.hintsShown(right)).as("hints shown are remembered").isEqualTo(2);
        assertThat(List.of(progress.entries().keySet().toArray())).as("one entry").containsExactly("01");
    }
}
