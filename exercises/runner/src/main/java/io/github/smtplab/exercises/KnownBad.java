package io.github.smtplab.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A classic mistake the tests must catch, kept in {@code known-bad/NN-name/}, in one of two forms:
 * <ul>
 *   <li>a folder {@code MISTAKE/} of whole files that replace the reference's files of the same name, the
 *       first of them with a {@code // caught by: RFC ...} line;</li>
 *   <li>a file {@code MISTAKE.mistake}: the reference with a few lines changed, which reads as the mistake
 *       itself:
 * <pre>
 * mistake: the verb is compared case-sensitively
 * caught by: RFC 5321 2.4
 * in: MailCommand.java
 * replace:
 *         if (!line.regionMatches(true, 0, verb, 0, verb.length())) {
 * with:
 *         if (!line.startsWith(verb)) {
 * </pre></li>
 * </ul>
 *
 * @param mistake  the folder or file name, e.g. {@code first-line-not-stuffed}
 * @param caughtBy the RFC rule a failing test must name, e.g. {@code RFC 5321 4.5.2}
 * @param files    the replacing files (folder form), or empty
 * @param edit     the change to the reference (file form), or empty
 */
public record KnownBad(String mistake, String caughtBy, List<Path> files, Optional<Edit> edit) {

    /**
     * Lines of one reference file replaced by others.
     *
     * @param file    the reference file's name
     * @param replace the text to find, exactly once
     * @param with    what to put in its place
     */
    public record Edit(String file, String replace, String with) {}

    static Optional<KnownBad> at(Path path) {
        String name = path.getFileName().toString();
        if (Files.isDirectory(path)) {
            List<Path> files = Exercise.javaFiles(path);
            return Optional.of(new KnownBad(name, caughtByIn(files), files, Optional.empty()));
        }
        if (name.endsWith(".mistake")) {
            return Optional.of(parse(name.substring(0, name.length() - ".mistake".length()), read(path)));
        }
        return Optional.empty();
    }

    static KnownBad parse(String mistake, String text) {
        String caughtBy = "";
        String file = "";
        StringBuilder replace = new StringBuilder();
        StringBuilder with = new StringBuilder();
        StringBuilder into = null;
        for (String line : text.split("\n", -1)) {
            if (into == null && line.startsWith("caught by:")) {
                caughtBy = line.substring("caught by:".length()).trim();
            } else if (into == null && line.startsWith("in:")) {
                file = line.substring("in:".length()).trim();
            } else if (line.equals("replace:")) {
                into = replace;
            } else if (line.equals("with:") && into == replace) {
                into = with;
            } else if (into != null) {
                into.append(line).append('\n');
            }
        }
        return new KnownBad(mistake, caughtBy, List.of(),
                Optional.of(new Edit(file, replace.toString().stripTrailing(), with.toString().stripTrailing())));
    }

    /**
     * The files to compile for this mistake: the reference's files with this mistake's put in place.
     *
     * @param reference the reference solution's files
     * @param workspace a folder where an edited file may be written
     * @throws IllegalStateException when the text to replace is not in the reference exactly once
     */
    public List<Path> over(List<Path> reference, Path workspace) {
        List<String> replaced = new ArrayList<>(files.stream().map(f -> f.getFileName().toString()).toList());
        List<Path> result = new ArrayList<>(files);
        if (edit.isPresent()) {
            Edit e = edit.get();
            Path original = reference.stream().filter(f -> f.getFileName().toString().equals(e.file())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(mistake + ": no " + e.file() + " in the reference"));
            String source = read(original);
            int at = source.indexOf(e.replace());
            if (e.replace().isBlank() || at < 0 || source.indexOf(e.replace(), at + 1) >= 0) {
                throw new IllegalStateException(mistake + ": the text to replace must be in " + e.file() + " exactly once");
            }
            try {
                Path edited = Files.createDirectories(workspace.resolve(mistake)).resolve(e.file());
                Files.writeString(edited, source.substring(0, at) + e.with() + source.substring(at + e.replace().length()));
                result.add(edited);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            replaced.add(e.file());
        }
        reference.stream().filter(f -> !replaced.contains(f.getFileName().toString())).forEach(result::add);
        return result;
    }

    private static String caughtByIn(List<Path> files) {
        for (Path file : files) {
            try (Stream<String> lines = Files.lines(file)) {
                Optional<String> rule = lines.map(String::trim).filter(l -> l.startsWith("// caught by:"))
                        .map(l -> l.substring("// caught by:".length()).trim()).findFirst();
                if (rule.isPresent()) {
                    return rule.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
