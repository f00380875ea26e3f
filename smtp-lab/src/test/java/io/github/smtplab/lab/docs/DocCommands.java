package io.github.smtplab.lab.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the commands of a Markdown document: the lines of its fenced blocks tagged {@code sh}, with
 * continuation lines (ending in a backslash) joined, blank lines and comment-only lines left out. A pure
 * function of the text; {@link ExecutableDocsIT} runs what it returns.
 *
 * <p>The conventions (docs/testing.md): a command ending with {@code # until Ctrl-C} is a server, ready when
 * its {@code --listen HOST:PORT} accepts connections; one ending with {@code # exits N} must exit with N;
 * any other must exit with 0. Blocks tagged otherwise ({@code console}, {@code text}, {@code java}) are not run.
 */
final class DocCommands {

    private static final Pattern UNTIL_STOPPED = Pattern.compile("#\\s*until Ctrl-C\\s*$");
    private static final Pattern EXITS = Pattern.compile("#\\s*exits\\s+(\\d+)\\s*$");
    private static final Pattern LISTEN = Pattern.compile("--listen[ =](\\S+):(\\d+)");

    private DocCommands() {}

    static List<DocCommand> parse(String document, String markdown) {
        List<DocCommand> commands = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inSh = false;
        boolean inOtherBlock = false;
        StringBuilder pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.startsWith("```")) {
                if (inSh || inOtherBlock) {
                    inSh = false;
                    inOtherBlock = false;
                } else if (line.substring(3).strip().equals("sh")) {
                    inSh = true;
                } else {
                    inOtherBlock = true;
                }
                continue;
            }
            if (!inSh) {
                continue;
            }
            if (pending == null) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                pending = new StringBuilder();
                pendingLine = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line.strip());
            String text = pending.toString().replaceAll("\\s+", " ").strip();
            commands.add(new DocCommand(document, pendingLine, text, expectation(text)));
            pending = null;
        }
        return commands;
    }

    static DocCommand.Expectation expectation(String text) {
        Matcher exits = EXITS.matcher(text);
        if (exits.find()) {
            return new DocCommand.Exits(Integer.parseInt(exits.group(1)));
        }
        if (UNTIL_STOPPED.matcher(text).find()) {
            Matcher listen = LISTEN.matcher(text);
            if (!listen.find()) {
                return new DocCommand.Malformed("'# until Ctrl-C' but no --listen HOST:PORT to wait for");
            }
            return new DocCommand.RunsUntilStopped(listen.group(1), Integer.parseInt(listen.group(2)));
        }
        return new DocCommand.Exits(0);
    }
}
