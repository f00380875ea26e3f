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
        subcommands = {DemoCommand.class, ServeCommand.class, SendCommand.class, ComposeCommand.class, DigCommand.class, DnsCommand.class, QueueCommand.class, DkimCommand.class, SpfCommand.class, DmarcCommand.class, UsersCommand.class, io.github.smtplab.lab.learn.LearnCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:everything worked (send: every recipient accepted)",
            " 1:the server refused a recipient or the message",
            " 2:the command line is wrong (see --help)",
            " 3:could not talk to the server: connection, timeout, protocol or file error"})
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("smtplab " + commandLine.getCommandName() + ": " + oneLine(e));
            if (main.debug) {
                e.printStackTrace(commandLine.getErr());
            }
            // the server answered, with a refusal (a 554 greeting, 535 to AUTH...): that is "refused", not "failed"
            return e instanceof io.github.smtplab.core.SmtpReplyException ? REFUSED : FAILED;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
