package io.github.smtplab.lab;

import io.github.smtplab.mime.ComposedMessage;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./smtplab compose ... > message.eml}: writes an RFC 5322 / MIME message to standard output. */
@Command(name = "compose", mixinStandardHelpOptions = true,
        description = {"Writes a message (RFC 5322, MIME) to standard output, with CRLF line ends.",
            "Bcc recipients are left out of the header; 7-bit unless --8bit."},
        exitCodeList = {ExitCodes.OK + "the message was written", ExitCodes.USAGE + "the command line is wrong (a bad address...)",
            ExitCodes.TROUBLE + "a file to attach cannot be read"})
final class ComposeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MessageOptions message;

    @Option(names = "--8bit", description = "Allow 8bit content (only for a transport with 8BITMIME, RFC 6152).")
    boolean eightBit;

    /** Where the message goes; standard output unless a test sets it. */
    OutputStream output = System.out;

    @Override
    public Integer call() throws Exception {
        if (!message.hasBody()) {
            throw new ParameterException(spec.commandLine(), "give a body: --text, --body-file or --html");
        }
        ComposedMessage composed = message.build(eightBit);
        output.write(composed.bytes());
        output.flush();
        return Main.OK;
    }
}
