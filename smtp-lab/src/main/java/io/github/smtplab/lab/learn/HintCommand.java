package io.github.smtplab.lab.learn;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./smtplab learn hint [NN]}: the next of three graded hints; the last nearly gives the answer. */
@Command(name = "hint", mixinStandardHelpOptions = true,
        description = "Shows the next of the exercise's three hints (remembered in exercises/.progress).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:a hint was shown", " 2:the command line is wrong (e.g. no such exercise)"})
final class HintCommand implements Callable<Integer> {

    @ParentCommand
    LearnCommand learn;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "The exercise (default: the next one).")
    String number;

    @Override
    public Integer call() {
        Learner learner = learn.learner();
        learner.hint(learner.pick(number));
        return 0;
    }
}
