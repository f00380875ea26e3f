package io.github.smtplab.lab.explain;

import java.nio.file.Path;

/**
 * A file name from a message made safe to create in a chosen directory. The name comes from the sender
 * (RFC 2183 §2.3 says a receiver must not trust it): no directory part, no "..", no control or
 * reserved characters, not empty, not hidden, at most 100 characters.
 */
public final class SafeFileName {

    /** Longer names are cut (file systems allow 255 octets; UTF-8 takes up to 4 per character). */
    public static final int MAX_LENGTH = 100;

    private SafeFileName() {}

    /**
     * The last path component of {@code proposed}, with anything dangerous replaced by {@code _}; or
     * {@code fallback} when nothing usable is left.
     */
    public static String of(String proposed, String fallback) {
        String name = proposed == null ? "" : proposed;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder safe = new StringBuilder();
        name.codePoints().forEach(c -> safe.appendCodePoint(c < 0x20 || c == 0x7f || ":*?\"<>|".indexOf(c) >= 0 ? '_' : c));
        String result = safe.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);   // no "..", no hidden file
        }
        if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
            result = result.substring(0, result.offsetByCodePoints(0, MAX_LENGTH));
        }
        return result.isBlank() ? fallback : result;
    }

    /** {@code directory/name}, checked to stay inside {@code directory} (defence in depth). */
    public static Path inside(Path directory, String name) {
        Path target = directory.resolve(name).normalize();
        if (!target.getParent().equals(directory.normalize())) {
            throw new IllegalArgumentException("refusing to write outside " + directory + ": " + name);
        }
        return target;
    }
}
