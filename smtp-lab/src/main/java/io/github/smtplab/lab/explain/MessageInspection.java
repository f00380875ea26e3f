package io.github.smtplab.lab.explain;

import io.github.smtplab.mime.Message;
import io.github.smtplab.mime.MimePart;
import io.github.smtplab.mime.ParsedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code ./smtplab inspect} prints about one message, and which attachments it would extract. Pure:
 * octets in, text and named octets out; the command does the reading and writing.
 *
 * <p>The message is untrusted input: everything shown from it has its control characters replaced (no
 * terminal escape sequences reach the screen), long values and texts are cut, attachment names are made
 * safe ({@link SafeFileName}), and the parser's own limits bound the work (smtp-mime's ParseLimits).
 */
public final class MessageInspection {

    /** How many characters of a decoded text part are shown. */
    public static final int MAX_TEXT_SHOWN = 20_000;

    /**
     * An attachment to write.
     *
     * @param path     its part number (RFC 3501 §6.4.5 style)
     * @param fileName a safe file name, unique within the message
     * @param content  the decoded octets
     */
    public record Attachment(String path, String fileName, byte[] content) {}

    private final Messages messages;
    private final HeaderNotes notes;

    /** Explanations in the language of {@code messages}. */
    public MessageInspection(Messages messages) {
        this.messages = messages;
        this.notes = new HeaderNotes(messages);
    }

    /** The report: header fields explained, the trace bottom-up, the MIME tree, text parts decoded, parser warnings. */
    public String report(byte[] message) {
        ParsedMessage parsed = Message.parse(message);
        StringBuilder out = new StringBuilder();
        out.append("== ").append(messages.text("inspect.header")).append('\n');
        for (HeaderNotes.Field f : notes.explain(parsed.headers())) {
            out.append(printable(f.name())).append(": ").append(printable(f.value())).append('\n');
            out.append("    # ").append(f.note()).append('\n');
            for (HeaderNotes.Tag t : f.tags()) {
                out.append("    ").append(printable(t.name())).append(' ').append(printable(t.value())).append("\n        # ").append(t.note()).append('\n');
            }
        }
        List<HeaderNotes.Field> trace = notes.traceBottomUp(parsed.headers());
        if (!trace.isEmpty()) {
            out.append("\n== ").append(messages.text("inspect.trace")).append('\n');
            for (int i = 0; i < trace.size(); i++) {
                out.append(i + 1).append(". ").append(printable(trace.get(i).value())).append('\n');
            }
        }
        out.append("\n== ").append(messages.text("inspect.mime")).append('\n');
        List<MimeTree.Row> rows = MimeTree.of(parsed.root());
        for (MimeTree.Row row : rows) {
            out.append(printable(MimeTree.describe(row, messages))).append('\n');
        }
        for (MimeTree.Row row : rows) {
            if (row.text().isPresent()) {
                String text = row.text().get();
                out.append("\n== ").append(messages.text("inspect.text", row.path().isEmpty() ? "-" : row.path())).append('\n');
                String shown = text.length() > MAX_TEXT_SHOWN ? text.substring(0, MAX_TEXT_SHOWN) + "\n… (" + text.length() + ")" : text;
                shown.lines().forEach(l -> out.append("> ").append(printable(l)).append('\n'));
            }
        }
        if (!parsed.warnings().isEmpty()) {
            out.append("\n== ").append(messages.text("inspect.warnings")).append('\n');
            parsed.warnings().forEach(w -> out.append("- ").append(printable(w)).append('\n'));
        }
        return out.toString();
    }

    /** The message's attachments with safe, distinct file names, in tree order. */
    public List<Attachment> attachments(byte[] message) {
        List<Attachment> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (MimeTree.Row row : MimeTree.of(Message.parse(message).root())) {
            if (row.attachment() && row.part() instanceof MimePart.Leaf leaf) {
                String fallback = "part-" + (row.path().isEmpty() ? "0" : row.path());
                String name = SafeFileName.of(row.filename().orElse(""), fallback);
                String unique = name;
                for (int n = 2; !taken.add(unique.toLowerCase(java.util.Locale.ROOT)); n++) {
                    int dot = name.lastIndexOf('.');
                    unique = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
                }
                out.add(new Attachment(row.path(), unique, leaf.body()));
            }
        }
        return out;
    }

    /**
     * Text from the message made harmless on a terminal: control characters (C0 but tab, DEL, C1) shown as
     * {@code ?}, so that no escape sequence from a hostile sender moves the cursor or rewrites the screen.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) ? '?' : c));
        return out.toString();
    }
}
