package io.github.smtplab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The course checks itself (as rustlings' {@code dev check} does): every stub compiles and fails all its
 * tests, every reference solution passes all of them, every known-bad implementation is caught by a test whose
 * message names the RFC rule the mistake breaks, and every exercise has its README, three hints and a message
 * naming an RFC on every assertion.
 */
class CourseSelfCheckTest {

    /** Maven runs the tests of this module in {@code exercises/}. */
    private static final Course COURSE = new Course(Path.of("").toAbsolutePath());

    @Test
    void theCourseHasItsExercisesInOrder() {
        List<Exercise> exercises = COURSE.exercises();
        assertThat(exercises).as("exercises found in %s", COURSE.root()).isNotEmpty();
        for (int i = 0; i < exercises.size(); i++) {
            assertThat(exercises.get(i).number()).as("exercise numbers run 01, 02... without a gap").isEqualTo("%02d", i + 1);
        }
    }

    @Test
    void theMutationProfileCoversEveryReference() throws IOException {
        String pom = Files.readString(COURSE.root().resolve("pom.xml"));
        for (Exercise exercise : COURSE.exercises()) {
            for (Path reference : COURSE.solution(exercise)) {
                String name = reference.getFileName().toString().replaceFirst("\\.java$", "");
                assertThat(pom).as("exercises/pom.xml's pitest targetClasses lists %s (%s)", name, exercise.id()).contains("<param>" + name + "*</param>");
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyExercise() {
        String only = System.getProperty("course.only", ""); // -Dcourse.only=04 checks one exercise while writing it
        return COURSE.exercises().stream().filter(e -> only.isEmpty() || e.number().equals(only)).map(e -> DynamicContainer.dynamicContainer(e.id(), Stream.of(
                DynamicTest.dynamicTest("the stub compiles and fails every test", () -> stubFails(e)),
                DynamicTest.dynamicTest("the reference passes every test", () -> referencePasses(e)),
                DynamicTest.dynamicTest("every known-bad implementation is caught by its RFC rule", () -> knownBadCaught(e)),
                DynamicTest.dynamicTest("README, three hints, a message on every assertion", () -> documented(e)))));
    }

    private static void stubFails(Exercise exercise) throws IOException {
        Attempt attempt = Attempt.of(exercise, exercise.sources());
        assertThat(attempt).as("%s: the untouched stub must compile", exercise.id()).isInstanceOf(Attempt.Tested.class);
        TestReport report = ((Attempt.Tested) attempt).report();
        assertThat(report.outcomes()).as("%s: tests ran against the stub", exercise.id()).isNotEmpty();
        assertThat(report.outcomes()).as("%s: every test fails against the untouched stub (a test the stub passes checks nothing)", exercise.id())
                .noneMatch(TestOutcome::passed);
        String stub = exercise.sources().stream().map(CourseSelfCheckTest::read).reduce("", String::concat);
        assertThat(stub).as("%s: the stub fails plainly, naming its exercise", exercise.id())
                .contains("UnsupportedOperationException(\"exercise " + exercise.number() + ": write ");
    }

    private static void referencePasses(Exercise exercise) {
        List<Path> reference = COURSE.solution(exercise);
        assertThat(reference).as("%s: a reference solution in solutions/%s", exercise.id(), exercise.id()).isNotEmpty();
        Attempt attempt = Attempt.of(exercise, reference);
        assertThat(attempt).as("%s: the reference compiles", exercise.id()).isInstanceOf(Attempt.Tested.class);
        assertThat(((Attempt.Tested) attempt).report().failures()).as("%s: the reference passes every test", exercise.id()).isEmpty();
        assertThat(reference.stream().map(p -> p.getFileName().toString()).toList())
                .as("%s: the reference has the stub's files", exercise.id())
                .containsAll(exercise.sources().stream().map(p -> p.getFileName().toString()).toList());
    }

    private static void knownBadCaught(Exercise exercise) throws IOException {
        List<KnownBad> mistakes = COURSE.knownBad(exercise);
        assertThat(mistakes).as("%s: at least two known-bad implementations in known-bad/%s", exercise.id(), exercise.id()).hasSizeGreaterThanOrEqualTo(2);
        for (KnownBad mistake : mistakes) {
            String rule = mistake.caughtBy();
            assertThat(rule).as("%s/%s: a '// caught by: RFC ...' line", exercise.id(), mistake.mistake()).startsWith("RFC ");
            Attempt attempt = Attempt.of(exercise, mistake.over(COURSE.solution(exercise), Files.createTempDirectory("known-bad")));
            assertThat(attempt).as("%s/%s compiles", exercise.id(), mistake.mistake()).isInstanceOf(Attempt.Tested.class);
            List<TestOutcome> failures = ((Attempt.Tested) attempt).report().failures();
            assertThat(failures).as("%s/%s: caught by a test whose message names %s", exercise.id(), mistake.mistake(), rule)
                    .anyMatch(f -> f.explanation().contains(rule));
        }
    }

    private static void documented(Exercise exercise) {
        String readme = read(exercise.readme());
        for (String part : List.of("## The idea", "## What the RFC says", "## A worked example", "## What to write", "\n> ")) {
            assertThat(readme).as("%s/README.md has %s", exercise.id(), part.strip()).contains(part);
        }
        assertThat(readme).as("%s/README.md quotes an RFC with its section", exercise.id()).containsPattern("RFC \\d+ section \\d");
        assertThat(Hints.of(exercise)).as("%s/hints.md: three graded hints", exercise.id()).hasSize(3).allMatch(h -> !h.isBlank());
        for (Path test : exercise.tests()) {
            String source = read(test);
            assertThat(source).as("%s: no disabled test", test).doesNotContain("@Disabled");
            assertThat(source.split("@Test", -1).length - 1).as("%s: every @Test has a @DisplayName naming its RFC rule", test.getFileName())
                    .isEqualTo(source.split("@DisplayName\\(\"RFC \\d+", -1).length - 1);
            for (String assertion : assertions(source)) {
                assertThat(assertion).as("%s: every assertion has a message naming its RFC rule:%n%s", test.getFileName(), assertion)
                        .containsPattern("\\.as\\((\"[^\"]*RFC \\d+|\"%s|rule\\b)"); // a helper takes the rule as its parameter 
            }
        }
    }

    private static final Pattern ASSERTION = Pattern.compile("assertThat\\w*\\(");

    /** Each {@code assertThat...( ... ;} statement of a test file. */
    static List<String> assertions(String source) {
        List<String> found = new ArrayList<>();
        Matcher m = ASSERTION.matcher(source);
        while (m.find()) {
            int end = source.indexOf(";\n", m.start());
            found.add(source.substring(m.start(), end < 0 ? source.length() : end));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
