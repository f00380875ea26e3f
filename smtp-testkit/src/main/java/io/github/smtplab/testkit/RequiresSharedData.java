package io.github.smtplab.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that reads public conformance data from {@code ../shared/conformance/} (beside the
 * checkout in CI; absent from a user's clone). Missing data skips the test with a message, except under
 * CI ({@code CI=true}) where it is a failure. Such tests carry the JUnit tag {@code conformance}.
 *
 * <p>Read the files with {@link SharedData#path(String)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("conformance")
@ExtendWith(RequirementsExtension.class)
public @interface RequiresSharedData {

    /** Paths relative to {@code shared/conformance/}, e.g. {@code "smtp/smuggling-sequences.txt"}. */
    String[] value();
}
