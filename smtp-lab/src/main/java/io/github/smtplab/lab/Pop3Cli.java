package io.github.smtplab.lab;

import picocli.CommandLine.Command;

/** {@code ./smtplab pop3 serve|fetch}: the reading side, POP3 (smtp-pop3). Only routes to the two subcommands. */
@Command(name = "pop3", mixinStandardHelpOptions = true,
        description = {"The reading side of mail: a POP3 server on the Maildir that serve fills, and a POP3 client.",
            "'pop3 serve' serves MAILDIR/<address>/ to the users of --users (RFC 1939, STLS, implicit TLS, AUTH).",
            "'pop3 fetch' logs in, lists and retrieves every message, and deletes them unless --keep."},
        exitCodeList = {ExitCodes.OK + "the usage was printed", ExitCodes.USAGE + "the command line is wrong"},
        subcommands = {Pop3ServeCommand.class, Pop3FetchCommand.class})
final class Pop3Cli implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
