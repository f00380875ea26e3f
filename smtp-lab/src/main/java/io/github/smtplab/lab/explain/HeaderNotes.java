package io.github.smtplab.lab.explain;

import io.github.smtplab.mime.EncodedWords;
import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.Headers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A message header taken apart and explained, field by field: what each field is for, the clauses of a
 * Received field (RFC 5321 §4.4), the methods of Authentication-Results (RFC 8601 §2.2) and the tags of
 * DKIM-Signature (RFC 6376 §3.5). Pure: header in, explanations out, sentences from {@link Messages}.
 */
public final class HeaderNotes {

    /**
     * One part of a field's value, explained.
     *
     * @param name  a clause or tag name, e.g. {@code with}, {@code h}, {@code spf}
     * @param value its value
     * @param note  what it means
     */
    public record Tag(String name, String value, String note) {}

    /**
     * One field, explained.
     *
     * @param name  the field name as written
     * @param value the value, unfolded (RFC 5322 §2.2.3), encoded words decoded (RFC 2047)
     * @param note  what the field is for
     * @param tags  its parts, explained (empty for a simple field)
     */
    public record Field(String name, String value, String note, List<Tag> tags) {
        /** Copies the tags. */
        public Field {
            tags = List.copyOf(tags);
        }
    }

    /** The clause keywords of a Received field (RFC 5321 §4.4 Stamp). */
    private static final Set<String> RECEIVED_CLAUSES = Set.of("from", "by", "via", "with", "id", "for");
    /** How much of a value is shown: a hostile header may be megabytes long. */
    public static final int MAX_VALUE_SHOWN = 2000;

    private final Messages messages;

    /** Explanations in the language of {@code messages}. */
    public HeaderNotes(Messages messages) {
        this.messages = messages;
    }

    /** Every field of {@code headers}, in order, explained. */
    public List<Field> explain(Headers headers) {
        List<HeaderField> fields = headers.fields();
        long received = fields.stream().filter(f -> f.is("Received")).count();
        List<Field> out = new ArrayList<>();
        int receivedSeen = 0;
        for (HeaderField f : fields) {
            String lower = f.name().toLowerCase(Locale.ROOT);
            String unfolded = f.value().replaceAll("[ \t]+", " ");   // folding white space shown as one space
            String value = shorten(lower.equals("subject") ? EncodedWords.decode(unfolded) : unfolded);
            String note = messages.find("field." + lower)
                    .orElseGet(() -> messages.text(lower.startsWith("x-") ? "field.x" : "field.other"));
            List<Tag> tags = List.of();
            switch (lower) {
                case "received" -> {
                    receivedSeen++;
                    // the first Received from the top was added last: hop number counted from the bottom
                    note = Messages.joined(note, messages.text("received.hop", received - receivedSeen + 1, received));
                    tags = receivedClauses(value);
                }
                case "dkim-signature" -> tags = dkimTags(value);
                case "authentication-results" -> tags = authenticationResults(value);
                default -> { }
            }
            out.add(new Field(f.name(), value, note, tags));
        }
        return out;
    }

    /** The Received fields from the bottom up: the order in which the servers handled the message (RFC 5321 §4.4). */
    public List<Field> traceBottomUp(Headers headers) {
        List<Field> trace = new ArrayList<>(explain(headers).stream().filter(f -> f.name().equalsIgnoreCase("Received")).toList());
        java.util.Collections.reverse(trace);
        return trace;
    }

    private List<Tag> receivedClauses(String value) {
        int semicolon = value.lastIndexOf(';');
        String clauses = semicolon < 0 ? value : value.substring(0, semicolon);
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String word : clauses.split("\\s+")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (RECEIVED_CLAUSES.contains(lower) && !parts.containsKey(lower)) {
                current = new StringBuilder();
                parts.put(lower, current);
            } else if (current != null) {
                current.append(current.isEmpty() ? "" : " ").append(word);
            }
        }
        List<Tag> tags = new ArrayList<>();
        parts.forEach((clause, text) -> {
            String note = messages.text("received." + clause);
            if (clause.equals("with")) {
                String protocol = text.toString().split("\\s+")[0].toUpperCase(Locale.ROOT);
                note = note + " " + messages.find("received.with." + protocol).orElse("");
            }
            tags.add(new Tag(clause, text.toString(), note.strip()));
        });
        if (semicolon >= 0) {
            tags.add(new Tag(";", value.substring(semicolon + 1).strip(), messages.text("received.date")));
        }
        return tags;
    }

    private List<Tag> dkimTags(String value) {
        List<Tag> tags = new ArrayList<>();
        for (String spec : value.split(";")) {
            int equals = spec.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = spec.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String tagValue = spec.substring(equals + 1).replaceAll("\\s+", "");   // RFC 6376 §3.2: white space is ignored
            String note = messages.find("dkim.tag." + name).orElse(messages.text("dkim.tag.other"));
            if (name.equals("h")) {
                List<String> doubled = oversigned(tagValue);
                if (!doubled.isEmpty()) {
                    note = Messages.joined(note, messages.text("dkim.tag.h.oversigned", String.join(", ", doubled)));
                }
            }
            tags.add(new Tag(name, tagValue, note));
        }
        return tags;
    }

    /**
     * The field names a DKIM-Signature value lists more than once in its h= tag: over-signed fields
     * (RFC 6376 §8.15), in order, each once; empty without h=.
     */
    public static List<String> oversignedNames(String dkimSignature) {
        for (String spec : dkimSignature.split(";")) {
            int equals = spec.indexOf('=');
            if (equals > 0 && spec.substring(0, equals).strip().equalsIgnoreCase("h")) {
                return oversigned(spec.substring(equals + 1).replaceAll("\\s+", ""));
            }
        }
        return List.of();
    }

    /** The names listed more than once in h= (RFC 6376 §5.4.2, §8.15), in order, each once. */
    static List<String> oversigned(String h) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : h.split(":")) {
            counts.merge(name.strip(), 1, Integer::sum);
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private List<Tag> authenticationResults(String value) {
        List<Tag> tags = new ArrayList<>();
        String[] parts = value.split(";");
        tags.add(new Tag("authserv-id", parts[0].strip(), messages.text("ar.authserv")));
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String method = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String rest = part.substring(equals + 1).strip();
            String result = rest.split("\\s+")[0].toLowerCase(Locale.ROOT);
            String note = messages.find("ar." + method).orElse(messages.text("ar.other"));
            note = Messages.joined(note, messages.find("ar.result." + result).orElse(""));
            for (String property : rest.split("\\s+")) {
                int eq = property.indexOf('=');
                if (eq > 0) {
                    note = Messages.joined(note, messages.find("ar.property." + property.substring(0, eq).toLowerCase(Locale.ROOT)).orElse(""));
                }
            }
            tags.add(new Tag(method, rest, note));
        }
        return tags;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_SHOWN ? value
                : value.substring(0, MAX_VALUE_SHOWN) + " … (" + value.length() + ")";
    }
}
