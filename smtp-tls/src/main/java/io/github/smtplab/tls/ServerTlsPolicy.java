package io.github.smtplab.tls;

/** Whether a listener insists on TLS before mail is accepted (RFC 3207 §4, RFC 8314 §3.3). */
public enum ServerTlsPolicy {
    /**
     * STARTTLS is offered and optional: an MX must still accept mail in clear text from MTAs that do not
     * speak TLS (RFC 3207 §4: a publicly-referenced server must not require it).
     */
    OPTIONAL,
    /**
     * Submission: MAIL, AUTH, VRFY and EXPN before STARTTLS get {@code 530 5.7.0 Must issue a STARTTLS
     * command first} (RFC 3207 §4, RFC 8314 §3.3).
     */
    REQUIRED
}
