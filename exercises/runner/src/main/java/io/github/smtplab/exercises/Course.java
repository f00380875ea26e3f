package io.github.smtplab.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The course on disk: {@code exercises/} holds one folder per exercise ({@code 01-reply-parser},
 * {@code 02-mail-path}...), {@code solutions/NN-name/} the reference solutions and
 * {@code known-bad/NN-name/MISTAKE/} the classic mistakes the tests must catch.
 *
 * @param root the {@code exercises/} folder
 */
public record Course(Path root) {

    private static final Pattern EXERCISE_FOLDER = Pattern.compile("(\\d\\d)-([a-z0-9-]+)");

    /** The course in {@code exercises/} under the given repository folder. */
    public static Course inRepository(Path repository) {
        return new Course(repository.resolve("exercises"));
    }

    /** The exercises in path order. */
    public List<Exercise> exercises() {
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .map(f -> EXERCISE_FOLDER.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> new Exercise(m.group(1), m.group(2), root.resolve(m.group())))
                    .sorted(java.util.Comparator.comparing(Exercise::number))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exercise with this number ({@code "4"} and {@code "04"} alike) or this folder name. */
    public Optional<Exercise> find(String numberOrName) {
        String wanted = numberOrName.length() == 1 ? "0" + numberOrName : numberOrName;
        return exercises().stream()
                .filter(e -> e.number().equals(wanted) || e.id().equals(wanted) || e.name().equals(wanted))
                .findFirst();
    }

    /** The reference solution's files of an exercise. */
    public List<Path> solution(Exercise exercise) {
        return Exercise.javaFiles(root.resolve("solutions").resolve(exercise.id()));
    }

    /**
     * The known-bad implementations of an exercise: a folder per mistake holding whole files, or a
     * {@code MISTAKE.mistake} file that changes a few lines of the reference (see {@link KnownBad}).
     */
    public List<KnownBad> knownBad(Exercise exercise) {
        Path folder = root.resolve("known-bad").resolve(exercise.id());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> mistakes = Files.list(folder)) {
            return mistakes.sorted().map(KnownBad::at).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
