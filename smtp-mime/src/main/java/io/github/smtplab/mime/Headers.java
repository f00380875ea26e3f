package io.github.smtplab.mime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message's or a MIME part's header: an ordered multimap of {@link HeaderField}s (RFC 5322 §3.6:
 * some fields may appear several times, e.g. Received; their order is meaningful). Immutable.
 *
 * @param fields the fields in order
 */
public record Headers(List<HeaderField> fields) {

    /** An empty header. */
    public static final Headers EMPTY = new Headers(List.of());

    /** Copies the list. */
    public Headers {
        fields = List.copyOf(fields);
    }

    /** The value (unfolded, trimmed) of the first field named {@code name}, ignoring case. */
    public Optional<String> first(String name) {
        return field(name).map(HeaderField::value);
    }

    /** The first field named {@code name}, ignoring case. */
    public Optional<HeaderField> field(String name) {
        for (HeaderField f : fields) {
            if (f.is(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The values of all fields named {@code name}, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.is(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /** A new header with {@code field} appended. */
    public Headers with(HeaderField field) {
        List<HeaderField> copy = new ArrayList<>(fields);
        copy.add(Objects.requireNonNull(field, "field"));
        return new Headers(copy);
    }

    /** A new header without any field named {@code name}. */
    public Headers without(String name) {
        return new Headers(fields.stream().filter(f -> !f.is(name)).toList());
    }

    /** A new header keeping only the fields {@code keep} accepts, in order. */
    public Headers filter(java.util.function.Predicate<HeaderField> keep) {
        return new Headers(fields.stream().filter(keep).toList());
    }

    /** The raw octets of every field, in order (no blank line after them). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField f : fields) {
            out.writeBytes(f.raw());
        }
        return out.toByteArray();
    }
}
