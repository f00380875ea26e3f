package io.github.smtplab.exercises;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles an attempt (the learner's files and the exercise's tests) in-process with {@code javax.tools},
 * into a fresh folder. Before any class is written, the compiled trees are searched for calls that would end
 * the runner's own process ({@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}): such code is
 * refused with its file and line rather than run.
 */
public final class ExerciseCompiler {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** One file manager for every compilation: it keeps the class path's jars open and indexed (warm: ~4x faster). */
    private static final StandardJavaFileManager FILES = JAVAC == null ? null
            : JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);

    private ExerciseCompiler() {}

    /**
     * Compiles the given files together into {@code output}.
     *
     * @param sources the learner's (or a reference's) files
     * @param tests   the exercise's test files
     * @param output  an empty folder for the classes
     */
    public static synchronized Compilation compile(List<Path> sources, List<Path> tests, Path output) {
        if (JAVAC == null) {
            return new Compilation.Failed("no Java compiler in this runtime: run smtplab on a JDK, not a JRE");
        }
        List<Path> all = new ArrayList<>(sources);
        all.addAll(tests);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager files = FILES;
        try {
            List<String> options = List.of("-d", output.toString(), "-classpath", classPath(), "-g",
                    "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8");
            JavacTask task = (JavacTask) JAVAC.getTask(new StringWriter(), files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(all));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            if (hasErrors(diagnostics)) {
                return new Compilation.Failed(errors(diagnostics));
            }
            List<String> exits = processEnders(task, units);
            if (!exits.isEmpty()) {
                return new Compilation.Refused(String.join("\n", exits));
            }
            task.generate();
            if (hasErrors(diagnostics)) {
                return new Compilation.Failed(errors(diagnostics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> testClasses = tests.stream().map(t -> t.getFileName().toString().replaceFirst("\\.java$", "")).toList();
        return new Compilation.Compiled(output, testClasses);
    }

    private static boolean hasErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder text = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
                text.append(file).append(d.getMessage(Locale.ROOT)).append('\n');
            }
        }
        return text.toString().strip();
    }

    /** Calls that would stop the JVM the tests run in, as "File.java:LINE: System.exit". */
    private static List<String> processEnders(JavacTask task, Iterable<? extends CompilationUnitTree> units) {
        Trees trees = Trees.instance(task);
        List<String> found = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    Element called = trees.getElement(getCurrentPath());
                    if (called instanceof ExecutableElement method
                            && method.getEnclosingElement() instanceof TypeElement owner
                            && endsProcess(owner.getQualifiedName().toString(), method.getSimpleName().toString())) {
                        long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, call));
                        found.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + ": "
                                + owner.getSimpleName() + "." + method.getSimpleName() + "() would stop the runner itself");
                    }
                    return super.visitMethodInvocation(call, unused);
                }
            }.scan(unit, null);
        }
        return found;
    }

    private static boolean endsProcess(String owner, String method) {
        return (owner.equals("java.lang.System") && method.equals("exit"))
                || (owner.equals("java.lang.Runtime") && (method.equals("exit") || method.equals("halt")));
    }

    /** JUnit Jupiter's API, AssertJ and QuickTheories, wherever they are: a folder of jars in a build, one shaded jar in smtplab.jar. */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String marker : List.of("org.junit.jupiter.api.Test", "org.assertj.core.api.Assertions",
                "org.opentest4j.AssertionFailedError", "org.junit.platform.commons.annotation.Testable",
                "org.apiguardian.api.API", "org.quicktheories.QuickTheory")) {
            try {
                Class<?> found = Class.forName(marker, false, ExerciseCompiler.class.getClassLoader());
                entries.add(Path.of(found.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ReflectiveOperationException | URISyntaxException | NullPointerException | SecurityException e) {
                // not found where expected: the system class path below still has it
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A fresh folder for one attempt's classes. */
    public static Path freshOutput() {
        try {
            return Files.createTempDirectory("smtplab-learn-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
