package io.github.smtplab.auth.spf;

import io.github.smtplab.auth.spf.internal.Evaluation;
import io.github.smtplab.auth.spf.internal.MacroContext;
import io.github.smtplab.auth.spf.internal.Macros;
import io.github.smtplab.dns.DnsResolver;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;

/**
 * Evaluates SPF (RFC 7208): the check_host() function (§4) for the MAIL FROM identity (§2.4) and the HELO
 * identity (§2.3). Immutable and thread-safe; every check runs its own evaluation with its own DNS limits
 * (§4.6.4). All DNS goes through the given {@link DnsResolver}, so tests can use an in-memory resolver.
 *
 * <pre>{@code
 * SpfChecker spf = new SpfChecker(resolver, "mx.example.org");
 * SpfOutcome o = spf.checkMailFrom(InetAddress.ofLiteral("192.0.2.1"), "alice@example.com", "mail.example.com");
 * o.result();  // PASS, FAIL, ...
 * }</pre>
 */
public final class SpfChecker {

    /** The explanation given for a fail when the domain publishes none (§6.2 lets the receiver choose). */
    public static final String DEFAULT_EXPLANATION = "%{d} does not designate %{c} as permitted sender";

    /** The local-part used when the sender has none, and for the HELO identity (§4.3, §2.3). */
    public static final String POSTMASTER = "postmaster";

    private final DnsResolver resolver;
    private final String receiver;
    private final String defaultExplanation;
    private final Clock clock;

    /**
     * A checker with the default explanation and the system clock.
     *
     * @param resolver where DNS questions go
     * @param receiver this host's domain name, for {@code %{r}} (§7.2)
     */
    public SpfChecker(DnsResolver resolver, String receiver) {
        this(resolver, receiver, DEFAULT_EXPLANATION, Clock.systemUTC());
    }

    /**
     * @param resolver           where DNS questions go
     * @param receiver           this host's domain name, for {@code %{r}} (§7.2)
     * @param defaultExplanation an explain-string (macros allowed, §6.2) used when a failing domain publishes no {@code exp=}
     * @param clock              the time for {@code %{t}} (§7.2)
     * @throws IllegalArgumentException if the default explanation is not a valid explain-string
     */
    public SpfChecker(DnsResolver resolver, String receiver, String defaultExplanation, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clock = Objects.requireNonNull(clock, "clock");
        String problem = Macros.check(defaultExplanation, true);
        if (problem != null) {
            throw new IllegalArgumentException("default explanation: " + problem);
        }
        this.defaultExplanation = defaultExplanation;
    }

    /**
     * check_host(ip, domain, sender) as §4.1 defines it.
     *
     * @param ip     the SMTP client's address
     * @param domain the domain whose policy is checked
     * @param sender the identity checked, {@code local-part@domain} (§4.1)
     * @param helo   the HELO/EHLO name, for {@code %{h}}
     */
    public SpfOutcome checkHost(InetAddress ip, String domain, String sender, String helo) {
        Objects.requireNonNull(ip, "ip");
        int at = sender.lastIndexOf('@');
        String local = at < 0 ? POSTMASTER : sender.substring(0, at);
        if (local.isEmpty()) {
            local = POSTMASTER;
        }
        String senderDomain = at < 0 ? sender : sender.substring(at + 1);
        String fullSender = local + "@" + senderDomain;
        Evaluation evaluation = new Evaluation(resolver, defaultExplanation);
        MacroContext context = new MacroContext(fullSender, local, senderDomain, domain, ip, helo, receiver,
                clock.instant().getEpochSecond(), d -> evaluation.validatedName(ip, d));
        return evaluation.checkHost(context);
    }

    /**
     * Checks the MAIL FROM identity (§2.4): the domain of the reverse-path; for the null reverse-path
     * {@code <>} (an empty {@code mailFrom}) the identity is {@code postmaster@<helo>}.
     */
    public SpfOutcome checkMailFrom(InetAddress ip, String mailFrom, String helo) {
        if (mailFrom.isEmpty()) {
            return checkHelo(ip, helo);
        }
        int at = mailFrom.lastIndexOf('@');
        String domain = at < 0 ? mailFrom : mailFrom.substring(at + 1);
        return checkHost(ip, domain, mailFrom, helo);
    }

    /** Checks the HELO identity (§2.3): check_host() on the HELO name with sender {@code postmaster@<helo>}. */
    public SpfOutcome checkHelo(InetAddress ip, String helo) {
        return checkHost(ip, helo, POSTMASTER + "@" + helo, helo);
    }
}
