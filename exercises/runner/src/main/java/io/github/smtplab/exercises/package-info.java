/**
 * The course runner: {@link io.github.smtplab.exercises.Course} (the exercises on disk),
 * {@link io.github.smtplab.exercises.ExerciseCompiler} (javac in-process, with a guard against
 * {@code System.exit}), {@link io.github.smtplab.exercises.ExerciseTests} (the JUnit Platform launcher,
 * a class loader per attempt, a timeout per test), {@link io.github.smtplab.exercises.Progress} (the cache
 * of passed exercises by hash of the learner's files) and {@link io.github.smtplab.exercises.Hints}.
 *
 * <p>The RFCs are the exercises' business, not the runner's: each exercise's README quotes its own.
 */
package io.github.smtplab.exercises;
