package io.github.smtplab.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (or a test class) that talks to an independent peer installed on the machine, such as
 * {@code swaks}, Postfix's {@code smtp-sink} or Python's {@code smtplib}.
 *
 * <p>Before the test runs, {@link #probe()} is executed. If it cannot run or exits non-zero, the tool is
 * absent: on a developer's machine the test is skipped with a message naming the tool and the Debian
 * package to install; under CI ({@code CI=true}), where {@code .ci/run} installs every tool, absence is a
 * failure. Such tests carry the JUnit tag {@code interop}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(RequirementsExtension.class)
public @interface RequiresTool {

    /** A human name for the tool, used in the skip message, e.g. {@code "Python smtplib"}. */
    String value();

    /** A command that exits 0 when the tool is usable, e.g. {@code {"swaks", "--version"}}. */
    String[] probe();

    /** Where it comes from, e.g. {@code "Debian package swaks"}. */
    String install() default "";
}
