package io.github.smtplab.relay;

import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReversePath;
import io.github.smtplab.core.SmtpProtocolException;
import io.github.smtplab.core.TransactionResult;
import io.github.smtplab.core.net.SmtpClient;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.MailHost;
import io.github.smtplab.dns.MxResult;
import io.github.smtplab.dns.MxSelector;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.mime.EightBitDowngrade;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Delivers what waits in a {@link Spool}, domain by domain, the way RFC 5321 §5.1 and §4.5.4.1 describe:
 * find the domain's mail hosts (MX, or the implicit MX), try them in order until one answers, accept each
 * recipient's outcome, and
 * <ul>
 *   <li>on a 2yz: the recipient is done;</li>
 *   <li>on a 5yz (or a domain that accepts no mail: null MX, RFC 7505): give up on it and tell the sender
 *       with a bounce ({@link Bounce}), unless the sender is {@code <>};</li>
 *   <li>on a 4yz, a connection failure or a DNS failure: try again later, waiting twice as long each
 *       time (RFC 5321 §4.5.4.1 asks for at least 30 minutes between tries and at least 4–5 days before
 *       giving up; the lab shortens both), and bounce when the message is older than the maximum age.</li>
 * </ul>
 */
public final class QueueRunner {

    /**
     * How the queue behaves.
     *
     * @param hostname   this MTA's name: in bounces ({@code Reporting-MTA}) and as the default EHLO name
     * @param port       the SMTP port of the mail hosts (25 on the Internet; a high port in the lab)
     * @param firstRetry the wait after the first failure; doubled at each failure
     * @param maxRetry   the longest wait between two tries
     * @param maxAge     after this, the message is bounced
     * @param client     how to talk to the mail hosts (EHLO name, timeouts, TLS, transcript)
     */
    public record Settings(String hostname, int port, Duration firstRetry, Duration maxRetry, Duration maxAge, SmtpClient.Options client) {

        /** RFC 5321 §4.5.4.1: retry every 30 minutes at most, give up after 5 days. */
        public static Settings internet(String hostname) {
            return new Settings(hostname, 25, Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofDays(5),
                    SmtpClient.Options.defaults(hostname));
        }
    }

    /** What one run did. */
    public record Report(int delivered, int deferred, int bounced) {}

    private enum Kind { DELIVERED, TEMPORARY, PERMANENT }

    private record Outcome(Kind kind, String reply) {}

    private final Spool spool;
    private final DnsResolver resolver;
    private final Settings settings;
    private final Clock clock;
    private final RandomGenerator random;
    /** The settings' client, able to re-encode 8-bit content for a mail host without 8BITMIME (RFC 6152 §3). */
    private final SmtpClient.Options clientOptions;

    public QueueRunner(Spool spool, DnsResolver resolver, Settings settings, Clock clock, RandomGenerator random) {
        this.spool = spool;
        this.resolver = resolver;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.clientOptions = settings.client().withSevenBitEncoder(EightBitDowngrade::toSevenBit);
    }

    /** Tries every entry that is due now; returns what happened to the recipients. */
    public Report runOnce() throws IOException {
        return run(false);
    }

    /** Tries every entry now, due or not ({@code ./smtplab queue flush}). */
    public Report flush() throws IOException {
        return run(true);
    }

    private synchronized Report run(boolean all) throws IOException {
        int delivered = 0;
        int deferred = 0;
        int bounced = 0;
        for (QueueEntry entry : spool.entries()) {
            Instant now = clock.instant();
            if (!all && entry.nextAttempt().isAfter(now)) {
                continue;
            }
            byte[] message = spool.message(entry);
            Map<ForwardPath, Outcome> outcomes = attempt(entry, message);
            List<ForwardPath> left = new ArrayList<>();
            List<Bounce.Failure> failures = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            boolean expired = !Duration.between(entry.created(), now).minus(settings.maxAge()).isNegative();
            for (ForwardPath rcpt : entry.recipients()) {
                Outcome o = outcomes.get(rcpt);
                switch (o.kind()) {
                    case DELIVERED -> delivered++;
                    case PERMANENT -> failures.add(new Bounce.Failure(rcpt, Bounce.statusOf(o.reply()), o.reply()));
                    case TEMPORARY -> {
                        if (expired) {
                            // RFC 3463 X.4.7: delivery time expired
                            failures.add(new Bounce.Failure(rcpt, "4.4.7", "gave up after " + settings.maxAge() + ": " + o.reply()));
                        } else {
                            left.add(rcpt);
                            errors.put(rcpt.toPathString(), o.reply());
                        }
                    }
                }
            }
            bounced += failures.size();
            deferred += left.size();
            if (!failures.isEmpty() && !(entry.sender() instanceof ReversePath.NullPath)) {
                byte[] report = Bounce.build(settings.hostname(), entry.sender(), entry.created(), failures, message, now, random);
                spool.enqueue(ReversePath.NULL, List.of((ForwardPath) entry.sender()), report, now);
            }
            if (left.isEmpty()) {
                spool.remove(entry);
            } else {
                long factor = 1L << Math.min(entry.attempts(), 20);
                Duration wait = settings.firstRetry().multipliedBy(factor);
                if (wait.compareTo(settings.maxRetry()) > 0) {
                    wait = settings.maxRetry();
                }
                spool.save(entry.retry(left, now.plus(wait), errors));
            }
        }
        return new Report(delivered, deferred, bounced);
    }

    /** One attempt for every recipient of an entry, grouped by domain (one SMTP transaction per domain). */
    private Map<ForwardPath, Outcome> attempt(QueueEntry entry, byte[] message) {
        Map<String, List<ForwardPath>> byDomain = new LinkedHashMap<>();
        Map<ForwardPath, Outcome> outcomes = new LinkedHashMap<>();
        for (ForwardPath rcpt : entry.recipients()) {
            if (rcpt instanceof Mailbox m) {
                byDomain.computeIfAbsent(m.domainLowerCase(), d -> new ArrayList<>()).add(rcpt);
            } else {
                outcomes.put(rcpt, new Outcome(Kind.PERMANENT, "550 5.1.3 <Postmaster> without a domain cannot be relayed"));
            }
        }
        byDomain.forEach((domain, rcpts) -> outcomes.putAll(deliverToDomain(entry.sender(), domain, rcpts, message)));
        return outcomes;
    }

    private Map<ForwardPath, Outcome> deliverToDomain(ReversePath sender, String domain, List<ForwardPath> rcpts, byte[] message) {
        MxResult mx;
        try {
            mx = MxSelector.select(resolver, DomainName.of(domain), random);
        } catch (IllegalArgumentException badName) {
            return all(rcpts, new Outcome(Kind.PERMANENT, "550 5.1.2 bad domain " + domain));
        }
        return switch (mx) {
            case MxResult.NullMx n -> all(rcpts, new Outcome(Kind.PERMANENT, "556 5.1.10 " + domain + " accepts no mail (null MX, RFC 7505)"));
            case MxResult.NoMailHost n -> all(rcpts, new Outcome(Kind.PERMANENT, "550 5.1.2 no mail host for " + domain + ": " + n.reason()));
            case MxResult.TemporaryFailure t -> all(rcpts, new Outcome(Kind.TEMPORARY, "451 4.4.3 DNS lookup for " + domain + " failed: "
                    + t.failure().kind()));
            case MxResult.Hosts hosts -> tryHosts(sender, hosts.hosts(), rcpts, message);
        };
    }

    /** RFC 5321 §5.1: the hosts in order; the first that completes an SMTP dialogue decides. */
    private Map<ForwardPath, Outcome> tryHosts(ReversePath sender, List<MailHost> hosts, List<ForwardPath> rcpts, byte[] message) {
        String lastError = "no address for any mail host";
        for (MailHost host : hosts) {
            for (InetAddress address : addresses(host.host())) {
                InetSocketAddress target = new InetSocketAddress(address, settings.port());
                try (SmtpClient client = SmtpClient.connect(target, clientOptions)) {
                    return outcomes(client.send(sender, rcpts, message), rcpts);
                } catch (IOException | SmtpProtocolException e) {
                    lastError = host.host() + " [" + address.getHostAddress() + "]: " + e.getMessage();   // try the next one
                } catch (RuntimeException e) {
                    // a defect met on this host's odd behaviour: it fails this attempt, not the queue run
                    lastError = host.host() + " [" + address.getHostAddress() + "]: internal error " + e;
                }
            }
        }
        return all(rcpts, new Outcome(Kind.TEMPORARY, "451 4.4.1 no mail host answered; last: " + lastError));
    }

    private List<InetAddress> addresses(DomainName host) {
        List<InetAddress> all = new ArrayList<>();
        for (RecordType type : List.of(RecordType.A, RecordType.AAAA)) {
            if (resolver.query(host, type) instanceof LookupResult.Found found) {
                all.addAll(found.addresses());
            }
        }
        return all;
    }

    private static Map<ForwardPath, Outcome> outcomes(TransactionResult result, List<ForwardPath> rcpts) {
        if (result.localError().isPresent()) {
            return all(rcpts, new Outcome(Kind.PERMANENT, "554 5.3.4 " + result.localError().get()));
        }
        Map<ForwardPath, Outcome> outcomes = new LinkedHashMap<>();
        if (result.mailReply().isPresent() && !result.mailReply().get().isPositiveCompletion()) {
            return all(rcpts, fromReply(result.mailReply().get().toString()));
        }
        String finalReply = result.finalReply().map(Object::toString).orElse("451 4.4.2 the transaction did not finish");
        for (TransactionResult.RecipientOutcome o : result.recipients()) {
            if (!o.accepted()) {
                outcomes.put(o.recipient(), fromReply(o.reply().toString()));
            } else if (result.delivered()) {
                outcomes.put(o.recipient(), new Outcome(Kind.DELIVERED, finalReply));
            } else {
                outcomes.put(o.recipient(), fromReply(finalReply));
            }
        }
        return outcomes;
    }

    private static Outcome fromReply(String reply) {
        return new Outcome(reply.startsWith("5") ? Kind.PERMANENT : Kind.TEMPORARY, reply);
    }

    private static Map<ForwardPath, Outcome> all(List<ForwardPath> rcpts, Outcome outcome) {
        Map<ForwardPath, Outcome> map = new LinkedHashMap<>();
        rcpts.forEach(r -> map.put(r, outcome));
        return map;
    }
}
