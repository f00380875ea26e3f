package io.github.smtplab.auth.spf;

import java.util.Locale;
import java.util.Optional;

/**
 * The seven results of check_host() (RFC 7208 §2.6, meaning of each; §8, what a receiver does with it).
 */
public enum SpfResult {
    /** No syntactically valid DNS domain name was extracted, or no SPF record was found (§2.6.1). */
    NONE,
    /** The domain owner explicitly states no assertion about the client (§2.6.2, qualifier {@code ?}). */
    NEUTRAL,
    /** The client is authorized to inject mail with the given identity (§2.6.3, qualifier {@code +}). */
    PASS,
    /** The client is not authorized (§2.6.4, qualifier {@code -}). */
    FAIL,
    /** A weak statement that the client is probably not authorized (§2.6.5, qualifier {@code ~}). */
    SOFTFAIL,
    /** A transient error, usually DNS, while checking (§2.6.6). */
    TEMPERROR,
    /** The published records could not be correctly interpreted (§2.6.7). */
    PERMERROR;

    /** The lower-case keyword used in Received-SPF and Authentication-Results, e.g. {@code "softfail"}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result for a keyword, ignoring case; empty if it is not one of the seven. */
    public static Optional<SpfResult> fromKeyword(String keyword) {
        for (SpfResult r : values()) {
            if (r.keyword().equalsIgnoreCase(keyword)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
