package io.github.smtplab.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Parses raw message octets (RFC 5322 §2.1) into a MIME tree (RFC 2045, RFC 2046).
 *
 * <p>Tolerant of real-world mess — LF-only line ends, a missing close delimiter, bad base64, header
 * lines without a colon — and bounded by {@link ParseLimits}: work and memory stay proportional to the
 * input, and nothing a peer sends makes it throw. Every deviation it repaired is reported as a warning.
 */
public final class MessageParser {

    /**
     * Each base64 or quoted-printable message/rfc822 level is decoded into a copy; this many at most on one
     * path, so that memory stays a small multiple of the input (unencoded levels are parsed in place).
     */
    public static final int MAX_ENCODED_MESSAGE_NESTING = 4;

    private final ParseLimits limits;
    private int encodedMessageNesting;
    private final List<String> warnings = new ArrayList<>();
    private int partCount;

    private MessageParser(ParseLimits limits) {
        this.limits = limits;
    }

    /** Parses a message with {@link ParseLimits#DEFAULTS}. */
    public static ParsedMessage parse(byte[] message) {
        return parse(message, ParseLimits.DEFAULTS);
    }

    /** Parses a message within {@code limits}. Never throws on any input. */
    public static ParsedMessage parse(byte[] message, ParseLimits limits) {
        Objects.requireNonNull(message, "message");
        MessageParser p = new MessageParser(Objects.requireNonNull(limits, "limits"));
        MimePart root = p.entity(message, 0, message.length, 0, ContentType.DEFAULT);
        return new ParsedMessage(root, p.warnings);
    }

    /** An entity in {@code data[from, to)}: header, blank line, body (RFC 5322 §2.1, RFC 2045 §3). */
    private MimePart entity(byte[] data, int from, int to, int depth, ContentType defaultType) {
        partCount++;
        HeaderBlock block = HeaderBlock.read(data, from, to, limits);
        block.warnings().forEach(this::warn);
        int bodyStart = block.bodyStart();
        Headers headers = block.headers();
        ContentType type = headers.first("Content-Type")
                .flatMap(ContentType::parseStrict)
                .orElse(defaultType);
        TransferEncoding cte = headers.first("Content-Transfer-Encoding")
                .flatMap(TransferEncoding::parse)
                .orElse(TransferEncoding.SEVEN_BIT);
        boolean canNest = depth + 1 < limits.maxDepth();
        if ((type.isMultipart() || type.isMessage()) && !canNest) {
            warn("nesting deeper than " + limits.maxDepth() + ": body kept undecoded");
        }
        if (type.isMultipart() && canNest) {
            if (type.boundary().isPresent()) {
                return multipart(headers, type, data, bodyStart, to, depth);
            }
            warn("RFC 2046 §5.1.1: multipart without boundary, taken as a single body");
        }
        if (type.isMessage() && canNest) {
            MimePart message;
            boolean encoded = cte == TransferEncoding.BASE64 || cte == TransferEncoding.QUOTED_PRINTABLE;
            if (encoded && encodedMessageNesting >= MAX_ENCODED_MESSAGE_NESTING) {
                warn("encoded message/rfc822 nested more than " + MAX_ENCODED_MESSAGE_NESTING + " deep: kept as a leaf");
                return new MimePart.Leaf(headers, type, decode(cte, data, bodyStart, to));
            }
            if (encoded) {
                // seen in real mail, against RFC 2046 §5.2.1: decode, then parse the copy
                byte[] inner = decode(cte, data, bodyStart, to);
                encodedMessageNesting++;
                message = entity(inner, 0, inner.length, depth + 1, ContentType.DEFAULT);
                encodedMessageNesting--;
            } else {
                message = entity(data, bodyStart, to, depth + 1, ContentType.DEFAULT); // no copy per level
            }
            return new MimePart.Encapsulated(headers, type, message);
        }
        return new MimePart.Leaf(headers, type, decode(cte, data, bodyStart, to));
    }

    private static byte[] decode(TransferEncoding cte, byte[] data, int from, int to) {
        return switch (cte) {
            case BASE64 -> Base64Codec.decodeLenient(data, from, to - from);
            case QUOTED_PRINTABLE -> QuotedPrintableCodec.decode(data, from, to - from);
            case SEVEN_BIT, EIGHT_BIT, BINARY -> Arrays.copyOfRange(data, from, to);
        };
    }

    /**
     * RFC 2046 §5.1.1: splits {@code data[from, to)} at lines starting {@code "--" boundary} (then
     * {@code "--"} for the close delimiter; transport padding or ignored text may follow). The line break before a delimiter
     * belongs to the delimiter, not to the part.
     */
    private MimePart multipart(Headers headers, ContentType type, byte[] data, int from, int to, int depth) {
        byte[] dash = ("--" + type.boundary().orElseThrow()).getBytes(StandardCharsets.ISO_8859_1);
        ContentType childDefault = type.subtype().equals("digest") ? ContentType.DIGEST_DEFAULT : ContentType.DEFAULT;
        List<MimePart> parts = new ArrayList<>();
        int partStart = -1; // start of the current part's content, -1 while in the preamble
        byte[] preamble = null;
        int pos = from;
        while (pos < to) {
            int lf = indexOf(data, (byte) '\n', pos, to);
            int next = lf < 0 ? to : lf + 1;
            int delimiter = delimiterKind(data, pos, lf < 0 ? to : lf, dash);
            if (delimiter != NOT_A_DELIMITER) {
                int contentEnd = lineBreakStart(data, pos, from);
                if (partStart < 0) {
                    preamble = Arrays.copyOfRange(data, from, Math.max(from, contentEnd));
                } else {
                    addPart(parts, data, partStart, Math.max(partStart, contentEnd), depth, childDefault);
                }
                if (delimiter == CLOSE) {
                    byte[] epilogue = Arrays.copyOfRange(data, next, to);
                    return new MimePart.Multipart(headers, type, preamble, parts, epilogue);
                }
                partStart = next;
            }
            pos = next;
        }
        if (partStart < 0) {
            warn("RFC 2046 §5.1.1: no boundary delimiter found: the whole body is preamble");
            return new MimePart.Multipart(headers, type, Arrays.copyOfRange(data, from, to), parts, new byte[0]);
        }
        warn("RFC 2046 §5.1.1: close delimiter missing: the last part runs to the end");
        addPart(parts, data, partStart, to, depth, childDefault);
        return new MimePart.Multipart(headers, type, preamble, parts, new byte[0]);
    }

    private void addPart(List<MimePart> parts, byte[] data, int from, int to, int depth, ContentType childDefault) {
        if (partCount >= limits.maxParts()) {
            if (partCount == limits.maxParts()) {
                warn("more than " + limits.maxParts() + " parts: the rest are dropped");
                partCount++;
            }
            return;
        }
        parts.add(entity(data, from, to, depth + 1, childDefault));
    }

    static final int NOT_A_DELIMITER = 0;
    static final int DELIMITER = 1;
    static final int CLOSE = 2;

    /** Classifies the line {@code data[from, lineEnd)} (lineEnd at the LF or the end). */
    static int delimiterKind(byte[] data, int from, int lineEnd, byte[] dash) {
        if (lineEnd - from < dash.length) {
            return NOT_A_DELIMITER;
        }
        for (int i = 0; i < dash.length; i++) {
            if (data[from + i] != dash[i]) {
                return NOT_A_DELIMITER;
            }
        }
        int i = from + dash.length;
        if (i + 1 < lineEnd && data[i] == '-' && data[i + 1] == '-') {
            return CLOSE;
        }
        // §5.1.1: "it is sufficient that the boundary appear in its entirety following the CRLF" — so
        // text after white space is ignored; but a boundary character right after it means a longer,
        // different boundary (a nested one that starts with ours), not ours.
        if (i == lineEnd || data[i] == ' ' || data[i] == '\t' || data[i] == '\r') {
            return DELIMITER;
        }
        return NOT_A_DELIMITER;
    }

    /** Where the line break ending just before {@code lineStart} begins (CRLF or LF), not before {@code floor}. */
    static int lineBreakStart(byte[] data, int lineStart, int floor) {
        int i = lineStart;
        if (i > floor && data[i - 1] == '\n') {
            i--;
            if (i > floor && data[i - 1] == '\r') {
                i--;
            }
        }
        return i;
    }

    static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void warn(String message) {
        if (warnings.size() < 100) {
            warnings.add(message);
        }
    }
}
