package io.github.smtplab.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One try at an exercise: compile some files with the exercise's tests, run the tests, clean up.
 */
public sealed interface Attempt {

    /** javac refused the code. @param errors the compiler's messages */
    record DoesNotCompile(String errors) implements Attempt {}

    /** The code calls something that would stop the runner. @param reason what and where */
    record Refused(String reason) implements Attempt {}

    /** The tests ran. @param report every test's outcome */
    record Tested(TestReport report) implements Attempt {}

    /** Whether every test passed. */
    default boolean passed() {
        return this instanceof Tested tested && tested.report().allPassed();
    }

    /** Compiles {@code sources} with the tests of {@code exercise} and runs them. */
    static Attempt of(Exercise exercise, List<Path> sources) {
        return of(exercise, sources, ExerciseTests.PER_TEST);
    }

    /** Compiles {@code sources} with the tests of {@code exercise} and runs them, each test within {@code perTest}. */
    static Attempt of(Exercise exercise, List<Path> sources, Duration perTest) {
        Path output = ExerciseCompiler.freshOutput();
        try {
            return switch (ExerciseCompiler.compile(sources, exercise.tests(), output)) {
                case Compilation.Failed failed -> new DoesNotCompile(failed.errors());
                case Compilation.Refused refused -> new Refused(refused.reason());
                case Compilation.Compiled compiled -> new Tested(ExerciseTests.run(compiled, exercise.tests(), perTest));
            };
        } finally {
            delete(output);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
