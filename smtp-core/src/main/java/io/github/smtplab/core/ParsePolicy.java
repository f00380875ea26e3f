package io.github.smtplab.core;

/**
 * How strictly the engine reads what a peer sends. The default is {@link #STRICT}: exactly RFC 5321.
 * {@link #LENIENT} accepts the common deviations below, each one named so that a reader can see what is
 * tolerated and why. Nothing here ever relaxes the end of data ({@code CRLF.CRLF} only) or the smuggling
 * defence: those are not policy.
 *
 * @param spaceAfterColon      accept {@code MAIL FROM: <a@b>} (a space between the colon and the path).
 *                             §4.1.1.2 has none; many old clients send one
 * @param missingAngleBrackets accept {@code MAIL FROM:a@b} without {@code < >}; §4.1.2 requires them
 * @param bareLfInCommands     accept a command line ended by LF alone; §2.3.8 says CRLF only
 * @param trailingWhitespace   ignore spaces and tabs at the end of a command line (§4.1.1 has none)
 * @param maxDataLineLength    the longest text line accepted in DATA, CRLF included: 1000 per
 *                             §4.5.3.1.6, or {@link Integer#MAX_VALUE} to accept any length
 */
public record ParsePolicy(boolean spaceAfterColon, boolean missingAngleBrackets, boolean bareLfInCommands,
                          boolean trailingWhitespace,
                          int maxDataLineLength) {

    /** Exactly the RFC: what the server expects by default. */
    public static final ParsePolicy STRICT = new ParsePolicy(false, false, false, false, DataDecoder.MAX_TEXT_LINE);

    /** Accepts the deviations real clients are known for; never the dangerous ones. */
    public static final ParsePolicy LENIENT = new ParsePolicy(true, true, true, true, Integer.MAX_VALUE);

    public ParsePolicy {
        if (maxDataLineLength < 3) {
            throw new IllegalArgumentException("a text line holds at least \".\" and CRLF");
        }
    }
}
