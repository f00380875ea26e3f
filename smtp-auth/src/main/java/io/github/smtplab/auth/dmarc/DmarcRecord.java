package io.github.smtplab.auth.dmarc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A DMARC Policy Record (RFC 9989 §4.7, §4.8), the tags this version defines. Unknown tags, and the tags
 * RFC 9989 removed ({@code pct}, {@code rf}, {@code ri}), are ignored (§4.7: "unknown tags MUST be ignored").
 *
 * @param policy        {@code p}, empty when absent or invalid
 * @param subdomainPolicy {@code sp}, empty when absent or invalid
 * @param nonexistentPolicy {@code np}, empty when absent or invalid
 * @param policyTagsValid false if {@code p} is missing or invalid or {@code sp}/{@code np} is present but invalid (§4.10.1)
 * @param strictDkim    {@code adkim=s}
 * @param strictSpf     {@code aspf=s}
 * @param psd           {@code psd}: {@code 'y'}, {@code 'n'} or {@code 'u'} (the default)
 * @param testing       {@code t=y}
 * @param rua           the aggregate report URIs that look valid (scheme ":" ...)
 */
public record DmarcRecord(Optional<DmarcPolicy> policy, Optional<DmarcPolicy> subdomainPolicy,
                          Optional<DmarcPolicy> nonexistentPolicy, boolean policyTagsValid, boolean strictDkim,
                          boolean strictSpf, char psd, boolean testing, List<String> rua) {

    /** The version tag value, case-sensitive (§4.7 tag {@code v}). */
    public static final String VERSION = "DMARC1";

    /** Copies the list and checks {@code psd}. */
    public DmarcRecord {
        rua = List.copyOf(rua);
        if (psd != 'y' && psd != 'n' && psd != 'u') {
            throw new IllegalArgumentException("psd is y, n or u (§4.7)");
        }
    }

    /**
     * Parses the text of a TXT record. Empty when it is not a DMARC Policy Record: {@code v=DMARC1} is not
     * the first tag (§4.7 tag {@code v}), or the tag-list is malformed (RFC 6376 §3.2: a tag twice, no "=").
     */
    public static Optional<DmarcRecord> parse(String text) {
        String[] specs = text.split(";", -1);
        Set<String> seen = new HashSet<>();
        Optional<DmarcPolicy> p = Optional.empty();
        Optional<DmarcPolicy> sp = Optional.empty();
        Optional<DmarcPolicy> np = Optional.empty();
        boolean valid = true;
        boolean adkim = false;
        boolean aspf = false;
        char psd = 'u';
        boolean testing = false;
        List<String> rua = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i].strip();
            if (spec.isEmpty()) {
                if (i == specs.length - 1 && i > 0) {
                    continue; // a final ";" (RFC 6376 §3.2)
                }
                return Optional.empty();
            }
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String tag = spec.substring(0, eq).strip();
            String value = spec.substring(eq + 1).strip();
            if (!seen.add(tag)) {
                return Optional.empty();
            }
            if (i == 0) {
                if (!tag.equals("v") || !value.equals(VERSION)) {
                    return Optional.empty();
                }
                continue;
            }
            switch (tag.toLowerCase(Locale.ROOT)) {
                case "p" -> {
                    p = DmarcPolicy.fromKeyword(value);
                    valid &= p.isPresent();
                }
                case "sp" -> {
                    sp = DmarcPolicy.fromKeyword(value);
                    valid &= sp.isPresent();
                }
                case "np" -> {
                    np = DmarcPolicy.fromKeyword(value);
                    valid &= np.isPresent();
                }
                case "adkim" -> adkim = value.equalsIgnoreCase("s");
                case "aspf" -> aspf = value.equalsIgnoreCase("s");
                case "psd" -> psd = value.equalsIgnoreCase("y") ? 'y' : value.equalsIgnoreCase("n") ? 'n' : 'u';
                case "t" -> testing = value.equalsIgnoreCase("y");
                case "rua" -> {
                    for (String uri : value.split(",")) {
                        if (uri.strip().matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+")) {
                            rua.add(uri.strip());
                        }
                    }
                }
                default -> { /* unknown or removed tag (pct, rf, ri): ignored (§4.7) */ }
            }
        }
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DmarcRecord(p, sp, np, valid && p.isPresent(), adkim, aspf, psd, testing, rua));
    }
}
