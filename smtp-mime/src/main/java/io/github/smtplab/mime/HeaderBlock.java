package io.github.smtplab.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The header block of a message or MIME entity, cut where RFC 5322 §2.1 cuts it: the fields up to the first
 * empty line, and the offset where the body starts. This is the one place that reads header fields from octets
 * (the MIME parser, DKIM and the inbound checks all use it) and the one that writes fields on top of a message
 * ({@link #prepend}).
 *
 * <p>Tolerant as {@link MessageParser} is (LF-only line ends, lines without a colon are skipped with a warning)
 * and bounded by {@link ParseLimits}: beyond {@code maxHeaderBytes} octets or {@code maxHeaderFields} fields the
 * rest is dropped, and {@link #limitExceeded()} says so, so that a caller who must see every field (DMARC needs
 * every From) can refuse the message instead of reading half of it.
 *
 * @param headers       the fields kept, top to bottom
 * @param bodyStart     the index of the first body octet (after the empty line), or the end of the input
 * @param warnings      deviations that were tolerated, in order
 * @param limitExceeded which limit cut the header, if one did
 */
public record HeaderBlock(Headers headers, int bodyStart, List<String> warnings, Optional<String> limitExceeded) {

    /** Copies the list. */
    public HeaderBlock {
        Objects.requireNonNull(headers, "headers");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(limitExceeded, "limitExceeded");
    }

    /** Reads the header block at the start of {@code message} with the default limits. Never throws. */
    public static HeaderBlock read(byte[] message) {
        return read(message, 0, message.length, ParseLimits.DEFAULTS);
    }

    /** Reads the header block in {@code data[from, to)} within {@code limits}. Never throws on any input. */
    public static HeaderBlock read(byte[] data, int from, int to, ParseLimits limits) {
        Objects.checkFromToIndex(from, to, data.length);
        Reader r = new Reader(data, Objects.requireNonNull(limits, "limits"));
        int bodyStart = r.fields(from, to);
        return new HeaderBlock(new Headers(r.fields), bodyStart, r.warnings, Optional.ofNullable(r.exceeded));
    }

    /**
     * The message with {@code fields} written on top of it, in order (a trace or result field is prepended,
     * RFC 5321 §4.4, RFC 8601 §2.1). Each field's {@link HeaderField#raw()} octets are written as they are.
     */
    public static byte[] prepend(List<HeaderField> fields, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 512);
        out.writeBytes(new Headers(fields).toBytes());
        out.writeBytes(message);
        return out.toByteArray();
    }

    /** Reads fields; keeps the state of one header. */
    private static final class Reader {
        private final byte[] data;
        private final ParseLimits limits;
        private final List<HeaderField> fields = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private String exceeded;
        private boolean fieldsDropped;

        Reader(byte[] data, ParseLimits limits) {
            this.data = data;
            this.limits = limits;
        }

        /** Reads fields from {@code data[from, to)}; returns where the body starts. */
        int fields(int from, int to) {
            int pos = from;
            int fieldStart = -1;
            int fieldColon = -1;
            boolean skipping = false; // over the size limit: read to the blank line, keep nothing
            while (pos < to) {
                int lf = MessageParser.indexOf(data, (byte) '\n', pos, to);
                int lineEnd = lf < 0 ? to : lf;
                int next = lf < 0 ? to : lf + 1;
                int contentEnd = lineEnd > pos && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                if (contentEnd == pos) { // blank line: end of header (RFC 5322 §2.1)
                    add(fieldStart, fieldColon, pos, skipping);
                    return next;
                }
                boolean continuation = data[pos] == ' ' || data[pos] == '\t';
                if (!skipping && next - from > limits.maxHeaderBytes()) {
                    exceed("header larger than " + limits.maxHeaderBytes() + " octets: the rest is skipped");
                    add(fieldStart, fieldColon, pos, false);
                    skipping = true;
                    fieldStart = -1;
                }
                if (continuation && fieldStart >= 0) {
                    pos = next; // RFC 5322 §2.2.3: a folded line continues the field
                    continue;
                }
                add(fieldStart, fieldColon, pos, skipping);
                fieldStart = -1;
                int colon = fieldNameEnd(pos, contentEnd);
                if (colon >= 0) {
                    fieldStart = pos;
                    fieldColon = colon;
                } else if (pos == from && !continuation && !isMboxFromLine(pos, contentEnd)) {
                    warn("RFC 5322 §2.2: the first line is not a header field: no header, all body");
                    return from;
                } else {
                    warn("RFC 5322 §2.2: a header line without a field name was skipped");
                }
                pos = next;
            }
            add(fieldStart, fieldColon, to, skipping);
            return to;
        }

        private boolean isMboxFromLine(int from, int to) {
            return to - from >= 5 && data[from] == 'F' && data[from + 1] == 'r' && data[from + 2] == 'o'
                    && data[from + 3] == 'm' && data[from + 4] == ' ';
        }

        /**
         * RFC 5322 §2.2 field-name (printable ASCII but ":"), with §4.5 obsolete white space before the colon;
         * returns the colon's index, or -1.
         */
        private int fieldNameEnd(int from, int to) {
            int i = from;
            while (i < to && data[i] > 32 && data[i] < 127 && data[i] != ':') {
                i++;
            }
            if (i == from) {
                return -1;
            }
            int nameEnd = i;
            while (i < to && (data[i] == ' ' || data[i] == '\t')) {
                i++;
            }
            return i < to && data[i] == ':' && nameEnd > from ? i : -1;
        }

        private void add(int start, int colon, int end, boolean skipping) {
            if (start < 0 || skipping) {
                return;
            }
            if (fields.size() >= limits.maxHeaderFields()) {
                if (!fieldsDropped) {
                    fieldsDropped = true;
                    exceed("more than " + limits.maxHeaderFields() + " header fields: the rest are dropped");
                }
                return;
            }
            int nameEnd = colon;
            while (nameEnd > start && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            String name = new String(data, start, nameEnd - start, StandardCharsets.ISO_8859_1);
            int bodyEnd = end;
            if (bodyEnd > colon + 1 && data[bodyEnd - 1] == '\n') {
                bodyEnd--;
            }
            if (bodyEnd > colon + 1 && data[bodyEnd - 1] == '\r') {
                bodyEnd--;
            }
            String body = text(colon + 1, bodyEnd);
            fields.add(new HeaderField(name, body, Arrays.copyOfRange(data, start, end)));
        }

        /** Header text: UTF-8 when valid (RFC 6532 §3.2), else ISO-8859-1 so that no octet is lost. */
        private String text(int from, int to) {
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                if (data[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (!ascii) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data, from, to - from)).toString();
                } catch (CharacterCodingException e) {
                    // fall through to ISO-8859-1
                }
            }
            return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private void exceed(String message) {
            if (exceeded == null) {
                exceeded = message;
            }
            warn(message);
        }

        private void warn(String message) {
            if (warnings.size() < 100) {
                warnings.add(message);
            }
        }
    }
}
