package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Attempt;
import io.github.smtplab.exercises.Course;
import io.github.smtplab.exercises.Exercise;
import io.github.smtplab.exercises.Hints;
import io.github.smtplab.exercises.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code learn} does with a course: show the path, run exercises, give hints. Printing is {@link Terminal}'s. */
final class Learner {

    private final Course course;
    private final Progress progress;
    private final Terminal terminal;
    private final PrintWriter out;
    private final Say say;

    Learner(Course course, PrintWriter out, Say say) {
        this.course = course;
        this.progress = Progress.of(course);
        this.out = out;
        this.say = say;
        this.terminal = new Terminal(out, say, course.root().getParent());
    }

    Course course() {
        return course;
    }

    /** The first exercise whose tests have not passed on the learner's files as they are now. */
    Optional<Exercise> next() {
        return course.exercises().stream().filter(e -> !progress.passed(e)).findFirst();
    }

    /** Prints the path: ✓ done (the tests passed on these very files), → next, · not yet. */
    void path() {
        List<Exercise> exercises = course.exercises();
        Optional<Exercise> next = next();
        long done = exercises.stream().filter(progress::passed).count();
        out.printf("smtplab learn: %d %s, %d %s   (✓ %s  → %s  · %s)%n", exercises.size(), say.t("exercises", "exercices"),
                done, say.t("done", "faits"), say.t("done", "fait"), say.t("next", "suivant"), say.t("not yet", "pas encore"));
        for (Exercise e : exercises) {
            String mark = progress.passed(e) ? "✓" : next.isPresent() && next.get().equals(e) ? "→" : "·";
            terminal.pathLine(mark, e);
        }
    }

    /**
     * Runs the next exercise; while it passes, records it and goes on to the one after (as ziglings does),
     * stopping at the first that fails.
     *
     * @return true when every exercise passes
     */
    boolean runFromNext() {
        Optional<Exercise> next = next();
        while (next.isPresent()) {
            if (!run(next.get(), false)) {
                return false;
            }
            next = next();
        }
        out.println();
        out.println(say.t("✓ Every exercise passes. The capstone's server is yours: see exercises/"
                        + course.exercises().get(course.exercises().size() - 1).id() + "/README.md.",
                "✓ Tous les exercices passent. Le serveur du projet final est le vôtre : voir exercises/"
                        + course.exercises().get(course.exercises().size() - 1).id() + "/README.md."));
        return true;
    }

    /** Compiles and tests one exercise on the learner's files, prints the outcome, records it; true when it passes. */
    boolean run(Exercise exercise, boolean everyTest) {
        long start = System.nanoTime();
        Attempt attempt = Attempt.of(exercise, exercise.sources());
        long millis = (System.nanoTime() - start) / 1_000_000;
        progress.record(exercise, attempt.passed());
        terminal.attempt(exercise, attempt, everyTest, millis);
        return attempt.passed();
    }

    /** Shows the next of the three hints (the last one again once all were shown), and remembers it. */
    void hint(Exercise exercise) {
        List<String> hints = Hints.of(exercise);
        if (hints.isEmpty()) {
            out.println(say.t("No hints for this exercise.", "Pas d'indice pour cet exercice."));
            return;
        }
        int shown = Math.min(progress.hintsShown(exercise) + 1, hints.size());
        progress.hintShown(exercise, shown);
        out.printf("%s %s, %s %d/%d%n%n", exercise.number(), exercise.name(), say.t("hint", "indice"), shown, hints.size());
        out.println(hints.get(shown - 1));
        if (shown < hints.size()) {
            out.printf("%n(%s ./smtplab learn hint %s)%n", say.t("more:", "la suite :"), exercise.number());
        }
    }

    /** The exercise named on the command line, or the next one when none is named. */
    Exercise pick(String number) {
        if (number == null) {
            return next().orElseGet(() -> course.exercises().get(course.exercises().size() - 1));
        }
        return course.find(number).orElseThrow(() -> new IllegalArgumentException(
                say.t("no exercise ", "pas d'exercice ") + number + say.t(" (there are ", " (il y en a ")
                        + course.exercises().size() + ": 01.." + course.exercises().get(course.exercises().size() - 1).number() + ")"));
    }

    /** Finds {@code exercises/} from a folder upwards (the repository root, or any folder inside it). */
    static Optional<Course> findCourse(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Course course = Course.inRepository(dir);
            if (java.nio.file.Files.isDirectory(course.root()) && !course.exercises().isEmpty()) {
                return Optional.of(course);
            }
        }
        return Optional.empty();
    }
}
