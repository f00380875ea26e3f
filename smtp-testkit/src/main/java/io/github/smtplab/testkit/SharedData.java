package io.github.smtplab.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code shared/conformance/}: from the {@code SMTPLAB_SHARED} environment variable (set by the
 * build to {@code <checkout>/../shared}), else by walking up from the working directory.
 */
public final class SharedData {

    private SharedData() {}

    /** The conformance directory, if this machine has it. */
    public static Optional<Path> conformanceDir() {
        String fromEnv = System.getenv("SMTPLAB_SHARED");
        if (fromEnv != null) {
            Path dir = Path.of(fromEnv, "conformance");
            if (Files.isDirectory(dir)) {
                return Optional.of(dir.normalize());
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolve("shared").resolve("conformance");
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * A file under {@code shared/conformance/}. Call it from a test annotated with
     * {@link RequiresSharedData}, which has already checked that the file exists.
     */
    public static Path path(String relative) {
        return conformanceDir()
                .map(d -> d.resolve(relative))
                .orElseThrow(() -> new IllegalStateException("shared/conformance/ not found; annotate the test with @RequiresSharedData"));
    }
}
