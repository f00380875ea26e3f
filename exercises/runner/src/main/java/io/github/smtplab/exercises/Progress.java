package io.github.smtplab.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tests said last time, by exercise: {@code exercises/.progress} (ignored by git) holds one line per
 * exercise, {@code NN HASH passed|failing|hints=K}. The hash covers the learner's files, so an exercise edited
 * since its last run counts as not checked until the tests run again; an unchanged one keeps its mark and the
 * path prints at once.
 *
 * @param file the progress file
 */
public record Progress(Path file) {

    /** The state kept for one exercise. @param hash of the learner's files @param passed last verdict @param hintsShown how many hints were shown */
    public record Entry(String hash, boolean passed, int hintsShown) {}

    /** The progress of a course, in {@code exercises/.progress}. */
    public static Progress of(Course course) {
        return new Progress(course.root().resolve(".progress"));
    }

    /** Every entry, by exercise number. */
    public Map<String, Entry> entries() {
        Map<String, Entry> entries = new TreeMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split(" ");
                if (f.length == 4) {
                    entries.put(f[0], new Entry(f[1], f[2].equals("passed"), Integer.parseInt(f[3].replace("hints=", ""))));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new TreeMap<>(); // a damaged cache is only a cache: the tests will say again
        }
        return entries;
    }

    /** Whether the exercise passed with exactly the learner's files as they are now. */
    public boolean passed(Exercise exercise) {
        Entry entry = entries().get(exercise.number());
        return entry != null && entry.passed() && entry.hash().equals(hash(exercise));
    }

    /** Records the verdict of the tests on the learner's files as they are now. */
    public void record(Exercise exercise, boolean passed) {
        Map<String, Entry> entries = entries();
        Entry old = entries.get(exercise.number());
        entries.put(exercise.number(), new Entry(hash(exercise), passed, old == null ? 0 : old.hintsShown()));
        write(entries);
    }

    /** How many hints were shown for the exercise. */
    public int hintsShown(Exercise exercise) {
        Entry entry = entries().get(exercise.number());
        return entry == null ? 0 : entry.hintsShown();
    }

    /** Remembers that one more hint was shown. */
    public void hintShown(Exercise exercise, int count) {
        Map<String, Entry> entries = entries();
        Entry old = entries.get(exercise.number());
        entries.put(exercise.number(), new Entry(old == null ? "-" : old.hash(), old != null && old.passed(), count));
        write(entries);
    }

    private void write(Map<String, Entry> entries) {
        StringBuilder text = new StringBuilder("# ./smtplab learn: what the tests said, by hash of the learner's files\n");
        entries.forEach((number, e) -> text.append(number).append(' ').append(e.hash()).append(' ')
                .append(e.passed() ? "passed" : "failing").append(" hints=").append(e.hintsShown()).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over the names and contents of the learner's files. */
    public static String hash(Exercise exercise) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : exercise.sources()) {
                sha.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
