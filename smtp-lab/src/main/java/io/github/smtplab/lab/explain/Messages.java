package io.github.smtplab.lab.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sentences of one language, read from {@code messages_<code>.properties} (UTF-8) beside this class.
 * The console transcript, the HTML page and {@code inspect} all take their text from here, so a sentence
 * is written once per language.
 *
 * <p>Placeholders are {@code {0}}, {@code {1}}, ... replaced literally (no {@code MessageFormat}, whose
 * quoting rules would eat French apostrophes).
 */
public final class Messages {

    private final Language language;
    private final Properties texts;

    private Messages(Language language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    /** The bundle of {@code language}; a missing bundle is a packaging bug, reported unchecked. */
    public static Messages of(Language language) {
        String resource = "messages_" + language.code() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Messages(language, texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The language of this bundle. */
    public Language language() {
        return language;
    }

    /** The sentence for {@code key} with its placeholders filled; a missing key is a bug (unchecked). */
    public String text(String key, Object... arguments) {
        return find(key, arguments).orElseThrow(() -> new IllegalArgumentException("no message " + key + " in " + language.code()));
    }

    /** The sentence for {@code key}, if this bundle has it. */
    public Optional<String> find(String key, Object... arguments) {
        String text = texts.getProperty(key);
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return Optional.of(text);
    }

    /** The first key of {@code keys} this bundle has, filled in; for "the most specific sentence wins". */
    public Optional<String> first(java.util.List<String> keys, Object... arguments) {
        for (String key : keys) {
            Optional<String> found = find(key, arguments);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Every key, sorted (tests check that each language has the same ones). */
    public Set<String> keys() {
        return new TreeSet<>(texts.stringPropertyNames());
    }

    /** Two sentences as one text: the first ended with a full stop if it has none; an empty one is left out. */
    public static String joined(String first, String next) {
        if (first.isEmpty() || next.isEmpty()) {
            return first + next;
        }
        return first + (first.endsWith(".") ? " " : ". ") + next;
    }

    /** Seconds with one decimal in this language's format: "1.6 s", "1,6 s". */
    public String seconds(double seconds) {
        return String.format(language.locale(), "%.1f s", seconds);
    }
}
