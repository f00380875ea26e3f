package io.github.smtplab.auth.inbound;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.SessionView;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * What the SMTP session told the receiver before the message came: the identities SPF checks (RFC 7208 §2.3
 * HELO, §2.4 MAIL FROM) and the address they are checked against.
 *
 * @param clientAddress the SMTP client's IP address
 * @param helo          the name given with HELO or EHLO ({@code "unknown"} if none was)
 * @param mailFrom      the MAIL FROM address, {@code local@domain}, or {@code ""} for the null reverse-path
 */
public record SessionIdentities(InetAddress clientAddress, String helo, String mailFrom) {

    /** Checks nothing is null. */
    public SessionIdentities {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
    }

    /** The identities of a transaction as smtp-core's server engine saw them. */
    public static SessionIdentities of(Envelope envelope, SessionView session) {
        InetAddress ip = session.clientAddress().map(a -> a.getAddress()).orElse(InetAddress.getLoopbackAddress());
        String mailFrom = envelope.sender() instanceof Mailbox m ? m.toString() : "";
        return new SessionIdentities(ip, session.heloDomain().orElse("unknown"), mailFrom);
    }

    /**
     * The domain SPF authenticated for DMARC (RFC 9989 §3.2.4): the MAIL FROM domain, or the HELO name for a
     * null reverse-path (RFC 7208 §2.4), lower case.
     */
    public String spfDomain() {
        int at = mailFrom.lastIndexOf('@');
        return (at >= 0 ? mailFrom.substring(at + 1) : helo).toLowerCase(Locale.ROOT);
    }
}
