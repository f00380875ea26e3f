package io.github.smtplab.core;

import java.util.List;

/**
 * The envelope of one transaction (RFC 5321 §2.3.1): who sends, to whom, and the parameters given
 * with MAIL and each RCPT. The message content travels separately (see {@link MessageSink}).
 *
 * @param sender         the reverse-path of MAIL
 * @param mailParameters the parameters of MAIL (SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH...)
 * @param recipients     the accepted recipients, in order
 */
public record Envelope(ReversePath sender, EsmtpParameters mailParameters, List<Recipient> recipients) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    /** One accepted RCPT: its forward-path and parameters (NOTIFY, ORCPT). */
    public record Recipient(ForwardPath path, EsmtpParameters parameters) {}
}
