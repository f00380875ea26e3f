/**
 * The Authentication-Results header field (RFC 8601): format and parse.
 *
 * <p>{@link io.github.smtplab.auth.results.AuthenticationResults} builds the field from plain values
 * (§2.2: authserv-id, then method=result with reason and properties, or "none") and parses any field of
 * the §2.2 grammar, comments included, into the same values; malformed input gives a typed
 * {@link io.github.smtplab.auth.results.AuthenticationResultsParse.Invalid}.
 */
package io.github.smtplab.auth.results;
