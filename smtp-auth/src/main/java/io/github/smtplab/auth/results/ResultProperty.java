package io.github.smtplab.auth.results;

import java.util.Objects;

/**
 * One property of a result (RFC 8601 §2.2 {@code propspec}), e.g. {@code smtp.mailfrom=example.net} or
 * {@code header.d=example.com}.
 *
 * @param type     the ptype: {@code smtp}, {@code header}, {@code body} or {@code policy} (§2.3), lower case
 * @param property what was checked, e.g. {@code mailfrom}, {@code d}, {@code from}
 * @param value    the value, without quotes
 */
public record ResultProperty(String type, String property, String value) {

    /** Checks the type and property are non-empty tokens and the value is not null. */
    public ResultProperty {
        Objects.requireNonNull(value, "value");
        if (!Tokens.isToken(type) || !Tokens.isToken(property)) {
            throw new IllegalArgumentException("ptype and property are tokens (RFC 8601 §2.2): " + type + "." + property);
        }
        type = type.toLowerCase(java.util.Locale.ROOT);
    }
}
