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
        StringBuilder field = new StringBuilder(160);
        appendReceived(field, session, byHost, id, recipients.size() == 1 ? recipients.getFirst() : null, when);
        return field.toString();
    }

    /**
     * Both fields, as the bytes a final delivery puts before the message: built in one buffer, since a
     * server writes them for every message it stores.
     */
    public static byte[] finalDeliveryPrefix(Envelope envelope, SessionView session, String byHost, String id, ZonedDateTime when) {
        List<Envelope.Recipient> recipients = envelope.recipients();
        StringBuilder fields = new StringBuilder(200).append("Return-Path: ").append(envelope.sender().toPathString()).append("\r\n");
        appendReceived(fields, session, byHost, id, recipients.size() == 1 ? recipients.getFirst().path() : null, when);
        return fields.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code Received:} field; {@code onlyRecipient} is null unless there is exactly one recipient. */
    private static void appendReceived(StringBuilder field, SessionView session, String byHost, String id,
                                       ForwardPath onlyRecipient, ZonedDateTime when) {
        field.append("Received: from ").append(session.heloDomain().orElse("unknown"));
        session.clientAddress().ifPresent(a -> field.append(" (").append(addressLiteral(a)).append(')'));
        field.append("\r\n\tby ").append(byHost).append(" (smtplab) with ").append(session.protocolName()).append(" id ").append(id);
        if (onlyRecipient != null) {
            field.append("\r\n\tfor ").append(onlyRecipient.toPathString());
        }
        session.tls().ifPresent(tls -> field.append("\r\n\t(").append(tls.protocol()).append(") tls ").append(tls.cipherSuite()));
        field.append(";\r\n\t");
        appendDateTime(field, when);
        field.append("\r\n");
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /**
     * RFC 5322 §3.3 {@code date-time}, {@code day-name "," day month year hour ":" minute ":" second zone},
     * e.g. {@code Sun, 29 Nov 2026 16:56:43 +0000}: what {@link #DATE_TIME} prints, written out by hand
     * because a pattern formatter costs more than the rest of the field (it runs once per message).
     */
    static void appendDateTime(StringBuilder out, ZonedDateTime when) {
        out.append(DAYS[when.getDayOfWeek().ordinal()]).append(", ").append(when.getDayOfMonth()).append(' ')
                .append(MONTHS[when.getMonthValue() - 1]).append(' ').append(when.getYear()).append(' ');
        twoDigits(out, when.getHour()).append(':');
        twoDigits(out, when.getMinute()).append(':');
        twoDigits(out, when.getSecond()).append(' ');
        int offsetMinutes = when.getOffset().getTotalSeconds() / 60;
        out.append(offsetMinutes < 0 ? '-' : '+');
        twoDigits(out, Math.abs(offsetMinutes) / 60);
        twoDigits(out, Math.abs(offsetMinutes) % 60);
    }

    private static StringBuilder twoDigits(StringBuilder out, int n) {
        return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
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
