package io.github.smtplab.auth.dmarc;

import io.github.smtplab.dns.DomainName;
import io.github.smtplab.mime.Address;
import io.github.smtplab.mime.AddressParser;
import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.Headers;
import io.github.smtplab.mime.Mailbox;
import io.github.smtplab.mime.ParseResult;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The Author Domains of a message: the domains of its RFC5322.From field (RFC 9989 §3.2.2, §5.3.1), and the
 * messages that must not escape DMARC because their From is not one well-formed field.
 *
 * <p>RFC 9989 §5.3.1 says that when zero or several domains are extracted "DMARC validation is not possible"
 * and §4.2 puts a message "without a single, properly formed RFC5322.From header field" outside the
 * specification; §11.5 names the attack this opens (a second From, a second mailbox, to dodge the policy of
 * the spoofed domain) and leaves the receiver two answers. This class takes both, each where it fits:
 * <ul>
 *   <li>a From field that is missing, repeated, unparsable, a group (RFC 5322 §3.6.2 allows only a
 *       mailbox-list in From), or holding a domain that is not a domain name is {@link Malformed}: the
 *       receiver refuses it, or reports {@code dmarc=permerror} when it does not enforce policies
 *       (§11.5: "a negative disposition decision ... prior to and instead of its being subjected to DMARC
 *       processing");</li>
 *   <li>one well-formed From holding several mailboxes gives every distinct domain ({@link Found} with
 *       several): each is evaluated as the Author Domain and the strictest policy among those that fail
 *       applies (§11.5: "apply the DMARC mechanism to each domain ... and apply the most strict policy
 *       selected among the checks that fail"), up to {@link #MAX_DOMAINS} domains; more are Malformed.</li>
 * </ul>
 * Domains are normalised before use: lower case, no trailing dot, U-labels converted to A-labels (§5.3.1,
 * RFC 5890 §2.3), so that {@code ceo@EVIL.TEST.} is evaluated as {@code evil.test}.
 */
public sealed interface AuthorDomains {

    /** The most distinct Author Domains evaluated in one message (§11.5 leaves "large" to the receiver). */
    int MAX_DOMAINS = 10;

    /** Comments nested deeper than this make the From field malformed (RFC 5322 §3.2.2 sets no bound). */
    int MAX_COMMENT_DEPTH = AddressParser.MAX_COMMENT_DEPTH;

    /**
     * The From field is well-formed and names these domains.
     *
     * @param domains the distinct Author Domains in order of appearance, normalised, at least one
     */
    record Found(List<String> domains) implements AuthorDomains {
        /** Copies the list; it must not be empty. */
        public Found {
            domains = List.copyOf(domains);
            if (domains.isEmpty()) {
                throw new IllegalArgumentException("at least one Author Domain");
            }
        }
    }

    /**
     * No single, properly formed From field (RFC 9989 §4.2, §11.5): the message must be refused or marked.
     *
     * @param reason what is wrong, in words with the rule's section
     */
    record Malformed(String reason) implements AuthorDomains {
        /** Requires a reason. */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Reads the Author Domains of a message's header. Pure: never throws on any header. */
    static AuthorDomains of(Headers headers) {
        List<HeaderField> from = headers.fields().stream().filter(f -> f.is("From")).toList();
        if (from.isEmpty()) {
            return new Malformed("no From field (RFC 5322 section 3.6: exactly one is required; RFC 9989 section 4.2)");
        }
        if (from.size() > 1) {
            return new Malformed(from.size() + " From fields (RFC 5322 section 3.6: exactly one; RFC 9989 section 11.5)");
        }
        List<Address> addresses;
        switch (AddressParser.parseList(from.getFirst().body())) {
            case ParseResult.Ok<List<Address>> ok -> addresses = ok.value();
            case ParseResult.Failed<List<Address>> failed -> {
                return new Malformed("From field does not parse: " + failed.reason() + " (RFC 9989 section 4.2)");
            }
        }
        Set<String> domains = new LinkedHashSet<>();
        for (Address address : addresses) {
            if (!(address instanceof Mailbox mailbox)) {
                return new Malformed("a group in From (RFC 5322 section 3.6.2 allows only mailboxes; RFC 9989 section 4.2)");
            }
            String domain = normalise(mailbox.domain());
            if (domain == null) {
                return new Malformed("From domain is not a domain name: " + mailbox.domain() + " (RFC 9989 section 5.3.1)");
            }
            domains.add(domain);
        }
        if (domains.isEmpty()) {
            return new Malformed("From field holds no mailbox (RFC 5322 section 3.6.2; RFC 9989 section 5.3.1)");
        }
        if (domains.size() > MAX_DOMAINS) {
            return new Malformed("From names " + domains.size() + " domains, more than " + MAX_DOMAINS
                    + " (RFC 9989 section 11.5)");
        }
        return new Found(new ArrayList<>(domains));
    }

    /**
     * Lower case, without the trailing dot of an absolute name, U-labels as A-labels (RFC 9989 §5.3.1); null
     * when the text is not a domain name (a domain literal such as {@code [192.0.2.1]}, an empty label...).
     */
    static String normalise(String domain) {
        String d = domain.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            DomainName name = DomainName.of(d);
            return name.isRoot() || d.isEmpty() || d.startsWith("[") ? null : d;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
