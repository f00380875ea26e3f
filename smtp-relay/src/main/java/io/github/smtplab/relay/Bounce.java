package io.github.smtplab.relay;

import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.mime.Boundaries;
import io.github.smtplab.mime.HeaderBlock;
import io.github.smtplab.mime.HeaderFolding;
import io.github.smtplab.mime.MessageDate;
import io.github.smtplab.mime.MessageIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A delivery status notification (a "bounce", RFC 3464) telling the sender which recipients could not be
 * reached and why. It is a {@code multipart/report} (RFC 6522) of three parts: a text for people, a
 * {@code message/delivery-status} for programs, and the original header ({@code text/rfc822-headers}).
 * It is sent from the null reverse-path {@code <>}, so that a bounce never bounces (RFC 5321 §4.5.5).
 */
final class Bounce {

    private Bounce() {}

    /** Why one recipient failed: its status code (RFC 3463) and the server's words. */
    record Failure(ForwardPath recipient, String status, String diagnostic) {}

    /**
     * The report's bytes (CRLF, 7-bit).
     *
     * @param reportingHost this MTA's name ({@code Reporting-MTA: dns; host})
     * @param originalSender whom the report goes to
     * @param original      the undelivered message (only its header is returned)
     */
    static byte[] build(String reportingHost, ReversePath originalSender, Instant arrival, List<Failure> failures, byte[] original,
                        Instant now, RandomGenerator random) {
        byte[] originalHeader = headerOf(original);
        String boundary = Boundaries.choose(List.of(originalHeader), random);
        StringBuilder m = new StringBuilder();
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingHost).append(">\r\n");
        m.append("To: ").append(originalSender.toPathString()).append("\r\n");
        m.append("Subject: Undelivered Mail Returned to Sender\r\n");
        m.append("Date: ").append(MessageDate.format(now.atOffset(ZoneOffset.UTC))).append("\r\n");
        m.append("Message-ID: ").append(MessageIds.generate(reportingHost)).append("\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");   // RFC 3834 §5: never answer this automatically
        m.append("MIME-Version: 1.0\r\n");
        m.append(HeaderFolding.fold("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\""))
                .append("\r\n\r\n");   // folded by smtp-mime, the one header folder (RFC 5322 section 2.2.3)
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        m.append("This is the mail system at ").append(reportingHost).append(".\r\n\r\n");
        m.append("Your message could not be delivered to the following recipients:\r\n\r\n");
        for (Failure f : failures) {
            m.append("  ").append(f.recipient().toPathString()).append(": ").append(ascii(f.diagnostic())).append("\r\n");
        }
        m.append("\r\n--").append(boundary).append("\r\n");
        m.append("Content-Type: message/delivery-status\r\n\r\n");
        // RFC 3464 §2.2: per-message fields, a blank line, then one block per recipient (§2.3)
        m.append("Reporting-MTA: dns; ").append(reportingHost).append("\r\n");
        m.append("Arrival-Date: ").append(MessageDate.format(arrival.atOffset(ZoneOffset.UTC))).append("\r\n");
        for (Failure f : failures) {
            m.append("\r\n");
            m.append("Final-Recipient: rfc822; ").append(address(f.recipient())).append("\r\n");
            m.append("Action: failed\r\n");
            m.append("Status: ").append(f.status()).append("\r\n");
            m.append("Diagnostic-Code: smtp; ").append(ascii(f.diagnostic())).append("\r\n");
        }
        m.append("\r\n--").append(boundary).append("\r\n");
        m.append("Content-Type: text/rfc822-headers\r\n\r\n");
        byte[] head = m.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + originalHeader.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(originalHeader, 0, all, head.length, originalHeader.length);
        System.arraycopy(tail, 0, all, head.length + originalHeader.length, tail.length);
        return all;
    }

    /** The header of a message: everything up to the first empty line (RFC 5322 §2.1). */
    static byte[] headerOf(byte[] message) {
        // smtp-mime's one header/body split; the text/rfc822-headers part ends with the last field's CRLF,
        // so the empty line that ends the header (RFC 5322 section 2.1) is left out
        int end = HeaderBlock.read(message).bodyStart();
        boolean emptyLine = end >= 4 && message[end - 4] == '\r' && message[end - 3] == '\n'
                && message[end - 2] == '\r' && message[end - 1] == '\n';
        return Arrays.copyOf(message, emptyLine ? end - 2 : end);
    }

    private static String address(ForwardPath recipient) {
        String path = recipient.toPathString();
        return path.substring(1, path.length() - 1);
    }

    private static String ascii(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 32 && c < 127 ? (char) c : '?'));
        return out.toString();
    }

    /** A status of RFC 3463 from a reply like "550 5.1.1 ...", else the class's generic one. */
    static String statusOf(String reply) {
        String[] parts = reply.split(" ", 3);
        if (parts.length > 1 && parts[1].matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            return parts[1];
        }
        return reply.startsWith("4") ? "4.0.0" : "5.0.0";
    }
}
