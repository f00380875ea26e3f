package io.github.smtplab.core;

import io.github.smtplab.core.internal.PathGrammar;
import java.util.Locale;

/**
 * A mailbox, {@code Local-part "@" ( Domain / address-literal )} (RFC 5321 §4.1.2).
 *
 * <p>The local part is kept as its value: {@code "john smith"@example.com} has the local part
 * {@code john smith}; {@link #toString()} writes it back as a dot-string when the grammar allows and as
 * a quoted-string otherwise (§4.1.2: the two forms are the same mailbox). The local part is
 * case-sensitive (§2.4); the domain is not. Non-ASCII in either needs SMTPUTF8 (RFC 6531 §3.3).
 *
 * @param localPart the local part's value, at most 64 octets in UTF-8 (§4.5.3.1.1); empty only as {@code ""}
 * @param domain    a domain name or an address literal such as {@code [192.0.2.1]}, at most 255 octets
 *                  (§4.5.3.1.2)
 */
public record Mailbox(String localPart, String domain) implements ReversePath, ForwardPath {

    public Mailbox {
        PathGrammar.checkLocalPartValue(localPart);
        PathGrammar.checkDomainOrLiteral(domain);
    }

    /**
     * Parses {@code local@domain} (no angle brackets), with the same grammar as the MAIL command.
     *
     * @throws IllegalArgumentException when the text is not a mailbox; the message names the rule
     */
    public static Mailbox parse(String text) {
        return PathGrammar.parseMailbox(text);
    }

    /** True when the local part or the domain has non-ASCII characters (RFC 6531 §3.3). */
    public boolean needsSmtpUtf8() {
        return !PathGrammar.isAscii(localPart) || !PathGrammar.isAscii(domain);
    }

    /** The domain in lower case, for comparisons (§2.4: domain names are case-insensitive). */
    public String domainLowerCase() {
        return domain.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toPathString() {
        return "<" + this + ">";
    }

    /** {@code local@domain}, quoting the local part only when its value is not a dot-string. */
    @Override
    public String toString() {
        return PathGrammar.formatLocalPart(localPart) + "@" + domain;
    }
}
