package io.github.smtplab.auth.spf.internal;

import io.github.smtplab.auth.spf.SpfResult;

/** The qualifier before a mechanism and the result it gives when the mechanism matches (RFC 7208 §4.6.2). */
public enum Qualifier {
    /** {@code +}, the default: pass. */
    PASS('+', SpfResult.PASS),
    /** {@code -}: fail. */
    FAIL('-', SpfResult.FAIL),
    /** {@code ~}: softfail. */
    SOFTFAIL('~', SpfResult.SOFTFAIL),
    /** {@code ?}: neutral. */
    NEUTRAL('?', SpfResult.NEUTRAL);

    private final char symbol;
    private final SpfResult result;

    Qualifier(char symbol, SpfResult result) {
        this.symbol = symbol;
        this.result = result;
    }

    /** The qualifier written as {@code c}, or null if {@code c} is not one. */
    static Qualifier of(char c) {
        for (Qualifier q : values()) {
            if (q.symbol == c) {
                return q;
            }
        }
        return null;
    }

    /** The result check_host() returns when a mechanism with this qualifier matches. */
    public SpfResult result() {
        return result;
    }
}
