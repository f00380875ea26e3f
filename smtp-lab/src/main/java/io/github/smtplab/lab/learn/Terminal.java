package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Attempt;
import io.github.smtplab.exercises.Exercise;
import io.github.smtplab.exercises.Hints;
import io.github.smtplab.exercises.TestOutcome;
import io.github.smtplab.exercises.TestReport;
import java.io.PrintWriter;
import java.nio.file.Path;

/** How an attempt is shown: the path, one exercise's tests, its first failure and first hint line. */
final class Terminal {

    private final PrintWriter out;
    private final Say say;
    private final Path repository;

    Terminal(PrintWriter out, Say say, Path repository) {
        this.out = out;
        this.say = say;
        this.repository = repository;
    }

    /** One line of the path: ✓ done, → next, · not yet. */
    void pathLine(String mark, Exercise exercise) {
        out.printf(" %s %s  %s%n", mark, exercise.number(), exercise.title().replaceFirst("^\\d\\d · ", ""));
    }

    /** The outcome of one attempt; with {@code everyTest}, one line per test. */
    void attempt(Exercise exercise, Attempt attempt, boolean everyTest, long millis) {
        String where = repository.relativize(exercise.sourceFolder()).toString();
        switch (attempt) {
            case Attempt.DoesNotCompile failed -> {
                out.printf("%n%s %s: %s%n", exercise.number(), exercise.name(), say.t("does not compile", "ne compile pas"));
                failed.errors().lines().limit(12).forEach(l -> out.println("    " + l));
            }
            case Attempt.Refused refused -> {
                out.printf("%n%s %s: %s%n", exercise.number(), exercise.name(),
                        say.t("not run: the code would stop the runner itself", "non lancé : le code arrêterait le lanceur lui-même"));
                refused.reason().lines().forEach(l -> out.println("    " + l));
                out.println("    " + say.t("Throw an exception instead of System.exit: the tests expect one.",
                        "Levez une exception plutôt que System.exit : les tests l'attendent."));
            }
            case Attempt.Tested tested -> report(exercise, tested.report(), everyTest, millis);
        }
        if (!attempt.passed()) {
            String hint = Hints.firstLine(exercise);
            if (!hint.isEmpty()) {
                out.printf("%n  %s %s%n", say.t("Hint:", "Indice :"), hint);
            }
            String files = String.join(", ", exercise.sources().stream().map(f -> repository.relativize(f).toString()).toList());
            out.printf("  %s %s%s %s%n", say.t("Edit", "Modifiez"), files.isEmpty() ? where + "/" : files, ",",
                    say.t("then run ./smtplab learn again (./smtplab learn watch re-runs on save; ./smtplab learn hint "
                            + exercise.number() + " for the next hint).",
                            "puis relancez ./smtplab learn (./smtplab learn watch relance à chaque enregistrement ; ./smtplab learn hint "
                            + exercise.number() + " pour l'indice suivant)."));
        }
    }

    private void report(Exercise exercise, TestReport report, boolean everyTest, long millis) {
        out.printf("%n%s %s: %d/%d %s (%d ms)%n", exercise.number(), exercise.title().replaceFirst("^\\d\\d · ", ""),
                report.passedCount(), report.outcomes().size(), say.t("tests pass", "tests passent"), millis);
        if (everyTest) {
            for (TestOutcome o : report.outcomes()) {
                out.printf("  %s %s%n", o.passed() ? "✓" : "✗", o.rule());
            }
        }
        report.firstFailure().ifPresent(first -> {
            out.printf("%n  %s %s%n", say.t("First failure:", "Premier échec :"), first.rule());
            first.message().lines().limit(14).forEach(l -> out.println("    " + l));
        });
        if (report.allPassed()) {
            out.printf("  ✓ %s%n", say.t("done: every test passes.", "terminé : tous les tests passent."));
        }
    }
}
