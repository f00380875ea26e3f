package io.github.smtplab.lab.checks;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dkim.DkimVerifier;
import io.github.smtplab.auth.dmarc.DkimInput;
import io.github.smtplab.auth.dmarc.DmarcEvaluator;
import io.github.smtplab.auth.dmarc.DmarcOutcome;
import io.github.smtplab.auth.dmarc.DmarcPolicy;
import io.github.smtplab.auth.dmarc.DmarcResult;
import io.github.smtplab.auth.dmarc.SpfInput;
import io.github.smtplab.auth.results.AuthenticationResults;
import io.github.smtplab.auth.results.MethodResult;
import io.github.smtplab.auth.results.ResultProperty;
import io.github.smtplab.auth.spf.ReceivedSpf;
import io.github.smtplab.auth.spf.SpfChecker;
import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.core.Envelope;
import io.github.smtplab.core.MailDelivery;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.SessionView;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.mime.Address;
import io.github.smtplab.mime.Message;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an MX checks about the domains of a message before storing it: SPF for the envelope sender and for
 * the HELO name (RFC 7208 §2.3, §2.4), every DKIM signature (RFC 6376), DMARC for the From domain (RFC 9989), reported in a
 * {@code Received-SPF} field (RFC 7208 §9.1) and an {@code Authentication-Results} field (RFC 8601) put on
 * top of the message. Fields that claim to come from this server already are removed first (RFC 8601
 * §5: anyone can forge them). The checks run once the message is complete — the MAIL FROM and HELO
 * identities are known from the session by then, and DMARC needs the From field anyway. With {@code rejectOnPolicy}, a DMARC failure whose domain asks for
 * {@code p=reject} is refused with {@code 550 5.7.1}.
 */
public final class InboundChecks extends TransformingDelivery {

    private final String authservId;
    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private final boolean rejectOnPolicy;

    public InboundChecks(String authservId, DnsResolver resolver, boolean rejectOnPolicy, MailDelivery next) {
        super(next);
        this.authservId = authservId;
        this.spf = new SpfChecker(resolver, authservId);
        this.dkim = new DkimVerifier(resolver);
        this.dmarc = new DmarcEvaluator(resolver);
        this.rejectOnPolicy = rejectOnPolicy;
    }

    @Override
    Decision transform(Envelope envelope, SessionView session, byte[] message) {
        InetAddress ip = session.clientAddress().map(a -> a.getAddress()).orElse(InetAddress.getLoopbackAddress());
        String helo = session.heloDomain().orElse("unknown");
        String mailFrom = envelope.sender() instanceof Mailbox m ? m.toString() : "";
        String mailFromDomain = envelope.sender() instanceof Mailbox m ? m.domainLowerCase() : helo.toLowerCase(Locale.ROOT);

        SpfOutcome spfOutcome = spf.checkMailFrom(ip, mailFrom, helo);
        List<DkimResult> signatures = dkim.verify(message);
        Optional<String> fromDomain = fromDomain(message);
        Optional<DmarcOutcome> dmarcOutcome = fromDomain.map(d -> dmarc.evaluate(d, Optional.of(new SpfInput(mailFromDomain,
                spfOutcome.result().keyword())), signatures.stream().map(s -> new DkimInput(s.domain(), s.selector(), s.keyword())).toList()));

        List<MethodResult> results = new ArrayList<>();
        results.add(new MethodResult("spf", spfOutcome.result().keyword(), List.of(new ResultProperty("smtp", "mailfrom",
                mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom))));
        // RFC 7208 §2.3: the HELO identity is checked too, and reported on its own (RFC 8601 §2.7.2 smtp.helo)
        SpfOutcome heloOutcome = spf.checkHelo(ip, helo);
        results.add(new MethodResult("spf", heloOutcome.result().keyword(), List.of(new ResultProperty("smtp", "helo", helo))));
        if (signatures.isEmpty()) {
            results.add(new MethodResult("dkim", "none", List.of()));
        }
        for (DkimResult s : signatures) {
            List<ResultProperty> props = new ArrayList<>();
            if (!s.domain().isEmpty()) {
                props.add(new ResultProperty("header", "d", s.domain()));
            }
            if (!s.selector().isEmpty()) {
                props.add(new ResultProperty("header", "s", s.selector()));
            }
            if (!s.algorithm().isEmpty()) {
                props.add(new ResultProperty("header", "a", s.algorithm()));
            }
            results.add(new MethodResult("dkim", s.keyword(), props));
        }
        dmarcOutcome.ifPresent(o -> results.add(new MethodResult("dmarc", o.result().keyword(),
                List.of(new ResultProperty("header", "from", o.fromDomain())))));

        if (rejectOnPolicy && dmarcOutcome.filter(o -> o.result() == DmarcResult.FAIL
                && o.disposition().orElse(DmarcPolicy.NONE) == DmarcPolicy.REJECT).isPresent()) {
            return new Decision.Refuse(Reply.of(550, "5.7.1", "Rejected by the DMARC policy of " + fromDomain.orElse("?")));
        }
        String fields = new AuthenticationResults(authservId, results).toField()
                + new ReceivedSpf(spfOutcome, "mailfrom", ip, mailFrom, helo, authservId).toField();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(withoutForgedResults(message));
        return new Decision.PassOn(out.toByteArray());
    }

    private static Optional<String> fromDomain(byte[] message) {
        List<Address> from = Message.parse(message).addresses("From");
        return from.size() == 1 && from.getFirst() instanceof io.github.smtplab.mime.Mailbox m
                ? Optional.of(m.domain().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** RFC 8601 §5: drop incoming Authentication-Results fields that carry our authserv-id. */
    private byte[] withoutForgedResults(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return message;
        }
        StringBuilder header = new StringBuilder();
        String[] lines = text.substring(0, headerEnd + 2).split("(?<=\r\n)");
        boolean dropping = false;
        for (String line : lines) {
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                dropping = line.regionMatches(true, 0, "Authentication-Results:", 0, 23)
                        && line.substring(23).trim().toLowerCase(Locale.ROOT).startsWith(authservId.toLowerCase(Locale.ROOT));
            }
            if (!dropping) {
                header.append(line);
            }
        }
        return (header + text.substring(headerEnd + 2)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
