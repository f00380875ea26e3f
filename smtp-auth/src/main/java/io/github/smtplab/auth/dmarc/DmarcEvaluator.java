package io.github.smtplab.auth.dmarc;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DMARC evaluation (RFC 9989): policy discovery and Organizational Domains by the DNS Tree Walk (§4.10,
 * no Public Suffix List), identifier alignment (§4.4) and the policy result (§4.9). All DNS goes through the
 * given resolver. Thread-safe: holds no state besides the resolver.
 */
public final class DmarcEvaluator {

    /** The label prefixed to a domain to find its DMARC Policy Record (§4.10.1). */
    public static final String DMARC_LABEL = "_dmarc";
    /** Labels kept when a tree walk shortens a long name (§4.10 step 4): at most 8 queries per walk. */
    public static final int MAX_WALK_LABELS = 7;
    /** Names with more labels than this start the policy walk shortened (§4.10.1). */
    public static final int LONG_NAME_LABELS = 8;

    private final DnsResolver resolver;

    /** An evaluator asking {@code resolver}. */
    public DmarcEvaluator(DnsResolver resolver) {
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Remembers the answers of one evaluation, so that the walks for the Author Domain and for each
     * authenticated identifier never ask the same question twice (they share most of their names).
     */
    private static final class OncePerQuestion implements DnsResolver {
        private final DnsResolver next;
        private final java.util.Map<String, LookupResult> answers = new java.util.HashMap<>();

        OncePerQuestion(DnsResolver next) {
            this.next = next;
        }

        @Override
        public LookupResult query(DomainName name, RecordType type) {
            return answers.computeIfAbsent(name.toLowerCase() + " " + type, k -> next.query(name, type));
        }
    }

    /** A record found during a walk. */
    record Found(DomainName domain, DmarcRecord record) {}

    /** A DNS failure during discovery. */
    private static final class DnsFailure extends Exception {
        DnsFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Evaluates a message.
     *
     * @param fromDomain the RFC5322.From domain (the Author Domain, §3.2.3)
     * @param spf        the SPF result, if SPF was checked
     * @param dkim       every DKIM result, as {@link io.github.smtplab.auth.dkim.DkimVerifier} gave them (§5.3.3)
     */
    public DmarcOutcome evaluate(String fromDomain, Optional<SpfInput> spf, List<DkimResult> dkim) {
        if (!(resolver instanceof OncePerQuestion)) {
            return new DmarcEvaluator(new OncePerQuestion(resolver)).evaluate(fromDomain, spf, dkim);
        }
        DomainName author = name(fromDomain);
        if (author == null) {
            return new DmarcOutcome(DmarcResult.NONE, fromDomain, Optional.empty(), Optional.empty(), Optional.empty(),
                    false, false, "not a domain name: " + fromDomain);
        }
        try {
            // Policy discovery (§4.10.1): the Author Domain first, then the walk from its parent (or shortened).
            Optional<DmarcRecord> own = recordAt(author);
            List<Found> walk = own.isPresent() ? List.of(new Found(author, own.get())) : List.of();
            List<Found> ancestors = own.isPresent() ? List.of() : walkFrom(walkStart(author), Integer.MAX_VALUE);
            Optional<Found> applied = own.map(r -> new Found(author, r));
            if (applied.isEmpty() && !ancestors.isEmpty()) {
                DomainName org = organizationalDomain(author, ancestors);
                applied = ancestors.stream().filter(f -> f.domain().equals(org)).findFirst()
                        .or(() -> ancestors.stream().filter(f -> f.record().psd() == 'y').findFirst())
                        .or(() -> Optional.of(ancestors.get(ancestors.size() - 1)));
            }
            if (applied.isEmpty()) {
                return new DmarcOutcome(DmarcResult.NONE, fromDomain, Optional.empty(), Optional.empty(), Optional.empty(),
                        false, false, "no DMARC Policy Record for " + fromDomain + " or its parents (§4.10.1)");
            }
            DmarcRecord record = applied.get().record();
            String policyDomain = text(applied.get().domain());
            if (!record.policyTagsValid() && record.rua().isEmpty()) {
                return new DmarcOutcome(DmarcResult.PERMERROR, fromDomain, Optional.of(policyDomain), Optional.empty(),
                        Optional.empty(), false, false, "record at " + policyDomain + " has no valid p/sp/np and no rua: no DMARC processing (§4.10.1)");
            }
            DomainName authorOrg = own.isPresent() ? organizationalDomainOf(author, walk) : organizationalDomain(author, ancestors);
            // A DNS failure while finding one identifier's Organizational Domain leaves that identifier
            // undecided; another may still align. Only if none aligns does the failure make a temperror.
            List<String> undecided = new ArrayList<>();
            boolean spfAligned = spf.isPresent() && spf.get().passed()
                    && alignedOrUndecided(author, authorOrg, spf.get().domain(), record.strictSpf(), undecided);
            boolean dkimAligned = false;
            for (DkimResult d : dkim) {
                if (d instanceof DkimResult.Pass && alignedOrUndecided(author, authorOrg, d.domain(), record.strictDkim(), undecided)) {
                    dkimAligned = true;
                    break;
                }
            }
            if (!spfAligned && !dkimAligned && !undecided.isEmpty()) {
                throw new DnsFailure(String.join("; ", undecided));
            }
            if (spfAligned || dkimAligned) {
                return new DmarcOutcome(DmarcResult.PASS, fromDomain, Optional.of(policyDomain), Optional.of(text(authorOrg)),
                        Optional.empty(), spfAligned, dkimAligned, (spfAligned ? "SPF" : "DKIM") + " passed aligned with " + fromDomain);
            }
            DmarcPolicy policy = disposition(author, applied.get().domain(), record);
            if (record.testing()) {
                policy = policy.oneLevelBelow();
            }
            return new DmarcOutcome(DmarcResult.FAIL, fromDomain, Optional.of(policyDomain), Optional.of(text(authorOrg)),
                    Optional.of(policy), false, false, "no aligned SPF or DKIM pass for " + fromDomain + " (§4.4)");
        } catch (DnsFailure e) {
            return new DmarcOutcome(DmarcResult.TEMPERROR, fromDomain, Optional.empty(), Optional.empty(), Optional.empty(),
                    false, false, e.getMessage());
        }
    }

    /** p for the Author Domain's own record; otherwise sp if the Author Domain exists, np if it does not, else p (§4.10.1). */
    private DmarcPolicy disposition(DomainName author, DomainName policyDomain, DmarcRecord record) throws DnsFailure {
        DmarcPolicy p = record.policy().orElse(DmarcPolicy.NONE);
        if (author.equals(policyDomain)) {
            return p;
        }
        LookupResult exists = resolver.query(author, RecordType.A);
        if (exists instanceof LookupResult.Failure f) {
            throw new DnsFailure("DNS failure checking that " + author + " exists: " + f.kind());
        }
        if (exists instanceof LookupResult.NxDomain) {
            return record.nonexistentPolicy().or(record::subdomainPolicy).orElse(p);
        }
        return record.subdomainPolicy().orElse(p);
    }

    /** {@link #aligned}, noting a DNS failure in {@code undecided} instead of failing (the identifier is then not aligned). */
    private boolean alignedOrUndecided(DomainName author, DomainName authorOrg, String identifier, boolean strict,
                                       List<String> undecided) {
        try {
            return aligned(author, authorOrg, identifier, strict);
        } catch (DnsFailure e) {
            undecided.add(e.getMessage());
            return false;
        }
    }

    /**
     * Identifier alignment (§4.4.1, §4.4.2): strict needs the same name; relaxed the same Organizational
     * Domain, found by the tree walk (§4.10.2).
     */
    private boolean aligned(DomainName author, DomainName authorOrg, String identifier, boolean strict) throws DnsFailure {
        DomainName id = name(identifier);
        if (id == null) {
            return false;
        }
        if (id.equals(author)) {
            return true;
        }
        if (strict) {
            return false;
        }
        return organizationalDomain(id).equals(authorOrg);
    }

    /**
     * The Organizational Domain of a name by the DNS Tree Walk (§4.10.2), starting at the name itself.
     *
     * @throws DnsFailure on a DNS error
     */
    DomainName organizationalDomain(DomainName start) throws DnsFailure {
        return organizationalDomainOf(start, List.of());
    }

    /** The Organizational Domain of {@code start}, reusing the records already found at {@code start} if any. */
    private DomainName organizationalDomainOf(DomainName start, List<Found> known) throws DnsFailure {
        List<Found> found = new ArrayList<>(known);
        if (found.isEmpty()) {
            recordAt(start).ifPresent(r -> found.add(new Found(start, r)));
        }
        if (found.isEmpty() || found.get(0).record().psd() == 'u') {
            found.addAll(walkFrom(walkStart(start), Integer.MAX_VALUE));
        }
        return organizationalDomain(start, found);
    }

    /** Selection of §4.10.2 among records found from the longest name to the shortest. */
    private static DomainName organizationalDomain(DomainName start, List<Found> found) {
        for (Found f : found) {
            if (f.record().psd() == 'n') {
                return f.domain();
            }
            if (f.record().psd() == 'y' && !f.domain().equals(start)) {
                return start.suffix(start.labelCount() - f.domain().labelCount() - 1);
            }
        }
        return found.isEmpty() ? start : found.get(found.size() - 1).domain();
    }

    /** Where a walk continues after {@code name}: its parent, or its last 7 labels for long names (§4.10 step 4). */
    private static DomainName walkStart(DomainName name) {
        if (name.labelCount() > LONG_NAME_LABELS) {
            return name.suffix(name.labelCount() - MAX_WALK_LABELS);
        }
        return name.labelCount() > 1 ? name.parent() : DomainName.ROOT;
    }

    /** Steps 5-7 of §4.10: one query per name up to the top-level domain, stopping at psd=y or psd=n. */
    private List<Found> walkFrom(DomainName from, int limit) throws DnsFailure {
        List<Found> found = new ArrayList<>();
        DomainName target = from;
        while (!target.isRoot() && found.size() < limit) {
            Optional<DmarcRecord> r = recordAt(target);
            if (r.isPresent()) {
                found.add(new Found(target, r.get()));
                if (r.get().psd() != 'u') {
                    break;
                }
            }
            target = target.parent();
        }
        return found;
    }

    /** The single valid DMARC record at {@code _dmarc.<domain>}; several, or none, give empty (§4.10 step 2). */
    private Optional<DmarcRecord> recordAt(DomainName domain) throws DnsFailure {
        DomainName query;
        try {
            query = new DomainName(List.of(DMARC_LABEL)).append(domain);
        } catch (IllegalArgumentException tooLong) {
            return Optional.empty();
        }
        LookupResult result = resolver.query(query, RecordType.TXT);
        if (result instanceof LookupResult.Failure f) {
            throw new DnsFailure("DNS failure looking up TXT at " + query + ": " + f.kind());
        }
        if (!(result instanceof LookupResult.Found found)) {
            return Optional.empty();
        }
        List<DmarcRecord> records = found.texts().stream().map(DmarcRecord::parse).flatMap(Optional::stream).toList();
        return records.size() == 1 ? Optional.of(records.get(0)) : Optional.empty();
    }

    private static DomainName name(String text) {
        String t = text.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            DomainName n = DomainName.of(t);
            return n.isRoot() ? null : n.toLowerCase();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(DomainName name) {
        String s = name.toString();
        return s.substring(0, s.length() - 1);
    }
}
