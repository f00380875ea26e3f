package io.github.smtplab.lab;

import picocli.CommandLine;

/**
 * The one exit-code scheme of every {@code ./smtplab} command, as the first words of the lines each
 * command's {@code exitCodeList} shows in its {@code --help}: 0 it worked, 1 the outcome is negative (a
 * server refused, a check did not pass), 2 the command line is wrong, 3 no outcome could be had (a server
 * could not be reached, a timeout, a DNS temperror, a file error). The numbers are {@link Main#OK},
 * {@link Main#REFUSED}, {@link Main#USAGE} and {@link Main#FAILED}.
 */
final class ExitCodes {

    private ExitCodes() {}

    /** Picocli's "key:description" form; the key is the exit code. */
    static final String OK = " 0:";
    static final String NEGATIVE = " 1:";
    static final String USAGE = " 2:";
    static final String TROUBLE = " 3:";

    /** Gives every command's exit-code list the same heading. */
    static void headingEverywhere(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
        cli.getSubcommands().values().forEach(ExitCodes::headingEverywhere);
    }
}
