package io.github.smtplab.mime;

/**
 * Folding and unfolding of header fields, RFC 5322 §2.2.3 and §2.1.1.
 *
 * <p>A long field is folded by inserting CRLF before a white-space character; the receiver unfolds by
 * removing every CRLF that is immediately followed by white space. Lines SHOULD be no longer than
 * {@value LineLimits#RECOMMENDED_LINE_LENGTH} characters and MUST be no longer than
 * {@value LineLimits#MAX_LINE_LENGTH} (both without the CRLF, {@link LineLimits}).
 */
public final class HeaderFolding {

    private HeaderFolding() {}

    /**
     * Formats {@code name: value} folded at white space so that each line has at most 78 characters
     * where the value allows it (a word longer than a line stays whole, and the first word stays on the
     * name's line). No CRLF is added at the end.
     *
     * @throws IllegalArgumentException if the value holds CR or LF, or a word so long that a line would
     *     exceed 998 characters (callers encode such text first, e.g. as RFC 2047 encoded words)
     */
    public static String fold(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value must not contain CR or LF: fold it, don't embed breaks");
        }
        String text = name + ": " + value;
        StringBuilder out = new StringBuilder(text.length() + 16);
        int lineStart = 0; // index in text where the current output line starts
        int lastBreak = -1; // candidate fold point on the current line (index of a WSP), or -1
        int firstWsp = name.length() + 1; // the space after the colon
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean wsp = c == ' ' || c == '\t';
            // fold before the first WSP of a run, never leaving a line of only white space (§3.2.2)
            // and never right after the colon: some parsers (Python's email) keep the fold's space in the value
            if (wsp && i > firstWsp && i > lineStart && !isWsp(text.charAt(i - 1))) {
                lastBreak = i;
            }
            if (i - lineStart >= LineLimits.RECOMMENDED_LINE_LENGTH && lastBreak > lineStart) {
                out.append(text, lineStart, lastBreak).append("\r\n");
                lineStart = lastBreak;
                lastBreak = -1;
                continue; // re-examine from the new line start
            }
            i++;
        }
        out.append(text, lineStart, text.length());
        checkLineLengths(out);
        return out.toString();
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    private static void checkLineLengths(CharSequence folded) {
        int run = 0;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c == '\r' || c == '\n') {
                run = 0;
            } else if (++run > LineLimits.MAX_LINE_LENGTH) {
                throw new IllegalArgumentException("RFC 5322 §2.1.1: a word is too long to fold within "
                        + LineLimits.MAX_LINE_LENGTH + " characters; encode it (RFC 2047) first");
            }
        }
    }

    /**
     * RFC 5322 §2.2.3: unfolds by removing every CRLF (or bare LF, seen in real mail) that is immediately
     * followed by SPACE or TAB. Other characters are kept as they are.
     */
    public static String unfold(String folded) {
        if (folded.indexOf('\n') < 0) {
            return folded;
        }
        StringBuilder out = new StringBuilder(folded.length());
        int n = folded.length();
        for (int i = 0; i < n; i++) {
            char c = folded.charAt(i);
            if (c == '\r' && i + 2 < n && folded.charAt(i + 1) == '\n' && isWsp(folded.charAt(i + 2))) {
                i++;
                continue;
            }
            if (c == '\n' && i + 1 < n && isWsp(folded.charAt(i + 1))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
