package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Course;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab learn}: the guided exercises, with their path, tests, hints and the live lab. */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = {"The guided exercises of exercises/: rebuild each layer of the mail stack yourself.",
            "Without an argument: the path (✓ done, → next, · not yet), then the next exercise is run and its",
            "first failure and first hint are shown."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the exercise(s) run pass", " 1:one of them fails (its first failure is shown)",
            " 2:the command line is wrong (e.g. no such exercise)"},
        subcommands = {HintCommand.class, WatchCommand.class, TryCommand.class, ResetCommand.class})
public final class LearnCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "Run this exercise's tests (e.g. 04), every test listed.")
    String number;

    @Option(names = "--lang", defaultValue = "en", scope = CommandLine.ScopeType.INHERIT,
            description = "en or fr: the language of the runner's messages (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--course", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "The exercises/ folder (default: found from the current folder upwards).")
    Path courseFolder;

    @Override
    public Integer call() {
        Learner learner = learner();
        if (number != null) {
            return learner.run(learner.pick(number), true) ? 0 : 1;
        }
        learner.path();
        return learner.runFromNext() ? 0 : 1;
    }

    /** The learner on the course named by --course, or found from the current folder. */
    Learner learner() {
        String language = lang == null ? "en" : lang;
        if (!language.equals("en") && !language.equals("fr")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang: en or fr, not " + language);
        }
        Course course = courseFolder != null ? new Course(courseFolder.toAbsolutePath())
                : Learner.findCourse(Path.of("")).orElseThrow(() -> new IllegalStateException(
                        "no exercises/ folder here or above: run ./smtplab learn from the smtplab repository"));
        return new Learner(course, spec.commandLine().getOut(), Say.in(language));
    }
}
