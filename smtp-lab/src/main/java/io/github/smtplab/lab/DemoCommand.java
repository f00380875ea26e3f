package io.github.smtplab.lab;

import io.github.smtplab.lab.demo.Demo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab demo}: the seed's whole mail path, live, explained. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Plays the seed scenario live on loopback, every line explained.",
            "Alice sends \"Réunion demain\" to Bob and Charlie; DNS, the submission server, the queue and the MX",
            "all run here, and every dialogue is printed and explained with its RFC section."},
        exitCodeList = {ExitCodes.OK + "every step worked", ExitCodes.NEGATIVE + "a step failed (it says which and why)",
            ExitCodes.USAGE + "the command line is wrong"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lang", defaultValue = "en", description = "en or fr (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--keep", description = "Keep the Maildirs and the queue in this directory (default: a temporary one, removed).")
    Path keep;

    @Option(names = "--step", description = "Pause between steps (Enter to go on).")
    boolean step;

    @Option(names = "--no-color", description = "Plain text even on a terminal.")
    boolean noColour;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String language = lang.equals("fr") ? "fr" : "en";
        Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("smtplab-demo-");
        BufferedReader pause = step ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
        boolean colour = !noColour && System.console() != null && System.getenv("NO_COLOR") == null;
        long start = System.nanoTime();
        try {
            new Demo(out, language, colour, work, pause).run();
            out.printf("(%.1f s)%n", (System.nanoTime() - start) / 1e9);
            return Main.OK;
        } catch (Demo.StepFailed failed) {
            spec.commandLine().getErr().println("smtplab demo: " + failed.getMessage());
            return Main.REFUSED;
        } finally {
            out.flush();
            if (keep == null) {
                deleteTree(work);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
