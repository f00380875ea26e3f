package io.github.smtplab.lab.docs;

/**
 * One command of a document's {@code sh} block, as written (continuation lines joined), with where it is
 * and what it is expected to do.
 *
 * @param document the Markdown file, relative to the repository root
 * @param line     the line where the command starts (1-based)
 * @param text     the command as the reader would type it, trailing comment included
 * @param expected how it should end
 */
record DocCommand(String document, int line, String text, Expectation expected) {

    /** What the document says the command does: exits with a code, or runs until Ctrl-C. */
    sealed interface Expectation {}

    /** Exits with {@code code}: 0 unless the line ends with {@code # exits N}. */
    record Exits(int code) implements Expectation {}

    /** Ends with {@code # until Ctrl-C}: a server, ready once something accepts TCP on {@code port}. */
    record RunsUntilStopped(String host, int port) implements Expectation {}

    /** A line that cannot be run as documented (say, {@code # until Ctrl-C} without {@code --listen}). */
    record Malformed(String reason) implements Expectation {}

    /** Where to find it: "docs/smtp-tls.md:80". */
    String where() {
        return document + ":" + line;
    }
}
