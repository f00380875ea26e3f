package io.github.smtplab.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes a message 7-bit clean for a server without 8BITMIME (RFC 6152 §3: a client "MUST NOT" send 8-bit
 * data to it; RFC 1652 §3 and RFC 2045 §6 describe the conversion). Every body part with 8-bit octets,
 * a NUL, bare CR/LF or lines longer than 998 octets, labelled {@code 8bit}, {@code binary}, {@code 7bit}
 * or unlabelled, is re-encoded: text as quoted-printable, anything else as base64, and its
 * Content-Transfer-Encoding field replaced. Multiparts and {@code message/rfc822} parts are walked into
 * (RFC 2046 §5.2.1 forbids encoding a message/rfc822 part itself). Everything else is copied octet for octet.
 *
 * <p>8-bit octets in header fields (RFC 6532, SMTPUTF8) are left alone: they cannot be downgraded without
 * changing the fields, which is SMTPUTF8's business, not 8BITMIME's.
 */
public final class EightBitDowngrade {

    /** Nesting bound, as for the parser. */
    public static final int MAX_DEPTH = ParseLimits.DEFAULT_MAX_DEPTH;

    private EightBitDowngrade() {}

    /** Whether {@code message} has an octet above 127 anywhere (then it needs 8BITMIME or a downgrade). */
    public static boolean needsDowngrade(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** The message with its 8-bit body parts re-encoded; see the class comment. Never throws on any input. */
    public static byte[] toSevenBit(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 3 + 64);
        entity(message, 0, message.length, 0, out);
        return out.toByteArray();
    }

    private static void entity(byte[] data, int from, int to, int depth, ByteArrayOutputStream out) {
        HeaderBlock block = HeaderBlock.read(data, from, to, ParseLimits.DEFAULTS);
        int bodyStart = block.bodyStart();
        Headers headers = block.headers();
        ContentType type = headers.first("Content-Type").flatMap(ContentType::parseStrict).orElse(ContentType.DEFAULT);
        TransferEncoding cte = headers.first("Content-Transfer-Encoding").flatMap(TransferEncoding::parse)
                .orElse(TransferEncoding.SEVEN_BIT);
        boolean identity = cte == TransferEncoding.SEVEN_BIT || cte == TransferEncoding.EIGHT_BIT
                || cte == TransferEncoding.BINARY;
        if (depth < MAX_DEPTH && identity && type.isMultipart() && type.boundary().isPresent()) {
            out.write(data, from, bodyStart - from);
            multipart(data, bodyStart, to, type.boundary().get(), depth, out);
            return;
        }
        if (depth < MAX_DEPTH && identity && type.isMessage()) {
            out.write(data, from, bodyStart - from);
            entity(data, bodyStart, to, depth + 1, out);
            return;
        }
        if (!identity || isSevenBitData(data, bodyStart, to)) {
            out.write(data, from, to - from);
            return;
        }
        byte[] body = Arrays.copyOfRange(data, bodyStart, to);
        TransferEncoding target = type.isText() ? TransferEncoding.QUOTED_PRINTABLE : TransferEncoding.BASE64;
        byte[] encoded = target == TransferEncoding.QUOTED_PRINTABLE
                ? QuotedPrintableCodec.encodeToBytes(body, QuotedPrintableMode.TEXT)
                : Base64Codec.encodeMimeToBytes(body);
        for (HeaderField f : headers.fields()) {
            if (!f.is("Content-Transfer-Encoding")) {
                out.writeBytes(f.raw());
                if (f.raw().length == 0 || f.raw()[f.raw().length - 1] != '\n') {
                    out.writeBytes(CRLF);
                }
            }
        }
        out.writeBytes(HeaderField.of("Content-Transfer-Encoding", target.token()).raw());
        out.writeBytes(CRLF);
        out.writeBytes(encoded);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Copies a multipart body, downgrading each part between its delimiters (RFC 2046 §5.1.1). */
    private static void multipart(byte[] data, int from, int to, String boundary, int depth, ByteArrayOutputStream out) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int partStart = -1;
        int copied = from; // everything before this is already in out
        int pos = from;
        while (pos < to) {
            int lf = MessageParser.indexOf(data, (byte) '\n', pos, to);
            int next = lf < 0 ? to : lf + 1;
            int kind = MessageParser.delimiterKind(data, pos, lf < 0 ? to : lf, dash);
            if (kind != MessageParser.NOT_A_DELIMITER) {
                int contentEnd = Math.max(partStart < 0 ? from : partStart, MessageParser.lineBreakStart(data, pos, from));
                if (partStart >= 0) {
                    entity(data, partStart, contentEnd, depth + 1, out);
                    copied = contentEnd;
                }
                if (kind == MessageParser.CLOSE) {
                    out.write(data, copied, to - copied); // delimiter and epilogue
                    return;
                }
                out.write(data, copied, next - copied); // preamble or the line break, and the delimiter line
                copied = next;
                partStart = next;
            }
            pos = next;
        }
        if (partStart >= 0) {
            entity(data, partStart, to, depth + 1, out);
        } else {
            out.write(data, copied, to - copied);
        }
    }

    /** RFC 2045 §2.7: no octet above 127, no NUL, CR and LF only as CRLF, lines of at most 998 octets. */
    private static boolean isSevenBitData(byte[] data, int from, int to) {
        int line = 0;
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (b < 0 || b == 0) {
                return false;
            }
            if (b == '\r') {
                if (i + 1 >= to || data[i + 1] != '\n') {
                    return false;
                }
            } else if (b == '\n') {
                if (i == from || data[i - 1] != '\r') {
                    return false;
                }
                line = 0;
            } else if (++line > LineLimits.MAX_LINE_LENGTH) {
                return false;
            }
        }
        return true;
    }
}
