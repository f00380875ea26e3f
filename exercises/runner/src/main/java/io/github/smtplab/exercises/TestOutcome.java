package io.github.smtplab.exercises;

/**
 * One test of an exercise, after it ran.
 *
 * @param test    the test method's name (or the class's, when the whole class failed)
 * @param rule    the test's display name: the RFC rule it checks, in words
 * @param passed  whether it passed
 * @param message the failure's message (AssertJ's, with the RFC rule, the input, expected and actual), or empty
 */
public record TestOutcome(String test, String rule, boolean passed, String message) {

    /** The rule and the message together: what a failure says. */
    public String explanation() {
        return rule + "\n" + message;
    }
}
