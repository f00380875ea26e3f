package io.github.smtplab.auth.inbound;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.mime.ParseLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What an MX checks about the domains of a message before storing it: SPF for the envelope sender and for the
 * HELO name (RFC 7208 §2.3, §2.4), every DKIM signature (RFC 6376 §6), DMARC for each Author Domain
 * (RFC 9989), reported in {@code Authentication-Results} (RFC 8601) and {@code Received-SPF} (RFC 7208 §9.1)
 * fields put on top of the message. Fields that claim to come from this receiver already are removed first
 * (RFC 8601 §5: anyone can forge them).
 *
 * <pre>{@code
 * InboundChecker checker = new InboundChecker("mx.exemple.com", resolver).enforcingPolicy(true);
 * switch (checker.check(new SessionIdentities(clientIp, "smtp.monentreprise.fr", "alice@monentreprise.fr"), message)) {
 *     case InboundVerdict.Deliver d -> store(d.apply(message));
 *     case InboundVerdict.Refuse r -> System.out.println(r.reply());
 * }
 * }</pre>
 *
 * For a message that arrives in chunks, {@link #begin} gives a {@link MessageCheck} that hashes the DKIM body
 * as it goes and keeps only the header block; {@link InboundCheckDelivery} wires that into an SMTP server.
 *
 * <p>Rules this class adds to the RFCs' (each documented where it is applied):
 * <ul>
 *   <li>a header block over {@link ParseLimits#DEFAULT_MAX_HEADER_BYTES} octets or
 *       {@link ParseLimits#DEFAULT_MAX_HEADER_FIELDS} fields is refused ({@code 552 5.3.4}): a check that read
 *       only part of the header could miss a From field;</li>
 *   <li>a From field that is missing, repeated or malformed is refused ({@code 550 5.7.1}) when policies are
 *       enforced, reported {@code dmarc=permerror} otherwise (RFC 9989 §4.2, §11.5, see
 *       {@link io.github.smtplab.auth.dmarc.AuthorDomains});</li>
 *   <li>all the DNS questions of one message share one time budget ({@link #DEFAULT_BUDGET}); what is not
 *       answered in time is a {@code temperror}.</li>
 * </ul>
 * Immutable and thread-safe; each {@link MessageCheck} belongs to one message.
 */
public final class InboundChecker {

    /**
     * The default time for all the checks of one message together. RFC 7208 §4.6.4 lets SPF alone take 20 s;
     * the client waits 10 minutes for the reply to the end of DATA (RFC 5321 §4.5.3.2.6), so 30 s for SPF,
     * DKIM and DMARC together stays far inside it.
     */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);

    private final String authservId;
    private final DnsResolver resolver;
    private final boolean enforcePolicy;
    private final Duration budget;
    private final ParseLimits limits;
    private final Clock clock;

    /** A checker that reports only (never refuses for DMARC), with the default budget and limits. */
    public InboundChecker(String authservId, DnsResolver resolver) {
        this(authservId, resolver, false, DEFAULT_BUDGET, ParseLimits.DEFAULTS, Clock.systemUTC());
    }

    private InboundChecker(String authservId, DnsResolver resolver, boolean enforcePolicy, Duration budget,
                           ParseLimits limits, Clock clock) {
        this.authservId = Objects.requireNonNull(authservId, "authservId");
        if (authservId.isBlank()) {
            throw new IllegalArgumentException("an authserv-id is required (RFC 8601 §2.5)");
        }
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.enforcePolicy = enforcePolicy;
        this.budget = Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive");
        }
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * With {@code true}, a DMARC failure whose strictest policy is {@code p=reject} (RFC 9989 §4.7, §11.5) and a
     * message without one well-formed From (§4.2) are refused with {@code 550 5.7.1}.
     */
    public InboundChecker enforcingPolicy(boolean enforce) {
        return new InboundChecker(authservId, resolver, enforce, budget, limits, clock);
    }

    /** With another time budget for all the checks of one message. */
    public InboundChecker withBudget(Duration perMessage) {
        return new InboundChecker(authservId, resolver, enforcePolicy, perMessage, limits, clock);
    }

    /** With other header limits ({@code maxHeaderBytes} and {@code maxHeaderFields} are the ones used). */
    public InboundChecker withLimits(ParseLimits headerLimits) {
        return new InboundChecker(authservId, resolver, enforcePolicy, budget, headerLimits, clock);
    }

    /** With another clock (DKIM {@code x=} and the budget read it). */
    public InboundChecker withClock(Clock other) {
        return new InboundChecker(authservId, resolver, enforcePolicy, budget, limits, other);
    }

    /** Starts checking a message that will arrive in chunks. */
    public MessageCheck begin(SessionIdentities identities) {
        return new MessageCheck(authservId, new BudgetedResolver(resolver, budget, clock), enforcePolicy, limits, clock,
                identities);
    }

    /** Checks a whole message held in memory (CRLF line ends, as on the wire). */
    public InboundVerdict check(SessionIdentities identities, byte[] message) {
        MessageCheck check = begin(identities);
        check.write(java.nio.ByteBuffer.wrap(message));
        return check.finish();
    }
}
