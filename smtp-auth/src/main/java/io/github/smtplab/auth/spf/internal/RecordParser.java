package io.github.smtplab.auth.spf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the text of an SPF record into directives and modifiers (RFC 7208 §4.6.1, ABNF in §12). Any syntax
 * error anywhere makes the whole record a permerror before any term is evaluated (§4.6).
 */
public final class RecordParser {

    /** The version section every SPF record starts with, compared without case (§4.5). */
    public static final String VERSION = "v=spf1";

    /** Largest IPv4 prefix length (§5.6). */
    public static final int MAX_CIDR4 = 32;
    /** Largest IPv6 prefix length (§5.6). */
    public static final int MAX_CIDR6 = 128;

    private RecordParser() {}

    /**
     * True if the TXT text is an SPF record of this version: {@code v=spf1} followed by a space or the end
     * (§4.5). Records that fail this are discarded, not errors.
     */
    public static boolean isSpfRecord(String text) {
        return text.length() >= VERSION.length()
                && text.regionMatches(true, 0, VERSION, 0, VERSION.length())
                && (text.length() == VERSION.length() || text.charAt(VERSION.length()) == ' ');
    }

    /** Parses a record already selected by {@link #isSpfRecord}. */
    public static RecordParse parse(String text) {
        List<Directive> directives = new ArrayList<>();
        Optional<String> redirect = Optional.empty();
        Optional<String> explanation = Optional.empty();
        // terms = *( 1*SP ( directive / modifier ) ), record ends with *SP: only SP separates terms.
        for (String term : text.substring(VERSION.length()).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < term.length() && isNameChar(term.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd > 0 && nameEnd < term.length() && term.charAt(nameEnd) == '=' && Character.isLetter(term.charAt(0))) {
                // modifier = name "=" macro-string (§4.6.1, §6)
                String name = term.substring(0, nameEnd).toLowerCase(Locale.ROOT);
                String value = term.substring(nameEnd + 1);
                switch (name) {
                    case "redirect", "exp" -> {
                        String problem = checkDomainSpec(value);
                        if (problem != null) {
                            return new RecordParse.Invalid(name + "=: " + problem);
                        }
                        if (name.equals("redirect")) {
                            if (redirect.isPresent()) {
                                return new RecordParse.Invalid("redirect= appears twice (§6)");
                            }
                            redirect = Optional.of(value);
                        } else {
                            if (explanation.isPresent()) {
                                return new RecordParse.Invalid("exp= appears twice (§6)");
                            }
                            explanation = Optional.of(value);
                        }
                    }
                    default -> {
                        String problem = Macros.check(value, false);
                        if (problem != null) {
                            return new RecordParse.Invalid("modifier " + name + ": " + problem);
                        }
                    }
                }
                continue;
            }
            Object directive = parseDirective(term);
            if (directive instanceof String problem) {
                return new RecordParse.Invalid(problem);
            }
            directives.add((Directive) directive);
        }
        return new RecordParse.Parsed(new SpfRecord(directives, redirect, explanation));
    }

    private static boolean isNameChar(char c) {
        // name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
    }

    /** A {@link Directive}, or a String saying what is wrong. */
    private static Object parseDirective(String term) {
        Qualifier qualifier = Qualifier.of(term.charAt(0));
        String body = qualifier == null ? term : term.substring(1);
        if (qualifier == null) {
            qualifier = Qualifier.PASS;
        }
        int end = 0;
        while (end < body.length() && body.charAt(end) < 0x80 && Character.isLetterOrDigit(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = body.substring(end);
        Object mechanism = switch (name) {
            case "all" -> rest.isEmpty() ? new Mechanism.All() : "all takes no argument (§5.1): " + term;
            case "include" -> requiredDomain(rest, term, Mechanism.Include::new);
            case "exists" -> requiredDomain(rest, term, Mechanism.Exists::new);
            case "a", "mx" -> parseAddressMechanism(name, rest, term);
            case "ptr" -> rest.isEmpty()
                    ? new Mechanism.Ptr(Optional.empty())
                    : requiredDomain(rest, term, spec -> new Mechanism.Ptr(Optional.of(spec)));
            case "ip4" -> parseIp(rest, term, false);
            case "ip6" -> parseIp(rest, term, true);
            default -> "unknown mechanism (§5): " + term;
        };
        if (mechanism instanceof String problem) {
            return problem;
        }
        return new Directive(qualifier, (Mechanism) mechanism, term);
    }

    /** {@code ":" domain-spec}, required. */
    private static Object requiredDomain(String rest, String term, java.util.function.Function<String, Object> make) {
        if (!rest.startsWith(":")) {
            return "expected \":domain\" (§5): " + term;
        }
        String problem = checkDomainSpec(rest.substring(1));
        return problem == null ? make.apply(rest.substring(1)) : problem + " in " + term;
    }

    /** {@code a} and {@code mx}: {@code [":" domain-spec] [dual-cidr-length]} (§5.3, §5.4). */
    private static Object parseAddressMechanism(String name, String rest, String term) {
        Optional<String> domain = Optional.empty();
        // A domain-spec may itself hold "/" (a macro-literal) but its domain-end (a toplabel or a macro) does
        // not: the dual-cidr-length starts at the first "/" after the last "." or "}".
        int end = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('}'));
        int slash = rest.indexOf('/', Math.max(end, 0));
        String domainPart = slash < 0 ? rest : rest.substring(0, slash);
        String cidrPart = slash < 0 ? "" : rest.substring(slash);
        if (!domainPart.isEmpty()) {
            if (!domainPart.startsWith(":")) {
                return "unknown mechanism (§5): " + term;
            }
            String problem = checkDomainSpec(domainPart.substring(1));
            if (problem != null) {
                return problem + " in " + term;
            }
            domain = Optional.of(domainPart.substring(1));
        }
        // dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
        int cidr4 = MAX_CIDR4;
        int cidr6 = MAX_CIDR6;
        String six = null;
        if (cidrPart.startsWith("//")) {
            six = cidrPart.substring(2);
        } else if (!cidrPart.isEmpty()) {
            String four = cidrPart.substring(1);
            int next = four.indexOf("//");
            if (next >= 0) {
                six = four.substring(next + 2);
                four = four.substring(0, next);
            }
            cidr4 = cidr(four, MAX_CIDR4);
            if (cidr4 < 0) {
                return "bad IPv4 prefix length (§5.6): " + term;
            }
        }
        if (six != null) {
            cidr6 = cidr(six, MAX_CIDR6);
            if (cidr6 < 0) {
                return "bad IPv6 prefix length (§5.6): " + term;
            }
        }
        return name.equals("a") ? new Mechanism.A(domain, cidr4, cidr6) : new Mechanism.Mx(domain, cidr4, cidr6);
    }

    /** {@code ip4:} and {@code ip6:} with an optional prefix length (§5.6). */
    private static Object parseIp(String rest, String term, boolean six) {
        if (!rest.startsWith(":")) {
            return "expected \":address\" (§5.6): " + term;
        }
        String value = rest.substring(1);
        int slash = value.indexOf('/');
        int max = six ? MAX_CIDR6 : MAX_CIDR4;
        int cidr = max;
        if (slash >= 0) {
            cidr = cidr(value.substring(slash + 1), max);
            if (cidr < 0) {
                return "bad prefix length (§5.6): " + term;
            }
            value = value.substring(0, slash);
        }
        byte[] network = six ? IpText.parseIp6(value) : IpText.parseIp4(value);
        if (network == null) {
            return "bad address (§5.6): " + term;
        }
        return six ? new Mechanism.Ip6(network, cidr) : new Mechanism.Ip4(network, cidr);
    }

    /** A prefix length: "0" or a number without leading zero, at most {@code max} (§12); -1 if invalid. */
    private static int cidr(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int v = Integer.parseInt(text);
        return v <= max ? v : -1;
    }

    /**
     * Checks {@code domain-spec = macro-string domain-end}, with
     * {@code domain-end = ( "." toplabel [ "." ] ) / macro-expand} (§7.1, §12). Returns null when valid.
     */
    public static String checkDomainSpec(String spec) {
        if (spec.isEmpty()) {
            return "empty domain-spec (§7.1)";
        }
        String problem = Macros.check(spec, false);
        if (problem != null) {
            return problem;
        }
        if (endsWithMacroExpand(spec)) {
            return null;
        }
        String body = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = body.lastIndexOf('.');
        if (dot < 0) {
            return "a domain-spec ends with \".\" toplabel (§7.1): " + spec;
        }
        return isTopLabel(body.substring(dot + 1)) ? null : "bad top label in domain-spec (§7.1): " + spec;
    }

    /** True if the text ends with a complete macro-expand ({@code %{...}}, {@code %%}, {@code %_}, {@code %-}). */
    private static boolean endsWithMacroExpand(String spec) {
        if (spec.endsWith("}") && spec.lastIndexOf("%{") >= 0) {
            return true;
        }
        // Count the run of % before the last character: an odd run means the last two characters form %%, %_ or %-.
        if (spec.length() >= 2 && "%_-".indexOf(spec.charAt(spec.length() - 1)) >= 0) {
            int percents = 0;
            for (int i = spec.length() - 2; i >= 0 && spec.charAt(i) == '%'; i--) {
                percents++;
            }
            return percents % 2 == 1;
        }
        return false;
    }

    /** {@code toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )} (§7.1). */
    static boolean isTopLabel(String label) {
        if (label.isEmpty() || !label.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))) {
            return false;
        }
        if (label.indexOf('-') < 0) {
            return label.chars().anyMatch(Character::isLetter);
        }
        return label.charAt(0) != '-' && label.charAt(label.length() - 1) != '-';
    }
}
