package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line is consistent: every command's {@code --help} is whole (its summary a whole sentence, as
 * the parent's command list shows it) and lists its exit codes in the one scheme of {@link ExitCodes}
 * (0 it worked, 1 negative outcome, 2 usage, 3 no outcome: unreachable, I/O, temperror).
 */
class CliHelpTest {

    private static final Pattern EXIT_LINE = Pattern.compile("^\\s+(\\d+)\\s+\\S.*$", Pattern.MULTILINE);

    /** Every command path under {@code smtplab}: "", "serve", "dns serve"... (not picocli's own "help"). */
    static Stream<String> commands() {
        List<String> paths = new ArrayList<>();
        walk(everyCommand(), "", paths);
        return paths.stream();
    }

    /** The command line with every subcommand built (Main builds only the one named, for start-up time). */
    private static CommandLine everyCommand() {
        CommandLine cli = new CommandLine(new Main());
        Main.addSubcommands(cli, new String[0]);
        return cli;
    }

    private static void walk(CommandLine cli, String path, List<String> paths) {
        paths.add(path);
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && !sub.getCommandSpec().usageMessage().hidden()) {
                walk(sub, (path + " " + name).strip(), paths);
            }
        });
    }

    private static String help(String path) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : Arrays.asList(path.split(" ")));
        args.add("--help");
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(exit).as("smtplab %s --help", path).isZero();
        return out.toString();
    }

    @ParameterizedTest(name = "smtplab {0} --help")
    @MethodSource("commands")
    void listsItsExitCodesInTheOneScheme(String path) {
        String help = help(path);
        assertThat(help).as("smtplab %s --help", path).contains("Exit codes:");
        String section = help.substring(help.indexOf("Exit codes:"));
        List<Integer> codes = new ArrayList<>();
        Matcher m = EXIT_LINE.matcher(section);
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        assertThat(codes).as("exit codes of smtplab %s", path).isNotEmpty().contains(Main.USAGE).doesNotHaveDuplicates()
                .allMatch(Set.of(Main.OK, Main.REFUSED, Main.USAGE, Main.FAILED)::contains);
    }

    @ParameterizedTest(name = "smtplab {0}")
    @MethodSource("commands")
    void descriptionIsWholeSentences(String path) {
        CommandLine cli = everyCommand();
        for (String name : path.isEmpty() ? new String[0] : path.split(" ")) {
            cli = cli.getSubcommands().get(name);
        }
        String[] description = cli.getCommandSpec().usageMessage().description();
        assertThat(description).as("description of smtplab %s", path).isNotEmpty();
        // the first line is what the parent's command list shows: a whole sentence, not cut at a comma
        assertThat(description[0].strip()).as("summary of smtplab %s", path).endsWith(".");
        String last = Arrays.stream(description).filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow().strip();
        assertThat(last).as("last description line of smtplab %s", path).matches(".*[.)]$");
        assertThat(help(path)).doesNotContain("Until AUTH exists");
    }

    @Test
    void oneNamePerIdeaTheOldNamesHidden() {
        assertThat(help("serve")).contains("--mx-port").doesNotContain("--relay-port");
        assertThat(help("send")).contains("--mx-port", "--hostname").doesNotContain("--helo");
        assertThat(help("queue flush")).contains("--mx-port", "--hostname").doesNotContain("--port=");
    }

    @Test
    void digShowsTheTypeAsOptional() {
        assertThat(help("dig")).contains("NAME [TYPE]");
    }

    @Test
    void theOldNamesStillWork() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--domain", "exemple.com", "--relay-port", "2526");
        assertThat(serve.mxPort).isEqualTo(2526);
        SendCommand send = new SendCommand();
        new CommandLine(send).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--from", "a@b.example", "--helo", "laptop.example");
        assertThat(send.hostname).isEqualTo("laptop.example");
        QueueCommand.Flush flush = new QueueCommand.Flush();
        new CommandLine(flush).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--spool", "q", "--port", "2527");
        assertThat(flush.mxPort).isEqualTo(2527);
    }
}
