package io.github.smtplab.lab;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./smtplab}: the entry point. Each subcommand is a class of its own; this one only routes, and
 * turns failures into one clear line (the stack trace only with {@code --debug}).
 */
@Command(name = "smtplab", mixinStandardHelpOptions = true, version = "smtplab 0.1.0",
        description = "Internet mail built by hand: run a server, send a message, look inside the protocol.",
        footer = "%nEvery command lists its own exit codes in its --help, in this one scheme.",
        subcommands = {DemoCommand.class, ServeCommand.class, SendCommand.class, ComposeCommand.class, DigCommand.class, DnsCommand.class, QueueCommand.class, DkimCommand.class, SpfCommand.class, DmarcCommand.class, UsersCommand.class, CommandLine.HelpCommand.class},
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

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // the servers log through System.Logger; on a terminal only warnings are worth a line
        if (java.util.Arrays.stream(args).noneMatch("--debug"::equals)) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
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
            return e instanceof io.github.smtplab.core.SmtpReplyException ? REFUSED : FAILED;
        });
        return cli.execute(args);
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
