package io.github.smtplab.auth.spf.internal;

/**
 * One directive of a record: a qualifier and a mechanism (RFC 7208 §4.6.1).
 *
 * @param qualifier what a match yields
 * @param mechanism what to test
 * @param text      the directive as written, for Received-SPF's {@code mechanism=} (§9.1)
 */
public record Directive(Qualifier qualifier, Mechanism mechanism, String text) {}
