package io.github.smtplab.lab;

import io.github.smtplab.lab.explain.Language;
import io.github.smtplab.lab.explain.MessageInspection;
import io.github.smtplab.lab.explain.Messages;
import io.github.smtplab.lab.explain.SafeFileName;
import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.ParsedMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./smtplab inspect}: read what arrived. The explaining is {@link MessageInspection}'s; this class reads and writes files. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Explains a received message: each header field (trace fields bottom-up, Authentication-Results, "
                + "DKIM-Signature tags), the MIME tree with each part's type, encoding, size and file name, and the text parts "
                + "decoded. Given a Maildir (a directory with new/ and cur/, or a directory of them), lists its messages; "
                + "--message N or --all inspects them.",
        exitCodeList = {ExitCodes.OK + "inspected", ExitCodes.USAGE + "the command line is wrong",
            ExitCodes.TROUBLE + "a file could not be read or written"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|MAILDIR", description = "A message file (.eml) or a Maildir directory.")
    Path source;

    @Option(names = "--extract", paramLabel = "DIR", description = "Write the attachments into DIR (created if needed), under safe file names; existing files are not overwritten.")
    Path extract;

    @Option(names = "--message", paramLabel = "N", description = "In a Maildir: inspect message N of the list.")
    Integer number;

    @Option(names = "--all", description = "In a Maildir: inspect every message.")
    boolean all;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "LANG", description = "Language of the explanations: en or fr (default: ${DEFAULT-VALUE}).")
    String lang;

    @Override
    public Integer call() throws IOException {
        Language language = Language.byCode(lang).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--lang " + lang + ": unknown language; choose one of " + Language.codes()));
        MessageInspection inspection = new MessageInspection(Messages.of(language));
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString(), null, "no such file or directory");
        }
        List<Path> files = Files.isDirectory(source) ? maildirMessages(source) : List.of(source);
        if (Files.isDirectory(source) && !all && number == null) {
            list(files, out);
            return Main.OK;
        }
        if (number != null && (number < 1 || number > files.size())) {
            throw new ParameterException(spec.commandLine(), "--message " + number + ": the Maildir holds " + files.size() + " message(s)");
        }
        List<Path> chosen = number != null ? List.of(files.get(number - 1)) : files;
        for (Path file : chosen) {
            if (chosen.size() > 1 || Files.isDirectory(source)) {
                out.println("#### " + MessageInspection.printable(file.toString()));
            }
            byte[] message = Files.readAllBytes(file);
            out.print(inspection.report(message));
            if (extract != null) {
                Files.createDirectories(extract);
                for (MessageInspection.Attachment a : inspection.attachments(message)) {
                    Path target = SafeFileName.inside(extract, a.fileName());
                    try {
                        Files.write(target, a.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        throw new IOException(target + " already exists; not overwritten (choose another --extract directory)", e);
                    }
                    out.println(Messages.of(language).text("inspect.extracted", target, a.content().length));
                }
            }
            out.println();
        }
        out.flush();
        return Main.OK;
    }

    /** One line per message: its number, From, Subject and size. */
    private static void list(List<Path> files, PrintWriter out) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            byte[] head = readHead(files.get(i));
            ParsedMessage parsed = Message.parse(head);
            out.printf("%3d  %-30s  %-40s  %8d  %s%n", i + 1,
                    MessageInspection.printable(parsed.headers().first("From").orElse("-")),
                    MessageInspection.printable(parsed.subject().orElse("-")), Files.size(files.get(i)),
                    MessageInspection.printable(files.get(i).toString()));
        }
    }

    /** The first 64 KiB, enough for the header of a listing. */
    private static byte[] readHead(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(64 * 1024);
        }
    }

    /** The files in new/ and cur/ of a Maildir, or of each Maildir directly below {@code dir}, sorted. */
    static List<Path> maildirMessages(Path dir) throws IOException {
        List<Path> maildirs = new ArrayList<>();
        if (Files.isDirectory(dir.resolve("new")) || Files.isDirectory(dir.resolve("cur"))) {
            maildirs.add(dir);
        } else {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(c -> Files.isDirectory(c.resolve("new")) || Files.isDirectory(c.resolve("cur"))).sorted().forEach(maildirs::add);
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path maildir : maildirs) {
            for (String sub : List.of("new", "cur")) {
                Path d = maildir.resolve(sub);
                if (Files.isDirectory(d)) {
                    try (Stream<Path> entries = Files.list(d)) {
                        entries.filter(Files::isRegularFile).sorted().forEach(files::add);
                    }
                }
            }
        }
        return files;
    }
}
