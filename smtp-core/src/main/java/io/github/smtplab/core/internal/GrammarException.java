package io.github.smtplab.core.internal;

/**
 * A peer's text broke an ABNF rule. Thrown inside the grammar only; {@code CommandParser} turns it into
 * a reply, so it never reaches a caller of the public API.
 */
public final class GrammarException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final int column;

    public GrammarException(String rule, int column, String message) {
        super(message, null, false, false);
        this.rule = rule;
        this.column = column;
    }

    /** The ABNF production that failed, e.g. {@code "Mailbox"}. */
    public String rule() {
        return rule;
    }

    /** 1-based column in the argument text where it failed. */
    public int column() {
        return column;
    }
}
