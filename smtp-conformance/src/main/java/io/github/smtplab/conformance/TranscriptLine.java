package io.github.smtplab.conformance;

/**
 * One line of a probe's dialogue.
 *
 * @param side who: the client (the suite), the server, or a note by the suite
 * @param text the line, control characters and non-ASCII bytes shown as {@code \xHH}
 */
public record TranscriptLine(Side side, String text) {

    /** Who wrote a transcript line. */
    public enum Side {
        /** Sent by the suite. */
        CLIENT,
        /** Received from the server. */
        SERVER,
        /** A remark of the suite (TLS handshake done, connection closed, maildir checked...). */
        NOTE
    }

    /** {@code C: ...}, {@code S: ...} or {@code *  ...}, as the console and JSON show it. */
    public String tagged() {
        return switch (side) {
            case CLIENT -> "C: " + text;
            case SERVER -> "S: " + text;
            case NOTE -> "*  " + text;
        };
    }
}
