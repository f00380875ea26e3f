package io.github.smtplab.core.delivery;

/**
 * The two jobs an SMTP server does (RFC 6409 §1 draws the line): receive mail for its own domains
 * from anyone, or accept mail from its own users to send anywhere.
 */
public enum Role {
    /**
     * A mail exchanger (port 25): accepts mail for its local domains only. Mail for any other domain is
     * refused with {@code 550 5.7.1} — an MX must never be an open relay (RFC 5321 §7.1, §3.6.2).
     */
    MX,
    /**
     * A message submission agent (port 587, RFC 6409): relays mail to any domain for authorised senders.
     * Who is authorised is the {@code relayAllowed} rule given to {@link RoleHooks}: with smtp-auth's AUTH
     * extension, an authenticated session ({@code AuthExtension::relayAllowed}); without it, the lab falls
     * back to clients on the loopback interface ({@link RoleHooks#fromLoopback}).
     */
    SUBMISSION
}
