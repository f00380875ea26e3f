package io.github.smtplab.dns.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits master-file text into logical lines of tokens (RFC 1035 §5.1): blanks separate tokens, {@code ;}
 * starts a comment, {@code ( ... )} lets an entry span lines, {@code "..."} quotes a string in which
 * {@code \X} stands for X and {@code \DDD} for the octet DDD.
 */
public final class ZoneTokenizer {

    /** Most tokens in one logical line: a TXT record of 64 KiB in 255-octet strings needs about 260. */
    public static final int MAX_TOKENS_PER_LINE = 1024;

    private ZoneTokenizer() {}

    /**
     * The logical lines of {@code text}, without blank and comment-only lines.
     *
     * @throws IllegalArgumentException on an unclosed quote or parenthesis
     */
    public static List<ZoneLine> lines(String text) {
        List<ZoneLine> lines = new ArrayList<>();
        List<ZoneToken> tokens = new ArrayList<>();
        int lineNumber = 1;
        int entryLine = 1;
        boolean blankStart = false;
        int depth = 0;
        int i = 0;
        boolean atLineStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (atLineStart && depth == 0) {
                blankStart = c == ' ' || c == '\t';
                entryLine = lineNumber;
                atLineStart = false;
            }
            if (c == '\n') {
                lineNumber++;
                i++;
                if (depth == 0) {
                    flush(lines, tokens, entryLine, blankStart);
                    atLineStart = true;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == ';') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (depth == 0) {
                    throw new IllegalArgumentException("line " + lineNumber + ": ')' without '('");
                }
                depth--;
                i++;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("line " + lineNumber + ": unclosed quote");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        lineNumber++;
                    }
                    if (q == '\\') {
                        i = unescape(text, i, s, lineNumber);
                    } else {
                        s.append(q);
                        i++;
                    }
                }
                if (s.length() > 255) {
                    throw new IllegalArgumentException("line " + lineNumber + ": a character-string holds at most 255 octets (RFC 1035 §3.3)");
                }
                add(tokens, new ZoneToken(s.toString(), true), lineNumber);
            } else {
                int start = i;
                while (i < text.length() && " \t\r\n;()\"".indexOf(text.charAt(i)) < 0) {
                    i += text.charAt(i) == '\\' && i + 1 < text.length() ? 2 : 1;
                }
                add(tokens, new ZoneToken(text.substring(start, i), false), lineNumber);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": '(' never closed");
        }
        flush(lines, tokens, entryLine, blankStart);
        return lines;
    }

    private static void add(List<ZoneToken> tokens, ZoneToken token, int lineNumber) {
        if (tokens.size() >= MAX_TOKENS_PER_LINE) {
            throw new IllegalArgumentException("line " + lineNumber + ": more than " + MAX_TOKENS_PER_LINE + " tokens");
        }
        tokens.add(token);
    }

    /** Undoes {@code \X} or {@code \DDD} at {@code i}; returns the index after it. */
    private static int unescape(String text, int i, StringBuilder out, int lineNumber) {
        if (i + 1 >= text.length()) {
            throw new IllegalArgumentException("line " + lineNumber + ": lone backslash");
        }
        char next = text.charAt(i + 1);
        if (Character.isDigit(next)) {
            if (i + 3 >= text.length() || !Character.isDigit(text.charAt(i + 2)) || !Character.isDigit(text.charAt(i + 3))) {
                throw new IllegalArgumentException("line " + lineNumber + ": \\DDD needs three digits");
            }
            int octet = Integer.parseInt(text.substring(i + 1, i + 4));
            if (octet > 255) {
                throw new IllegalArgumentException("line " + lineNumber + ": \\" + octet + " is not an octet");
            }
            out.append((char) octet);
            return i + 4;
        }
        out.append(next);
        return i + 2;
    }

    private static void flush(List<ZoneLine> lines, List<ZoneToken> tokens, int number, boolean blankStart) {
        if (!tokens.isEmpty()) {
            lines.add(new ZoneLine(number, blankStart, tokens));
            tokens.clear();
        }
    }
}
