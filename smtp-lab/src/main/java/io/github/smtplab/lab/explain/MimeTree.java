package io.github.smtplab.lab.explain;

import io.github.smtplab.mime.MimePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A MIME tree (RFC 2045 §2.4, RFC 2046 §5) flattened into rows, one per entity, depth first, numbered as
 * IMAP numbers body parts (RFC 3501 §6.4.5: {@code 1}, {@code 1.2}...; the root is the empty path).
 */
public final class MimeTree {

    /**
     * One entity.
     *
     * @param depth      0 for the message itself
     * @param path       its part number, empty for the root
     * @param part       the entity
     * @param type       its media type, e.g. {@code text/plain}
     * @param encoding   its Content-Transfer-Encoding as written (RFC 2045 §6.1; {@code 7bit} when absent)
     * @param size       the decoded body's size in octets, or the number of parts for a multipart
     * @param filename   the file name it carries, if any (RFC 2183 §2.3)
     * @param attachment whether it is meant to be saved (a file name or a disposition of attachment)
     * @param text       the decoded text of a text part that is not an attachment (RFC 2046 §4.1.2)
     */
    public record Row(int depth, String path, MimePart part, String type, String encoding, long size,
                      Optional<String> filename, boolean attachment, Optional<String> text) {}

    private MimeTree() {}

    /** The rows of the tree under {@code root}, root first. */
    public static List<Row> of(MimePart root) {
        List<Row> rows = new ArrayList<>();
        collect(root, 0, "", rows);
        return rows;
    }

    private static void collect(MimePart part, int depth, String path, List<Row> rows) {
        String encoding = part.headers().first("Content-Transfer-Encoding").map(e -> e.strip().toLowerCase(Locale.ROOT)).orElse("7bit");
        Optional<String> filename = part.filename();
        boolean attachment = part.isAttachment() || filename.isPresent();
        switch (part) {
            case MimePart.Leaf leaf -> rows.add(new Row(depth, path, part, leaf.contentType().mimeType(), encoding, leaf.size(), filename,
                    attachment, leaf.contentType().isText() && !attachment ? Optional.of(leaf.text()) : Optional.empty()));
            case MimePart.Multipart multi -> {
                rows.add(new Row(depth, path, part, multi.contentType().mimeType(), encoding, multi.parts().size(), filename, false, Optional.empty()));
                for (int i = 0; i < multi.parts().size(); i++) {
                    collect(multi.parts().get(i), depth + 1, path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1), rows);
                }
            }
            case MimePart.Encapsulated inner -> {
                rows.add(new Row(depth, path, part, inner.contentType().mimeType(), encoding, 1, filename, false, Optional.empty()));
                collect(inner.message(), depth + 1, path.isEmpty() ? "1" : path + ".1", rows);
            }
        }
    }

    /** One line for the row, indented by depth: part number, type, encoding, size and file name. */
    public static String describe(Row row, Messages messages) {
        String indent = "  ".repeat(row.depth());
        String path = row.path().isEmpty() ? "" : row.path() + "  ";
        if (isContainer(row)) {
            return messages.text("mime.container", indent, path + row.type(), row.size());
        }
        return messages.text("mime.row", indent, path + row.type(), row.encoding(), row.size(),
                row.filename().map(f -> messages.text("mime.file", f)).orElse(""));
    }

    /** Whether the row is a multipart or an encapsulated message, whose size counts parts, not octets. */
    public static boolean isContainer(Row row) {
        return !(row.part() instanceof MimePart.Leaf);
    }
}
