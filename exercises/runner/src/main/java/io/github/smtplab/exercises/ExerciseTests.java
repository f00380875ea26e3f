package io.github.smtplab.exercises;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an exercise's tests against compiled code, in-process, with the JUnit Platform launcher.
 *
 * <p>Each attempt gets a class loader of its own (so the learner's {@code ReplyParser} of this run never meets
 * the one of the previous run), and each test a deadline: the test runs in a thread of its own and fails with
 * a clear message when it does not finish in time (an endless loop in the learner's code cannot hang the
 * runner; the stuck thread is a daemon and ends with the process).
 */
public final class ExerciseTests {

    /** Long enough for any test of the course on a slow machine, short enough that a loop is found fast. */
    public static final Duration PER_TEST = Duration.ofSeconds(5);

    private static final Launcher LAUNCHER = LauncherFactory.create();

    private ExerciseTests() {}

    /**
     * Runs the compiled tests.
     *
     * @param compiled  the attempt's classes
     * @param testFiles the test sources (to put the outcomes in file order)
     * @param perTest   the deadline of each test
     */
    public static TestReport run(Compilation.Compiled compiled, List<Path> testFiles, Duration perTest) {
        List<TestOutcome> outcomes = new ArrayList<>();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader attempt = new AttemptClassLoader(compiled.classes().toUri().toURL(), ExerciseTests.class.getClassLoader())) {
            List<ClassSelector> selectors = new ArrayList<>();
            for (String name : compiled.testClassNames()) {
                selectors.add(selectClass(Class.forName(name, false, attempt)));
            }
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.execution.timeout.default", perTest.toMillis() + " ms")
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                    .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            Thread.currentThread().setContextClassLoader(attempt);
            LAUNCHER.execute(request, new Collector(outcomes, perTest));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (ClassNotFoundException e) {
            outcomes.add(new TestOutcome(e.getMessage(), "", false, "test class not found: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        String tests = testFiles.stream().map(ExerciseTests::read).reduce("", String::concat);
        outcomes.sort(Comparator.comparingInt(o -> position(tests, o.test())));
        return new TestReport(List.copyOf(outcomes));
    }

    /**
     * The threads an attempt's tests started and left running, such as a test stopped at its deadline while
     * the learner's loop goes on in it: Java cannot stop a thread, only the end of the process does (found by
     * their context class loader, an {@link AttemptClassLoader}, which threads inherit from the test's).
     */
    public static List<Thread> strandedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t != Thread.currentThread() && t.getContextClassLoader() instanceof AttemptClassLoader)
                .toList();
    }

    private static int position(String tests, String method) {
        int at = tests.indexOf(" " + method + "(");
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The attempt's own classes first: the exercises live in the unnamed package, and a class of that name
     * elsewhere on the class path must never stand in for the learner's.
     */
    public static final class AttemptClassLoader extends URLClassLoader {

        /** A loader of the classes in the folder (or jar) at {@code classes}, before the parent's. */
        public AttemptClassLoader(URL classes, ClassLoader parent) {
            super("exercise-attempt", new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && name.indexOf('.') < 0) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        loaded = null;
                    }
                }
                if (loaded == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** Keeps one outcome per test (and one per container that failed before its tests could run). */
    private record Collector(List<TestOutcome> outcomes, Duration perTest) implements TestExecutionListener {

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            boolean failedContainer = id.isContainer() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
            if (!id.isTest() && !failedContainer) {
                return;
            }
            String name = id.getLegacyReportingName().replaceFirst("\\(.*$", "");
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                outcomes.add(new TestOutcome(name, id.getDisplayName(), true, ""));
            } else {
                outcomes.add(new TestOutcome(name, id.getDisplayName(), false, result.getThrowable().map(this::explain).orElse("failed")));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                outcomes.add(new TestOutcome(id.getLegacyReportingName().replaceFirst("\\(.*$", ""), id.getDisplayName(), false, "skipped: " + reason));
            }
        }

        private String explain(Throwable failure) {
            if (failure instanceof TimeoutException) {
                return "did not finish within " + perTest.toSeconds() + " s: an endless loop, or waiting for input that never comes? ("
                        + failure.getMessage() + ")";
            }
            if (failure instanceof UnsupportedOperationException && failure.getMessage() != null
                    && failure.getMessage().startsWith("exercise ")) {
                return failure.getMessage();
            }
            String message = failure.getMessage();
            if (failure instanceof AssertionError) {
                return message == null ? "assertion failed" : message.strip();
            }
            StackTraceElement where = failure.getStackTrace().length == 0 ? null : failure.getStackTrace()[0];
            return failure.getClass().getName() + (message == null ? "" : ": " + message)
                    + (where == null ? "" : "\n    at " + where);
        }
    }
}
