package io.github.smtplab.auth.results;

/** The outcome of parsing an Authentication-Results field body (RFC 8601 §2.2). */
public sealed interface AuthenticationResultsParse {

    /**
     * A well-formed field.
     *
     * @param field   the parsed field
     * @param version the field version (§2.2 {@code authres-version}, 1 when absent)
     */
    record Parsed(AuthenticationResults field, int version) implements AuthenticationResultsParse {}

    /**
     * A malformed field, which a reader ignores (§2.2, §4).
     *
     * @param reason   what is wrong
     * @param position the offset in the input where it went wrong
     */
    record Invalid(String reason, int position) implements AuthenticationResultsParse {}
}
