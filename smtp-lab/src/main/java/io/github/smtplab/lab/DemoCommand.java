package io.github.smtplab.lab;

import io.github.smtplab.lab.demo.Demo;
import io.github.smtplab.lab.demo.HtmlPage;
import io.github.smtplab.lab.explain.Language;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab demo}: the seed's whole mail path, live, explained. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Plays the seed scenario live on loopback, every line explained.",
            "Alice sends \"Réunion demain\" to Bob and Charlie; DNS, the submission server, the queue and the MX",
            "all run here, and every line of both dialogues is printed and explained as the answer to its command,",
            "with its RFC section."},
        exitCodeList = {ExitCodes.OK + "every step worked", ExitCodes.NEGATIVE + "a step failed (the message names it)",
            ExitCodes.USAGE + "the command line is wrong (e.g. an unknown --lang)",
            ExitCodes.TROUBLE + "a file could not be written"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "LANG", description = "Language of the explanations: en or fr (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the whole story as one self-contained HTML page: a sequence diagram, "
            + "every line explained on click, the delivered message taken apart.")
    Path html;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the Maildirs and the queue in this directory (default: a temporary one, removed).")
    Path keep;

    @Option(names = "--step", description = "Pause between steps (Enter to go on).")
    boolean step;

    @Option(names = "--no-color", description = "Plain text even on a terminal.")
    boolean noColour;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Language language = Language.byCode(lang).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--lang " + lang + ": unknown language; choose one of " + Language.codes()));
        Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("smtplab-demo-");
        BufferedReader pause = step ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
        boolean colour = !noColour && System.console() != null && System.getenv("NO_COLOR") == null;
        long start = System.nanoTime();
        Demo demo = new Demo(out, language, colour, work, pause);
        try {
            demo.run();
            out.println(demo.messages().text("elapsed", demo.messages().seconds((System.nanoTime() - start) / 1e9)));
            return Main.OK;
        } catch (Demo.StepFailed failed) {
            spec.commandLine().getErr().println("smtplab demo: " + failed.getMessage());
            return Main.REFUSED;
        } finally {
            if (html != null) {   // also after a failed step: the page shows how far it went
                Files.writeString(html, HtmlPage.render(demo.story(), demo.messages()), StandardCharsets.UTF_8);
                out.println(demo.messages().text("page.written", html.toAbsolutePath()));
            }
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
