package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Exercise;
import io.github.smtplab.exercises.ExerciseTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./smtplab learn watch}: runs the current exercise, then again each time one of its files is saved
 * (the files' modification times are polled), and moves on to the next exercise when it passes. Bounded:
 * it stops after {@code --for} minutes, or at Ctrl-C.
 *
 * <p>A test stopped at its deadline leaves the learner's loop running in its thread, and Java cannot stop a
 * thread: watch then stops (exit 3). Started by {@code ./smtplab}, which names a file in
 * {@code SMTPLAB_WATCH_RESTART}, it writes "restart" there first, and the launcher starts
 * {@code learn watch --wait-first} in a fresh JVM, which waits for the next save before it runs anything.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Re-runs the current exercise each time you save one of its files; stops after --for minutes or Ctrl-C.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the exercise passed when watching stopped", " 1:it still failed when watching stopped",
            " 2:the command line is wrong (e.g. no such exercise)",
            " 3:a test of yours still ran past its deadline (./smtplab then starts watch again in a fresh JVM)"})
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    LearnCommand learn;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "Start with this exercise (default: the next one).")
    String number;

    @Option(names = "--for", defaultValue = "60", paramLabel = "MINUTES", description = "Stop watching after this long (default: ${DEFAULT-VALUE}).")
    long minutes;

    @Option(names = "--poll-ms", defaultValue = "300", hidden = true)
    long pollMillis;

    /** Set by ./smtplab when it starts watch again in a fresh JVM: wait for a save before running. */
    @Option(names = "--wait-first", hidden = true)
    boolean waitFirst;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Learner learner = learn.learner();
        PrintWriter out = learn.spec.commandLine().getOut();
        Say say = Say.in(learn.lang);
        Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
        Exercise current = learner.pick(number);
        boolean passed = !waitFirst && learner.run(current, false);
        List<FileTime> seen = times(current);
        while (Instant.now().isBefore(end)) {
            if (!ExerciseTests.strandedThreads().isEmpty()) {
                return restart(out, say);
            }
            if (passed) {
                Optional<Exercise> next = learner.next();
                if (next.isEmpty()) {
                    out.println(say.t("✓ Every exercise passes.", "✓ Tous les exercices passent."));
                    return 0;
                }
                current = next.get();
                passed = learner.run(current, false);
                seen = times(current);
                continue;
            }
            out.printf("%n[%s %s/]%n", say.t("watching", "surveillance de"), learner.course().root().getParent().relativize(current.sourceFolder()));
            out.flush();
            while (Instant.now().isBefore(end) && times(current).equals(seen)) {
                Thread.sleep(pollMillis);
            }
            seen = times(current);
            passed = learner.run(current, false);
        }
        out.println(say.t("(stopped watching after " + minutes + " min)", "(fin de la surveillance après " + minutes + " min)"));
        return passed ? 0 : 1;
    }

    /** Java cannot stop the learner's thread: ask ./smtplab for a fresh JVM, or say what to do. */
    private static int restart(PrintWriter out, Say say) throws IOException {
        String file = System.getenv("SMTPLAB_WATCH_RESTART");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), "restart");
            out.println(say.t("(a test of yours still runs past its deadline, and Java cannot stop it: watch starts again in a fresh JVM)",
                    "(un de vos tests tourne encore après son délai, et Java ne peut pas l'arrêter : la surveillance repart dans une JVM neuve)"));
        } else {
            out.println(say.t("(a test of yours still runs past its deadline, and Java cannot stop it: start learn watch again)",
                    "(un de vos tests tourne encore après son délai, et Java ne peut pas l'arrêter : relancez learn watch)"));
        }
        return io.github.smtplab.lab.Main.FAILED;
    }

    private static List<FileTime> times(Exercise exercise) throws IOException {
        List<FileTime> times = new ArrayList<>();
        for (Path file : exercise.sources()) {
            times.add(Files.getLastModifiedTime(file));
        }
        return times;
    }
}
