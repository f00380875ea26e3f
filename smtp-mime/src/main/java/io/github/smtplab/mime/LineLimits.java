package io.github.smtplab.mime;

/**
 * The line length limits of RFC 5322 §2.1.1, which every line of a message obeys, header and body alike
 * (both counted without the CRLF). The one home of these two numbers in smtplab: the header folder, the
 * transfer-encoding choice and DKIM's signature folder refer to them.
 */
public final class LineLimits {

    /**
     * RFC 5322 §2.1.1: "Each line of characters MUST be no more than 998 characters ... excluding the
     * CRLF" (RFC 2045 §2.7 and §2.8 repeat it for 7bit and 8bit data).
     */
    public static final int MAX_LINE_LENGTH = 998;

    /** RFC 5322 §2.1.1: each line "SHOULD be no more than 78 characters, excluding the CRLF". */
    public static final int RECOMMENDED_LINE_LENGTH = 78;

    private LineLimits() {}
}
