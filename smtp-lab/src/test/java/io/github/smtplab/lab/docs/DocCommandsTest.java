package io.github.smtplab.lab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@link DocCommands} reads the {@code sh} blocks of a document (the conventions of docs/testing.md). */
class DocCommandsTest {

    private static final String DOCUMENT = """
            # A document

            ```sh
            ./smtplab serve --listen 127.0.0.1:2525 --domain exemple.com   # until Ctrl-C
            # a comment line is not a command

            ./smtplab send --server 127.0.0.1:2525 \\
                --to bob@exemple.com --text hi
            ./smtplab spf check --ip 203.0.113.5   # exits 1
            ```

            ```console
            $ ./smtplab never-run
            ```

            ```
            ./smtplab not-run-either
            ```

            ```sh
            ./smtplab dns serve --zone z.zone   # until Ctrl-C
            ```
            """;

    @Test
    void onlyShBlocksWithContinuationLinesJoined() {
        var commands = DocCommands.parse("doc.md", DOCUMENT);

        assertThat(commands).extracting(DocCommand::text).containsExactly(
                "./smtplab serve --listen 127.0.0.1:2525 --domain exemple.com # until Ctrl-C",
                "./smtplab send --server 127.0.0.1:2525 --to bob@exemple.com --text hi",
                "./smtplab spf check --ip 203.0.113.5 # exits 1",
                "./smtplab dns serve --zone z.zone # until Ctrl-C");
        assertThat(commands).extracting(DocCommand::line).containsExactly(4, 7, 9, 21);
    }

    @Test
    void expectationsFromTheTrailingComment() {
        var commands = DocCommands.parse("doc.md", DOCUMENT);

        assertThat(commands).extracting(DocCommand::expected).containsExactly(
                new DocCommand.RunsUntilStopped("127.0.0.1", 2525),
                new DocCommand.Exits(0),
                new DocCommand.Exits(1),
                new DocCommand.Malformed("'# until Ctrl-C' but no --listen HOST:PORT to wait for"));
    }

    @Test
    void listenWithAnEqualsSign() {
        assertThat(DocCommands.expectation("./smtplab serve --listen=[::1]:2526 # until Ctrl-C"))
                .isEqualTo(new DocCommand.RunsUntilStopped("[::1]", 2526));
    }
}
