package io.github.smtplab.testkit;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Checks {@link RequiresTool} and {@link RequiresSharedData} before a test: skip with a visible reason on a
 * developer's machine, fail under CI. One place decides, so every module behaves the same.
 */
final class RequirementsExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ConcurrentHashMap<List<String>, Boolean> PROBED = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass().ifPresent(RequirementsExtension::check);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod().ifPresent(RequirementsExtension::check);
    }

    private static void check(AnnotatedElement element) {
        List<String> missing = new ArrayList<>();
        for (RequiresTool tool : AnnotationSupport.findAnnotation(element, RequiresTool.class).stream().toList()) {
            if (!PROBED.computeIfAbsent(List.of(tool.probe()), RequirementsExtension::runs)) {
                missing.add("tool " + tool.value() + " (probe `" + String.join(" ", tool.probe()) + "` failed"
                        + (tool.install().isEmpty() ? "" : "; install " + tool.install()) + ")");
            }
        }
        for (RequiresSharedData data : AnnotationSupport.findAnnotation(element, RequiresSharedData.class).stream().toList()) {
            Optional<java.nio.file.Path> dir = SharedData.conformanceDir();
            for (String relative : data.value()) {
                if (dir.isEmpty() || !Files.exists(dir.get().resolve(relative))) {
                    missing.add("conformance data shared/conformance/" + relative
                            + " (present beside the checkout in CI, absent from a plain clone)");
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "needs " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must provide it: " + message);
        }
        System.err.println("[smtplab] SKIPPED " + element + ": " + message);
        throw new TestAbortedException("skipped: " + message);
    }

    private static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
