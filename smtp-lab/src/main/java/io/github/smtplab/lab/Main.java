package io.github.smtplab.lab;

import io.github.smtplab.core.SmtpReplyException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ./smtplab}: the entry point. Each subcommand is a class of its own; this one only routes, and
 * turns failures into one clear line (the stack trace only with {@code --debug}).
 *
 * <p>Start-up time matters here: a learner types {@code ./smtplab dig ...} dozens of times. picocli reads the
 * annotations of every subcommand it is given, which loads their classes and everything they name; so the
 * subcommands are created by name in {@link #subcommand}, and {@link #run} gives picocli only the one the
 * command line names (all of them only when the whole list is needed: {@code --help}, {@code help}, a typo).
 */
@Command(name = "smtplab", mixinStandardHelpOptions = true, version = "smtplab 0.1.0",
        description = "Internet mail built by hand: run a server, send a message, look inside the protocol.",
        footer = "%nEvery command lists its own exit codes in its --help, in this one scheme.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            ExitCodes.OK + "it worked (send: every recipient accepted; a check: it passed)",
            ExitCodes.NEGATIVE + "the outcome is negative: a server refused, a check did not pass, no such DNS data",
            ExitCodes.USAGE + "the command line is wrong (see --help)",
            ExitCodes.TROUBLE + "could not get an outcome: unreachable server, timeout, protocol error, DNS temperror, file error"})
public final class Main implements Runnable {

    /** Exit code: every recipient accepted, or the command did what it says. */
    public static final int OK = 0;
    /** Exit code: the server refused something (a recipient, the message). */
    public static final int REFUSED = 1;
    /** Exit code: bad usage (picocli's own code for it). */
    public static final int USAGE = 2;
    /** Exit code: the dialogue could not happen (network, timeout, protocol violation, file). */
    public static final int FAILED = 3;

    /** Every subcommand, by the name it is typed with, in the order {@code --help} lists them. */
    static final List<String> SUBCOMMANDS = List.of("demo", "inspect", "serve", "send", "compose", "dig", "dns", "queue", "dkim",
            "spf", "dmarc", "users", "pop3", "conformance", "learn", "help", StartupTraining.NAME);

    /**
     * Creates the subcommand typed as {@code name}, or returns null for an unknown name. A switch and not a table
     * of constructor references on purpose: a {@code DemoCommand::new} would load the class (and what its
     * signatures name) when the table is built, which is what this whole arrangement avoids.
     */
    static Object subcommand(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "inspect" -> new InspectCommand();
            case "serve" -> new ServeCommand();
            case "send" -> new SendCommand();
            case "compose" -> new ComposeCommand();
            case "dig" -> new DigCommand();
            case "dns" -> new DnsCommand();
            case "queue" -> new QueueCommand();
            case "dkim" -> new DkimCommand();
            case "spf" -> new SpfCommand();
            case "dmarc" -> new DmarcCommand();
            case "users" -> new UsersCommand();
            case "pop3" -> new Pop3Cli();
            case "conformance" -> new ConformanceCommand();
            case "learn" -> new io.github.smtplab.lab.learn.LearnCommand();
            case "help" -> new CommandLine.HelpCommand();
            case StartupTraining.NAME -> new StartupTraining();
            default -> null;
        };
    }

    /** Options of the top level that take no value and may stand before the subcommand's name. */
    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("--debug");

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // the servers log through System.Logger; on a terminal only warnings are worth a line (set up lazily)
        if (!List.of(args).contains("--debug") && System.getProperty("java.util.logging.config.class") == null) {
            System.setProperty("java.util.logging.config.class", QuietLogging.class.getName());
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        addSubcommands(cli, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        ExitCodes.headingEverywhere(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // the whole command name ("smtplab dns serve"), then the reason
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            if (main.debug) {
                e.printStackTrace(commandLine.getErr());
            }
            // the server answered, with a refusal (a 554 greeting, 535 to AUTH...): that is "refused", not "failed"
            return e instanceof SmtpReplyException ? REFUSED : FAILED;
        });
        return cli.execute(args);
    }

    /**
     * Gives picocli the subcommand that {@code args} names, or every subcommand when the command line does not
     * name exactly one (no arguments, {@code --help}, {@code help dig}, an unknown name that picocli will then
     * report with its suggestions). {@code --version} alone needs none.
     */
    static void addSubcommands(CommandLine cli, String[] args) {
        String first = null;
        for (String arg : args) {
            if (arg.equals("--version") || arg.equals("-V")) {
                return;
            }
            if (!TOP_LEVEL_FLAGS.contains(arg)) {
                first = arg;
                break;
            }
        }
        Object named = first == null || first.equals("help") ? null : subcommand(first);
        if (named != null) {
            cli.addSubcommand(first, named);
            return;
        }
        for (String name : SUBCOMMANDS) {
            cli.addSubcommand(name, subcommand(name));
        }
    }

    /** The reason in one line: for a file, its name and what went wrong ("x.zone: no such file"). */
    static String oneLine(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + fileReason(f);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** What went wrong with a file, without its name: "no such file", "permission denied"... */
    static String fileReason(java.nio.file.FileSystemException f) {
        return switch (f) {
            case java.nio.file.NoSuchFileException n -> "no such file";
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileAlreadyExistsException x -> "already exists";
            case java.nio.file.NotDirectoryException d -> "not a directory";
            default -> f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        };
    }
}
