package io.github.smtplab.dns;

/**
 * One host to try when delivering mail to a domain (RFC 5321 §5.1).
 *
 * @param host       the mail exchanger's name; its A/AAAA records give the addresses to connect to
 * @param preference the MX preference, lower first; 0 for an implicit MX
 * @param implicit   true when the domain has no MX and its own name is used (RFC 5321 §5.1 "implicit MX")
 */
public record MailHost(DomainName host, int preference, boolean implicit) {

    /** Checks the preference fits in 16 bits. */
    public MailHost {
        if (host == null || preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("a mail host needs a name and a 16-bit preference");
        }
    }
}
