package io.github.smtplab.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One exercise folder, {@code exercises/NN-name/}: {@code README.md}, {@code hints.md}, {@code src/} (the
 * learner's files) and {@code test/} (the tests that say when the exercise is done).
 *
 * @param number the two digits that order the path, e.g. {@code "04"}
 * @param name   the rest of the folder name, e.g. {@code "end-of-data"}
 * @param folder the exercise's folder
 */
public record Exercise(String number, String name, Path folder) {

    /** The learner's folder: the only place a learner edits. */
    public Path sourceFolder() {
        return folder.resolve("src");
    }

    /** The exercise's tests. */
    public Path testFolder() {
        return folder.resolve("test");
    }

    /** The README: the idea, the RFC text, a worked example, what to write. */
    public Path readme() {
        return folder.resolve("README.md");
    }

    /** The three graded hints. */
    public Path hints() {
        return folder.resolve("hints.md");
    }

    /** {@code NN-name}, the folder's own name. */
    public String id() {
        return number + "-" + name;
    }

    /** The README's first heading without its {@code #}, or the folder name when there is none. */
    public String title() {
        try (Stream<String> lines = Files.lines(readme())) {
            return lines.filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).trim()).orElse(id());
        } catch (IOException e) {
            return id();
        }
    }

    /** The learner's {@code .java} files, sorted by name. */
    public List<Path> sources() {
        return javaFiles(sourceFolder());
    }

    /** The tests' {@code .java} files, sorted by name. */
    public List<Path> tests() {
        return javaFiles(testFolder());
    }

    static List<Path> javaFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
