package io.github.smtplab.mime;

import java.util.Locale;
import java.util.Optional;

/**
 * Content-Transfer-Encoding values (RFC 2045 §6.1) and the automatic choice between them.
 */
public enum TransferEncoding {
    /** RFC 2045 §2.4: US-ASCII lines of at most 998 octets, no NUL, CR and LF only as CRLF. */
    SEVEN_BIT("7bit"),
    /** RFC 2045 §2.5: like 7bit but octets above 127 allowed; needs 8BITMIME (RFC 6152) to be sent. */
    EIGHT_BIT("8bit"),
    /** RFC 2045 §2.6: any octets; needs BINARYMIME (RFC 3030), never chosen by this library. */
    BINARY("binary"),
    /** RFC 2045 §6.7. */
    QUOTED_PRINTABLE("quoted-printable"),
    /** RFC 2045 §6.8. */
    BASE64("base64");

    /** A line of plain text longer than this is re-encoded, to stay friendly to 78-column readers. */
    public static final int COMFORTABLE_LINE_LENGTH = 76;

    private final String token;

    TransferEncoding(String token) {
        this.token = token;
    }

    /** The header token, e.g. {@code quoted-printable}. */
    public String token() {
        return token;
    }

    /** Parses a field body, ignoring case and white space; empty if unknown (RFC 2045 §6.4). */
    public static Optional<TransferEncoding> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (TransferEncoding e : values()) {
            if (e.token.equals(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether the encoded form is 7-bit safe and needs no SMTP extension (RFC 2045 §2.7). */
    public boolean isSevenBitSafe() {
        return this == SEVEN_BIT || this == QUOTED_PRINTABLE || this == BASE64;
    }

    /**
     * Chooses the encoding for a body (RFC 2045 §6, RFC 2049 §3 (4)):
     * <ul>
     *   <li>7bit when it is US-ASCII text in CRLF lines of at most 76 characters, no NUL or bare CR/LF;</li>
     *   <li>when {@code eightBitAllowed} (the server offers 8BITMIME, RFC 6152) and the content is text in
     *       CRLF lines of at most 998 octets without NUL: 8bit, or 7bit if no octet is above 127;</li>
     *   <li>quoted-printable for text that is mostly ASCII (at most one octet in 6 needs escaping);</li>
     *   <li>base64 otherwise, and always for non-text content that is not plain short-lined ASCII.</li>
     * </ul>
     *
     * @param content the body octets (text in canonical CRLF form)
     * @param isText whether the content is text (text/*, or another type with line structure)
     * @param eightBitAllowed whether the transport accepts 8-bit octets (8BITMIME)
     */
    public static TransferEncoding choose(byte[] content, boolean isText, boolean eightBitAllowed) {
        int highOctets = 0;
        int escapes = 0;
        boolean lineRules = true; // CR only before LF, LF only after CR, no NUL, lines <= 998
        int longestLine = 0;
        int lineLength = 0;
        for (int i = 0; i < content.length; i++) {
            int b = content[i] & 0xff;
            if (b == '\r') {
                if (i + 1 >= content.length || content[i + 1] != '\n') {
                    lineRules = false;
                }
                continue;
            }
            if (b == '\n') {
                if (i == 0 || content[i - 1] != '\r') {
                    lineRules = false;
                }
                longestLine = Math.max(longestLine, lineLength);
                lineLength = 0;
                continue;
            }
            lineLength++;
            if (b == 0) {
                lineRules = false;
            }
            if (b >= 0x80) {
                highOctets++;
            }
            if (b >= 0x80 || (b < 0x20 && b != '\t') || b == '=' || b == 0x7f) {
                escapes++;
            }
        }
        longestLine = Math.max(longestLine, lineLength);
        if (lineRules && highOctets == 0 && longestLine <= COMFORTABLE_LINE_LENGTH && escapes == countEquals(content)) {
            return SEVEN_BIT;
        }
        if (!isText) {
            return BASE64;
        }
        if (eightBitAllowed && lineRules && longestLine <= LineLimits.MAX_LINE_LENGTH) {
            // long-lined ASCII is still 7bit data (RFC 2045 §2.7); only octets above 127 make it 8bit
            return highOctets == 0 ? SEVEN_BIT : EIGHT_BIT;
        }
        return escapes * 6 <= content.length ? QUOTED_PRINTABLE : BASE64;
    }

    private static int countEquals(byte[] content) {
        int n = 0;
        for (byte b : content) {
            if (b == '=') {
                n++;
            }
        }
        return n;
    }
}
