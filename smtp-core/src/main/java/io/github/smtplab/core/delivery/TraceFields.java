package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.core.SessionView;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The trace fields a server adds to a message (RFC 5321 §4.4): {@code Received:} at every hop, and
 * {@code Return-Path:} at final delivery.
 *
 * <pre>
 * Return-path-line = "Return-Path:" FWS Reverse-path CRLF
 * Time-stamp-line  = "Received:" FWS Stamp CRLF
 * Stamp            = From-domain By-domain Opt-info [CFWS] ";" FWS date-time
 * From-domain      = "FROM" FWS Extended-Domain        ; the EHLO name, then "(" TCP-info ")"
 * By-domain        = CFWS "BY" FWS Extended-Domain
 * Opt-info         = [Via] [With] [ID] [For] [Additional-Registered-Clauses]
 * </pre>
 *
 * The {@code with} protocol is ESMTP, ESMTPS, ESMTPA or ESMTPSA (RFC 3848); a TLS session adds the
 * {@code tls} clause with the cipher suite (RFC 8314 §4.3) and the TLS version in a comment.
 */
public final class TraceFields {

    /** RFC 5322 §3.3 date-time, e.g. {@code Sun, 29 Nov 2026 16:56:43 +0000} (no obsolete forms, §4.4). */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceFields() {}

    /** {@code Return-Path: <sender>} with its CRLF. */
    public static String returnPath(ReversePath sender) {
        return "Return-Path: " + sender.toPathString() + "\r\n";
    }

    /**
     * A {@code Received:} field with its CRLF, folded over several lines.
     *
     * @param session    what the client told us (EHLO name, address, TLS, AUTH)
     * @param byHost     this server's name
     * @param id         an identifier for this message on this server (an Atom)
     * @param recipients the recipients; a {@code for} clause is written only when there is exactly one,
     *                   so that a Bcc recipient is never revealed to the others
     * @param when       the time of receipt
     */
    public static String received(SessionView session, String byHost, String id, List<ForwardPath> recipients, ZonedDateTime when) {
        StringBuilder field = new StringBuilder("Received: from ");
        field.append(session.heloDomain().orElse("unknown"));
        session.clientAddress().map(TraceFields::addressLiteral).ifPresent(a -> field.append(" (").append(a).append(')'));
        field.append("\r\n\tby ").append(byHost).append(" (smtplab) with ").append(session.protocolName()).append(" id ").append(id);
        if (recipients.size() == 1) {
            field.append("\r\n\tfor ").append(recipients.getFirst().toPathString());
        }
        session.tls().ifPresent(tls -> field.append("\r\n\t(").append(tls.protocol()).append(") tls ").append(tls.cipherSuite()));
        field.append(";\r\n\t").append(DATE_TIME.format(when)).append("\r\n");
        return field.toString();
    }

    /** Both fields, as the bytes a final delivery puts before the message. */
    public static byte[] finalDeliveryPrefix(Envelope envelope, SessionView session, String byHost, String id, ZonedDateTime when) {
        List<ForwardPath> recipients = envelope.recipients().stream().map(Envelope.Recipient::path).toList();
        return (returnPath(envelope.sender()) + received(session, byHost, id, recipients, when)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]} (§4.1.3). */
    static String addressLiteral(InetSocketAddress address) {
        if (address.getAddress() == null) {
            return "[" + address.getHostString() + "]";
        }
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return address.getAddress() instanceof Inet6Address ? "[IPv6:" + host + "]" : "[" + host + "]";
    }
}
