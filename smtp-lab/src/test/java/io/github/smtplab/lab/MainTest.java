package io.github.smtplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top level: subcommands created by name, only when the command line names them (issue 19). */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void everyListedNameCreatesTheCommandOfThatName() {
        for (String name : Main.SUBCOMMANDS) {
            Object command = Main.subcommand(name);
            assertThat(command).as("Main.subcommand(\"%s\")", name).isNotNull();
            String declared = command.getClass().getAnnotation(Command.class).name();
            assertThat(declared).as("the @Command name of %s", command.getClass().getSimpleName()).isEqualTo(name);
        }
        assertThat(Main.subcommand("no-such-command")).isNull();
    }

    @Test
    void versionNeedsNoSubcommand() {
        CommandLine cli = new CommandLine(new Main());
        Main.addSubcommands(cli, new String[] {"--version"});
        assertThat(cli.getSubcommands()).isEmpty();
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("smtplab ");
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        CommandLine cli = new CommandLine(new Main());
        Main.addSubcommands(cli, new String[] {"--debug", "dig", "exemple.com", "MX"});
        assertThat(cli.getSubcommands()).containsOnlyKeys("dig");
    }

    @Test
    void helpListsEveryVisibleSubcommand() {
        assertThat(run("--help")).isZero();
        for (String name : Main.SUBCOMMANDS) {
            if (!name.equals(StartupTraining.NAME)) {
                assertThat(out.toString()).as("--help lists %s", name).contains("  " + name);
            }
        }
        assertThat(out.toString()).doesNotContain(StartupTraining.NAME);
    }

    @Test
    void helpOfASubcommandThroughTheHelpCommand() {
        assertThat(run("help", "dig")).isZero();
        assertThat(out.toString()).contains("Usage: smtplab dig");
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorWithSuggestions() {
        assertThat(run("dgi")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("dgi").contains("dig");
    }

    @Test
    void theTrainingRunSucceedsOnLoopback() {
        assertThat(run(StartupTraining.NAME)).isZero();
    }
}
