package io.github.smtplab.lab.learn;

import io.github.smtplab.exercises.Compilation;
import io.github.smtplab.exercises.Exercise;
import io.github.smtplab.exercises.ExerciseCompiler;
import io.github.smtplab.exercises.ExerciseTests;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The learner's classes of one exercise, compiled (without the tests) into a class loader of their own, so
 * that {@code learn try} can call them from inside the lab. Each call has a deadline.
 */
final class LearnerCode implements AutoCloseable {

    private static final long DEADLINE_SECONDS = 5;

    private final URLClassLoader loader;

    private LearnerCode(URLClassLoader loader) {
        this.loader = loader;
    }

    /** Compiles the learner's files of the exercise. */
    static LearnerCode of(Exercise exercise) throws IOException {
        return switch (ExerciseCompiler.compile(exercise.sources(), List.of(), ExerciseCompiler.freshOutput())) {
            case Compilation.Compiled compiled -> new LearnerCode(new ExerciseTests.AttemptClassLoader(
                    compiled.classes().toUri().toURL(), LearnerCode.class.getClassLoader()));
            case Compilation.Failed failed -> throw new IllegalStateException("your code does not compile:\n" + failed.errors());
            case Compilation.Refused refused -> throw new IllegalStateException("not run: " + refused.reason());
        };
    }

    /**
     * Calls a static method of the learner's code; the learner's own exception comes back as it is.
     *
     * @throws IllegalStateException when the call does not return within the deadline
     */
    Object call(String className, String methodName, Class<?>[] types, Object... arguments) throws Exception {
        FutureTask<Object> task = start(className, methodName, types, arguments);
        try {
            return outcome(task, DEADLINE_SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(className + "." + methodName + "() did not return within " + DEADLINE_SECONDS + " s");
        }
    }

    /**
     * Starts a static method of the learner's code in a daemon thread of its own (a server's {@code serve()},
     * which returns only when told to stop) and returns at once; {@link #outcome} waits for it.
     */
    FutureTask<Object> start(String className, String methodName, Class<?>[] types, Object... arguments) throws Exception {
        Method method = Class.forName(className, true, loader).getDeclaredMethod(methodName, types);
        method.setAccessible(true);
        FutureTask<Object> task = new FutureTask<>(() -> method.invoke(null, arguments));
        Thread thread = new Thread(task, "learner-code");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /**
     * What a started method returned, waiting at most {@code seconds}; the learner's own exception comes back as it is.
     *
     * @throws TimeoutException when it is still running
     */
    static Object outcome(FutureTask<Object> task, long seconds) throws Exception {
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
        }
    }

    /** The class loader of the learner's classes (for the records an exercise's methods take). */
    ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
