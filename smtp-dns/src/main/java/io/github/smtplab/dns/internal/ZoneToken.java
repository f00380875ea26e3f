package io.github.smtplab.dns.internal;

/**
 * One token of a master-file line (RFC 1035 §5.1).
 *
 * @param text   the token; for a quoted string, its octets with escapes undone (one {@code char} per octet);
 *               for a plain token, the text as written (names undo their own escapes)
 * @param quoted true if it was written in double quotes
 */
public record ZoneToken(String text, boolean quoted) {}
