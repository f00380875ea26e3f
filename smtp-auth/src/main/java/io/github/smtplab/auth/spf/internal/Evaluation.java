package io.github.smtplab.auth.spf.internal;

import io.github.smtplab.auth.spf.SpfOutcome;
import io.github.smtplab.auth.spf.SpfResult;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordData;
import io.github.smtplab.dns.RecordType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of check_host() (RFC 7208 §4) with everything below it: the record lookup and selection (§4.4,
 * §4.5), the evaluation of each mechanism (§5), {@code redirect} and {@code exp} (§6), and the limits of
 * §4.6.4, whose counters are shared by every nested include and redirect of the run. Not thread-safe: one
 * instance per check.
 */
public final class Evaluation {

    /** Most mechanisms and modifiers that query DNS in one evaluation (include, a, mx, ptr, exists, redirect; §4.6.4). */
    public static final int MAX_DNS_TERMS = 10;
    /** Most lookups answering NXDOMAIN or no data in one evaluation (§4.6.4). */
    public static final int MAX_VOID_LOOKUPS = 2;
    /** Most MX hosts, and PTR names, whose addresses one mechanism may look up (§4.6.4). */
    public static final int MAX_ADDRESS_LOOKUPS = 10;
    /** Longest expanded domain name; longer ones lose labels on the left (§7.3). */
    public static final int MAX_DOMAIN_LENGTH = 253;

    private final DnsResolver resolver;
    private final String defaultExplanation;
    private int dnsTerms;
    private int voidLookups;

    /** Stops the evaluation with a final result: temperror and permerror end the topmost check_host() (§4.6.4, §5). */
    private static final class Stop extends Exception {
        private final transient SpfOutcome outcome;

        Stop(SpfResult result, String detail) {
            super(detail, null, false, false);
            this.outcome = SpfOutcome.of(result, detail);
        }
    }

    /**
     * @param resolver           where DNS questions go
     * @param defaultExplanation the receiver's explain-string for a fail when the domain publishes none (§6.2)
     */
    public Evaluation(DnsResolver resolver, String defaultExplanation) {
        this.resolver = resolver;
        this.defaultExplanation = defaultExplanation;
    }

    /** check_host(ip, domain, sender) for the values in {@code context} (§4.1): {@code context.domain()} is checked. */
    public SpfOutcome checkHost(MacroContext context) {
        try {
            return evaluate(context);
        } catch (Stop stop) {
            return stop.outcome;
        }
    }

    private SpfOutcome evaluate(MacroContext context) throws Stop {
        String domain = context.domain();
        DomainName name = validDomain(domain);
        if (name == null) {
            return SpfOutcome.of(SpfResult.NONE, "\"" + domain + "\" is not a fully qualified domain name (§4.3)");
        }
        LookupResult txt = resolver.query(name, RecordType.TXT);
        List<String> spfRecords = new ArrayList<>();
        switch (txt) {
            case LookupResult.Failure f ->
                    throw new Stop(SpfResult.TEMPERROR, "DNS failure looking up TXT at " + domain + ": " + f.kind() + " (§4.4)");
            case LookupResult.NxDomain n -> {
                return SpfOutcome.of(SpfResult.NONE, domain + " does not exist (§4.3)");
            }
            case LookupResult.NoData n -> {
                return SpfOutcome.of(SpfResult.NONE, domain + " has no TXT records (§4.4)");
            }
            case LookupResult.Found found -> found.texts().stream().filter(RecordParser::isSpfRecord).forEach(spfRecords::add);
        }
        if (spfRecords.isEmpty()) {
            return SpfOutcome.of(SpfResult.NONE, domain + " publishes no SPF record (§4.5)");
        }
        if (spfRecords.size() > 1) {
            throw new Stop(SpfResult.PERMERROR, domain + " publishes " + spfRecords.size() + " SPF records (§4.5)");
        }
        SpfRecord record = switch (RecordParser.parse(spfRecords.get(0))) {
            case RecordParse.Invalid invalid -> throw new Stop(SpfResult.PERMERROR, "in the record of " + domain + ": " + invalid.reason());
            case RecordParse.Parsed parsed -> parsed.record();
        };
        for (Directive directive : record.directives()) {
            if (directive.mechanism().queriesDns()) {
                countDnsTerm();
            }
            if (matches(directive.mechanism(), context)) {
                SpfResult result = directive.qualifier().result();
                Optional<String> explanation = result == SpfResult.FAIL ? Optional.of(explain(record, context)) : Optional.empty();
                return new SpfOutcome(result, explanation, directive.text(),
                        domain + ": " + directive.text() + " matched " + IpText.readable(context.ip()));
            }
        }
        if (record.redirect().isPresent() && !record.hasAll()) {
            // redirect= (§6.1): the result is that of the target's record; a target without one is a permerror.
            countDnsTerm();
            String target = expandDomain(record.redirect().get(), context);
            SpfOutcome redirected = evaluate(context.withDomain(target));
            if (redirected.result() == SpfResult.NONE) {
                throw new Stop(SpfResult.PERMERROR, "redirect=" + target + " leads to no SPF record (§6.1)");
            }
            return redirected;
        }
        return SpfOutcome.of(SpfResult.NEUTRAL, domain + ": no mechanism matched (§4.7)");
    }

    /** True if the mechanism matches the client (§5). */
    private boolean matches(Mechanism mechanism, MacroContext context) throws Stop {
        InetAddress ip = context.ip();
        return switch (mechanism) {
            case Mechanism.All all -> true;
            case Mechanism.Ip4 ip4 -> ip instanceof Inet4Address && IpText.inNetwork(ip.getAddress(), ip4.network(), ip4.cidr());
            case Mechanism.Ip6 ip6 -> ip instanceof Inet6Address && IpText.inNetwork(ip.getAddress(), ip6.network(), ip6.cidr());
            case Mechanism.Include include -> includeMatches(include, context);
            case Mechanism.A a -> {
                String target = a.domainSpec().map(s -> expandDomain(s, context)).orElse(context.domain());
                yield addressesMatch(lookupAddresses(target, ip, true), ip, a.cidr4(), a.cidr6());
            }
            case Mechanism.Mx mx -> mxMatches(mx, context);
            case Mechanism.Ptr ptr -> {
                String target = ptr.domainSpec().map(s -> expandDomain(s, context)).orElse(context.domain());
                DomainName targetName = validDomain(target);
                yield targetName != null && validatedNames(ip).stream().anyMatch(n -> n.isSubdomainOf(targetName));
            }
            case Mechanism.Exists exists -> {
                // exists (§5.7): an A query whatever the client's address family.
                DomainName name = validDomain(expandDomain(exists.domainSpec(), context));
                yield name != null && switch (resolver.query(name, RecordType.A)) {
                    case LookupResult.Found f -> true;
                    case LookupResult.Failure f -> throw new Stop(SpfResult.TEMPERROR, "DNS failure for exists:" + name + " (§5)");
                    default -> {
                        countVoidLookup(name);
                        yield false;
                    }
                };
            }
        };
    }

    /** include (§5.2): pass matches; fail, softfail and neutral do not; temperror stays; permerror and none are permerror. */
    private boolean includeMatches(Mechanism.Include include, MacroContext context) throws Stop {
        String target = expandDomain(include.domainSpec(), context);
        SpfOutcome inner = evaluate(context.withDomain(target));
        return switch (inner.result()) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            case TEMPERROR -> throw new Stop(SpfResult.TEMPERROR, "include:" + target + ": " + inner.detail());
            case PERMERROR -> throw new Stop(SpfResult.PERMERROR, "include:" + target + ": " + inner.detail());
            case NONE -> throw new Stop(SpfResult.PERMERROR, "include:" + target + " has no SPF record (§5.2)");
        };
    }

    /** mx (§5.4): the addresses of each MX host, at most 10 hosts (§4.6.4). */
    private boolean mxMatches(Mechanism.Mx mx, MacroContext context) throws Stop {
        String target = mx.domainSpec().map(s -> expandDomain(s, context)).orElse(context.domain());
        DomainName name = validDomain(target);
        if (name == null) {
            return false;
        }
        List<DomainName> hosts = new ArrayList<>();
        switch (resolver.query(name, RecordType.MX)) {
            case LookupResult.Failure f -> throw new Stop(SpfResult.TEMPERROR, "DNS failure looking up MX at " + name + " (§5)");
            case LookupResult.Found found -> found.data().forEach(d -> {
                if (d instanceof RecordData.Mx record && !record.isNullMx()) {
                    hosts.add(record.exchange());
                }
            });
            default -> {
                countVoidLookup(name);
                return false;
            }
        }
        if (hosts.size() > MAX_ADDRESS_LOOKUPS) {
            throw new Stop(SpfResult.PERMERROR, target + " has " + hosts.size() + " MX hosts, more than " + MAX_ADDRESS_LOOKUPS + " (§4.6.4)");
        }
        for (DomainName host : hosts) {
            // An MX host without addresses of the client's family is a void lookup too: §4.6.4 counts DNS
            // queries answering NODATA or NXDOMAIN, and pyspf counts these (see PyspfDifferentialTest).
            if (addressesMatch(lookupAddresses(host.toString(), context.ip(), true), context.ip(), mx.cidr4(), mx.cidr6())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The A (IPv4 client) or AAAA (IPv6 client) addresses of a name (§5.3). A DNS failure is a temperror;
     * an empty answer counts as a void lookup when {@code countVoid}.
     */
    private List<InetAddress> lookupAddresses(String target, InetAddress ip, boolean countVoid) throws Stop {
        DomainName name = validDomain(target);
        if (name == null) {
            return List.of();
        }
        RecordType type = ip instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
        return switch (resolver.query(name, type)) {
            case LookupResult.Found found -> found.addresses();
            case LookupResult.Failure f -> throw new Stop(SpfResult.TEMPERROR, "DNS failure looking up " + type + " at " + name + " (§5)");
            default -> {
                if (countVoid) {
                    countVoidLookup(name);
                }
                yield List.of();
            }
        };
    }

    private static boolean addressesMatch(List<InetAddress> addresses, InetAddress ip, int cidr4, int cidr6) {
        int cidr = ip instanceof Inet4Address ? cidr4 : cidr6;
        for (InetAddress address : addresses) {
            if (address.getClass() == ip.getClass() && IpText.inNetwork(ip.getAddress(), address.getAddress(), cidr)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The validated names of the client (§5.5): the first 10 names of its PTR records whose own addresses
     * include the client. DNS errors make a name, or the whole lookup, yield nothing.
     */
    public List<DomainName> validatedNames(InetAddress ip) {
        List<DomainName> validated = new ArrayList<>();
        if (!(resolver.query(DomainName.of(IpText.reverseName(ip)), RecordType.PTR) instanceof LookupResult.Found found)) {
            return validated;
        }
        List<DomainName> names = found.data().stream()
                .<DomainName>mapMulti((d, out) -> {
                    if (d instanceof RecordData.Ptr p) {
                        out.accept(p.target());
                    }
                })
                .limit(MAX_ADDRESS_LOOKUPS).toList();
        RecordType type = ip instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
        for (DomainName name : names) {
            if (resolver.query(name, type) instanceof LookupResult.Found addresses && addresses.addresses().contains(ip)) {
                validated.add(name);
            }
        }
        return validated;
    }

    /**
     * {@code %{p}} (§7.3): a validated name equal to the domain, else one below it, else any validated name,
     * else {@code "unknown"}.
     */
    public String validatedName(InetAddress ip, String domain) {
        List<DomainName> names = validatedNames(ip);
        DomainName current = validDomain(domain);
        Optional<DomainName> best = names.stream().filter(n -> n.equals(current)).findFirst()
                .or(() -> names.stream().filter(n -> current != null && n.isSubdomainOf(current)).findFirst())
                .or(() -> names.stream().findFirst());
        return best.map(n -> stripDot(n.toString())).orElse("unknown");
    }

    /** The explanation for a fail (§6.2): the domain's {@code exp=} text, else the receiver's default. */
    private String explain(SpfRecord record, MacroContext context) {
        if (record.explanation().isPresent()) {
            DomainName name = validDomain(expandDomain(record.explanation().get(), context));
            if (name != null && resolver.query(name, RecordType.TXT) instanceof LookupResult.Found found
                    && found.texts().size() == 1) {
                String text = found.texts().get(0);
                if (Macros.check(text, true) == null) {
                    return Macros.expand(text, context);
                }
            }
        }
        return Macros.expand(defaultExplanation, context);
    }

    /** Expands a domain-spec (§7.3), cutting labels from the left past 253 characters and dropping a final dot. */
    private static String expandDomain(String spec, MacroContext context) {
        String expanded = stripDot(Macros.expand(spec, context));
        while (expanded.length() > MAX_DOMAIN_LENGTH) {
            int dot = expanded.indexOf('.');
            expanded = dot < 0 ? "" : expanded.substring(dot + 1);
        }
        return expanded;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * The name if it is a syntactically valid, multi-label domain name, else null (§4.3: labels of 1 to 63
     * octets, not a domain literal).
     */
    static DomainName validDomain(String domain) {
        String text = stripDot(domain);
        if (text.isEmpty() || text.startsWith("[") || text.indexOf('\\') >= 0) {
            return null;
        }
        try {
            DomainName name = DomainName.of(text);
            return name.labelCount() >= 2 ? name : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void countDnsTerm() throws Stop {
        if (++dnsTerms > MAX_DNS_TERMS) {
            throw new Stop(SpfResult.PERMERROR, "more than " + MAX_DNS_TERMS + " DNS-querying terms (§4.6.4)");
        }
    }

    private void countVoidLookup(DomainName name) throws Stop {
        if (++voidLookups > MAX_VOID_LOOKUPS) {
            throw new Stop(SpfResult.PERMERROR, "more than " + MAX_VOID_LOOKUPS + " void lookups, the last at " + name + " (§4.6.4)");
        }
    }
}
