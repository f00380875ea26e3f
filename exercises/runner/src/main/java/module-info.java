/**
 * smtp-exercises: the runner behind {@code ./smtplab learn}. It finds the exercises of the course, compiles a
 * learner's code with {@code javax.tools}, runs the exercise's tests with the JUnit Platform launcher in a
 * class loader of their own, and remembers which exercises pass. Exports only its API package.
 */
module io.github.smtplab.exercises {
    requires java.compiler;
    requires jdk.compiler; // the Trees API: refuse System.exit before the learner's code runs
    requires org.junit.platform.launcher;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.github.smtplab.exercises;
}
