package io.github.smtplab.exercises;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of every test of one attempt, in the order they are written in the test file (so the first
 * failure is the first thing the exercise asks that is not yet there).
 *
 * @param outcomes one per test
 */
public record TestReport(List<TestOutcome> outcomes) {

    /** The attempt is done: at least one test ran and every test passed. */
    public boolean allPassed() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(TestOutcome::passed);
    }

    /** How many tests passed. */
    public long passedCount() {
        return outcomes.stream().filter(TestOutcome::passed).count();
    }

    /** The failed tests, in file order. */
    public List<TestOutcome> failures() {
        return outcomes.stream().filter(o -> !o.passed()).toList();
    }

    /** The first failure in file order. */
    public Optional<TestOutcome> firstFailure() {
        return failures().stream().findFirst();
    }
}
