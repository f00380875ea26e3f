package io.github.smtplab.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An exercise's {@code hints.md}: three sections headed {@code ## Hint 1}, {@code ## Hint 2},
 * {@code ## Hint 3}, from a nudge to nearly the answer.
 */
public final class Hints {

    private Hints() {}

    /** The hints in order, each without its heading and trimmed. */
    public static List<String> of(Exercise exercise) {
        List<String> hints = new ArrayList<>();
        StringBuilder current = null;
        try {
            for (String line : Files.readAllLines(exercise.hints())) {
                if (line.startsWith("## Hint ")) {
                    if (current != null) {
                        hints.add(current.toString().strip());
                    }
                    current = new StringBuilder();
                } else if (current != null) {
                    current.append(line).append('\n');
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current != null) {
            hints.add(current.toString().strip());
        }
        return List.copyOf(hints);
    }

    /** The first line of the first hint: what {@code learn} shows beside a failure. */
    public static String firstLine(Exercise exercise) {
        List<String> hints = of(exercise);
        return hints.isEmpty() ? "" : hints.get(0).lines().findFirst().orElse("");
    }
}
