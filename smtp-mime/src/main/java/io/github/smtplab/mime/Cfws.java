package io.github.smtplab.mime;

/**
 * RFC 5322 §3.2.2 {@code CFWS}: folding white space and comments, which may appear between the tokens of
 * structured header fields (addresses, dates, Authentication-Results...). A comment is {@code (...)}, may nest
 * and may hold quoted-pairs ({@code \)}). This is the one skipper every header parser of the project uses.
 *
 * <pre>
 * CFWS     = (1*([FWS] comment) [FWS]) / FWS
 * comment  = "(" *([FWS] ccontent) [FWS] ")"
 * ccontent = ctext / quoted-pair / comment
 * </pre>
 */
public final class Cfws {

    private Cfws() {}

    /**
     * Skips white space, line breaks of folds and comments from {@code from}; returns the index of the first
     * character after them ({@code from} itself when there are none).
     *
     * @param maxDepth comments nested deeper than this are refused (RFC 5322 sets no bound; a parser needs one)
     * @return the index after the CFWS, or why the text is malformed there (an unclosed or too deep comment)
     */
    public static ParseResult<Integer> skip(CharSequence text, int from, int maxDepth) {
        int pos = from;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                int start = pos;
                int depth = 0;
                boolean closed = false;
                while (pos < text.length() && !closed) {
                    char d = text.charAt(pos++);
                    if (d == '\\') {
                        pos++; // quoted-pair (§3.2.1)
                    } else if (d == '(' && ++depth > maxDepth) {
                        return new ParseResult.Failed<>("comments nested deeper than " + maxDepth, pos - 1);
                    } else if (d == ')') {
                        closed = --depth == 0;
                    }
                }
                if (!closed) {
                    return new ParseResult.Failed<>("RFC 5322 §3.2.2: comment without closing ')'", start);
                }
            } else {
                break;
            }
        }
        return new ParseResult.Ok<>(Math.min(pos, text.length()));
    }
}
