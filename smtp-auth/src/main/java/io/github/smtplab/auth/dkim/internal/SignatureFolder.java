package io.github.smtplab.auth.dkim.internal;

import io.github.smtplab.mime.LineLimits;
import java.util.List;

/**
 * Writes a DKIM-Signature field folded to lines of at most {@value LineLimits#RECOMMENDED_LINE_LENGTH}
 * characters (RFC 5322 §2.1.1), with FWS only where RFC 6376 §3.5 allows it: between tags, around the
 * colons of {@code h=}, inside base64 values. (smtp-mime's {@code HeaderFolding} folds only at white space
 * that is already there; a DKIM signature must be broken inside its tags, hence this folder.)
 */
public final class SignatureFolder {

    private static final String FOLD = "\r\n\t";

    private final StringBuilder out = new StringBuilder(512);
    private int column;

    /** Starts the field with its name and colon. */
    public SignatureFolder(String fieldName) {
        out.append(fieldName).append(':');
        column = out.length();
    }

    /** Appends one {@code tag=value;} with the value unbreakable. */
    public void tag(String name, String value) {
        atom(name + "=" + value + ";");
    }

    /** Appends the {@code h=} tag, breaking after colons where needed. */
    public void headerList(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            String piece = (i == 0 ? "h=" : "") + names.get(i) + (i == names.size() - 1 ? ";" : ":");
            if (i == 0) {
                atom(piece);
            } else if (column + piece.length() > LineLimits.RECOMMENDED_LINE_LENGTH) {
                out.append(FOLD).append(piece);
                column = 1 + piece.length();
            } else {
                out.append(piece);
                column += piece.length();
            }
        }
    }

    /** Appends {@code b=} with an empty value and returns the field so far: what the signature covers (§3.7). */
    public String openSignature() {
        atom("b=");
        return out.toString();
    }

    /** Appends the base64 signature after {@link #openSignature}, folded, and the final CRLF. */
    public String closeSignature(String base64) {
        int pos = 0;
        while (pos < base64.length()) {
            int room = LineLimits.RECOMMENDED_LINE_LENGTH - column;
            if (room < 8) {
                out.append(FOLD);
                column = 1;
                room = LineLimits.RECOMMENDED_LINE_LENGTH - 1;
            }
            int end = Math.min(base64.length(), pos + room);
            out.append(base64, pos, end);
            column += end - pos;
            pos = end;
        }
        return out.append("\r\n").toString();
    }

    /** Appends {@code text} after a space, or on a new folded line if it would pass the line length. */
    private void atom(String text) {
        if (column + 1 + text.length() > LineLimits.RECOMMENDED_LINE_LENGTH) {
            out.append(FOLD);
            column = 1;
        } else {
            out.append(' ');
            column++;
        }
        out.append(text);
        column += text.length();
    }
}
