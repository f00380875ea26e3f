/**
 * {@code ./smtplab learn}: the guided exercises of {@code exercises/}. Wiring only: finding, compiling and
 * testing exercises is the {@code smtp-exercises} module's job; this package prints the path, the first
 * failure and the hints, watches the learner's files, resets an exercise, and plugs the learner's code into
 * the real lab ({@code learn try}).
 */
package io.github.smtplab.lab.learn;
