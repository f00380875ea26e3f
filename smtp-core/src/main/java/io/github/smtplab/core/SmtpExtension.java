package io.github.smtplab.core;

import java.util.Set;

/**
 * The service extensions smtp-core implements itself, each announced by an EHLO keyword
 * (RFC 5321 §4.1.1.1, §2.2.2). STARTTLS and AUTH are not here: they come from {@link ServerExtension}s
 * (smtp-tls, smtp-auth), so that smtp-core depends on neither.
 */
public enum SmtpExtension {
    /** RFC 2920: the client may send several commands before reading their replies. */
    PIPELINING("PIPELINING"),
    /** RFC 1870: {@code SIZE n} announces the largest message; MAIL may carry {@code SIZE=n}. */
    SIZE("SIZE"),
    /** RFC 6152: {@code BODY=8BITMIME} messages may carry octets over 127. */
    EIGHT_BIT_MIME("8BITMIME"),
    /** RFC 6531: UTF-8 addresses and headers, with the MAIL parameter {@code SMTPUTF8}. */
    SMTPUTF8("SMTPUTF8"),
    /** RFC 2034: replies carry RFC 3463 enhanced status codes. */
    ENHANCED_STATUS_CODES("ENHANCEDSTATUSCODES"),
    /** RFC 3030: BDAT sends the message in counted chunks, without dot-stuffing. */
    CHUNKING("CHUNKING"),
    /** RFC 3461: delivery status notification parameters RET, ENVID (MAIL), NOTIFY, ORCPT (RCPT). */
    DSN("DSN");

    /** Everything above: what a modern server offers. */
    public static final Set<SmtpExtension> ALL = Set.of(values());

    private final String keyword;

    SmtpExtension(String keyword) {
        this.keyword = keyword;
    }

    /** The EHLO keyword, e.g. {@code 8BITMIME}. */
    public String keyword() {
        return keyword;
    }
}
