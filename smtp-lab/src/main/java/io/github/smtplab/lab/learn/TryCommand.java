package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Exercise;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./smtplab learn try NN}: the learner's code inside the real lab, with the annotated transcript. */
@Command(name = "try", mixinStandardHelpOptions = true,
        description = {"Runs your code of an exercise inside the real lab and prints the dialogue.",
            "03: your dot-stuffer sends a message through smtplab's server; 07: your base64 logs in with AUTH LOGIN;",
            "16: your MX selection picks the hosts of domains served by smtplab's own DNS server;",
            "24: your DKIM verifier checks the demo's message as smtplab's MX delivered it, beside smtplab's verifier;",
            "25: your own server takes the demo's message into a Maildir, then the conformance suite's core profile checks it.",
            "Other exercises are not available here yet."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the lab accepted what your code did",
            " 1:it did not, or your code could not be compiled or run (the message says which)",
            " 2:the command line is wrong, or try is not available for that exercise"})
final class TryCommand implements Callable<Integer> {

    /** A way to put one exercise's code into the lab. */
    interface Scenario {
        /** Runs it; true when the lab accepted what the learner's code did. */
        boolean run(LearnerCode code, PrintWriter out, Say say) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = Map.of(
            "dot-stuffing", new TryDotStuffing(),
            "base64", new TryBase64(),
            "mx-selection", new TryMxSelection(),
            "dkim-verify", new TryDkimVerify(),
            "capstone-server", new TryCapstone());

    @ParentCommand
    LearnCommand learn;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "The exercise (default: the next one).")
    String number;

    @Override
    public Integer call() throws Exception {
        Learner learner = learn.learner();
        Exercise exercise = learner.pick(number);
        PrintWriter out = learn.spec.commandLine().getOut();
        Say say = Say.in(learn.lang);
        Scenario scenario = SCENARIOS.get(exercise.name());
        if (scenario == null) {
            out.printf("%s %s: %s%n", exercise.number(), exercise.name(), say.t(
                    "learn try is not available yet for this exercise (it is for 03 dot-stuffing, 07 base64, 16 mx-selection, 24 dkim-verify, 25 capstone-server).",
                    "learn try n'est pas encore disponible pour cet exercice (il l'est pour 03 dot-stuffing, 07 base64, 16 mx-selection, 24 dkim-verify, 25 capstone-server)."));
            return 2;
        }
        try (LearnerCode code = LearnerCode.of(exercise)) {
            boolean accepted = scenario.run(code, out, say);
            out.println(accepted ? say.t("✓ the lab accepted what your code did.", "✓ le labo a accepté ce qu'a fait votre code.")
                    : say.t("✗ the lab did not accept it: run ./smtplab learn " + exercise.number() + " for the tests.",
                            "✗ le labo ne l'a pas accepté : lancez ./smtplab learn " + exercise.number() + " pour les tests."));
            return accepted ? 0 : 1;
        } catch (UnsupportedOperationException stub) {
            out.println(say.t("Your code is still the stub: ", "Votre code est encore l'ébauche : ") + stub.getMessage());
            return 1;
        }
    }
}
