package io.github.smtplab.lab.explain;

import java.util.Locale;
import java.util.Optional;

/**
 * A language the explanations are written in. Each has its bundle of messages
 * ({@code messages_<code>.properties} beside this class) and its number format ("1.6 s" in English,
 * "1,6 s" in French).
 */
public enum Language {
    ENGLISH("en", Locale.ENGLISH),
    FRENCH("fr", Locale.FRANCE);

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** The two-letter code used on the command line ({@code --lang en}). */
    public String code() {
        return code;
    }

    /** The locale whose number format this language uses. */
    public Locale locale() {
        return locale;
    }

    /** The language with this code, ignoring case; empty for a code we have no bundle for. */
    public static Optional<Language> byCode(String code) {
        for (Language l : values()) {
            if (l.code.equalsIgnoreCase(code.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The codes we know, for a usage message: {@code "en, fr"}. */
    public static String codes() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Language::code).toList());
    }
}
