package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Exercise;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./smtplab learn reset NN}: the learner's files go aside to
 * {@code exercises/.attempts/NN-name-TIMESTAMP/}, and the stub comes back from git (the last committed
 * version that still is the stub: it throws {@code UnsupportedOperationException("exercise NN: ...")}).
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Puts the exercise's stub back; your version is kept in exercises/.attempts/NN-name-TIMESTAMP/.",
            "Needs the repository's git history (a clone)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:the stub is back", " 2:the command line is wrong (e.g. no such exercise)",
            " 3:the stub could not be restored (no git history, or a file error)"})
final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    LearnCommand learn;

    @Parameters(index = "0", paramLabel = "NN", description = "The exercise to reset.")
    String number;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Learner learner = learn.learner();
        Exercise exercise = learner.pick(number);
        PrintWriter out = learn.spec.commandLine().getOut();
        Say say = Say.in(learn.lang);
        Path repository = learner.course().root().getParent();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = learner.course().root().resolve(".attempts").resolve(exercise.id() + "-" + stamp);
        Files.createDirectories(aside);
        for (Path file : exercise.sources()) {
            String relative = repository.relativize(file).toString().replace('\\', '/');
            String stub = stubFromGit(repository, relative, exercise.number());
            Files.copy(file, aside.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(file, stub, StandardCharsets.UTF_8);
            out.printf("%s %s (%s %s)%n", say.t("reset", "réinitialisé"), relative, say.t("yours is in", "le vôtre est dans"),
                    repository.relativize(aside.resolve(file.getFileName())));
        }
        return 0;
    }

    /** The newest committed version of the file that is still the stub. */
    private static String stubFromGit(Path repository, String path, String number) throws IOException, InterruptedException {
        String marker = "UnsupportedOperationException(\"exercise " + number + ": write ";
        for (String commit : git(repository, "log", "--format=%H", "--", path).lines().toList()) {
            String version = git(repository, "show", commit + ":" + path);
            if (version.contains(marker)) {
                return version;
            }
        }
        throw new IllegalStateException("no stub of " + path + " in the git history: is this a clone of smtplab?");
    }

    private static String git(Path repository, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] output = git.getInputStream().readAllBytes();
        if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
            git.destroyForcibly();
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed: is this a clone of smtplab?");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
