package io.github.smtplab.exercises;

import java.nio.file.Path;
import java.util.List;

/** What came of compiling an attempt: classes to test, compiler errors, or code refused before it runs. */
public sealed interface Compilation {

    /**
     * The attempt compiled.
     *
     * @param classes        the folder holding the compiled classes
     * @param testClassNames the test classes to run
     */
    record Compiled(Path classes, List<String> testClassNames) implements Compilation {}

    /**
     * javac refused the code.
     *
     * @param errors the compiler's messages, one per line, with file and line
     */
    record Failed(String errors) implements Compilation {}

    /**
     * The code compiled but does something the runner will not run in its own process.
     *
     * @param reason what was found and where
     */
    record Refused(String reason) implements Compilation {}
}
