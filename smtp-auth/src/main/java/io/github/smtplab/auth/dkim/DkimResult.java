package io.github.smtplab.auth.dkim;

import java.util.Objects;

/**
 * The result of verifying one signature, with the keywords of RFC 8601 §2.7.1 and a reason.
 * Each result names the signature by domain ({@code d=}), selector ({@code s=}) and algorithm ({@code a=});
 * a part the signature did not carry is the empty string.
 */
public sealed interface DkimResult {

    /** {@code d=}, lowercased, or empty. */
    String domain();

    /** {@code s=}, or empty. */
    String selector();

    /** {@code a=} as written, or empty. */
    String algorithm();

    /** Why this result, in words (empty for a pass). */
    String reason();

    /** The RFC 8601 §2.7.1 keyword: pass, fail, neutral, temperror or permerror. */
    default String keyword() {
        return switch (this) {
            case Pass p -> "pass";
            case Fail f -> "fail";
            case Neutral n -> "neutral";
            case TempError t -> "temperror";
            case PermError p -> "permerror";
        };
    }

    /**
     * One line in the style of an Authentication-Results resinfo (RFC 8601 §2.2, §2.7.1), e.g.
     * {@code dkim=pass header.d=example.com header.s=s1 header.a=rsa-sha256}; other results carry
     * {@code reason="..."}.
     */
    default String resultLine() {
        StringBuilder b = new StringBuilder("dkim=").append(keyword());
        if (!reason().isEmpty() && !(this instanceof Pass)) {
            b.append(" reason=\"").append(reason().replace('\\', '/').replace('"', '\'')).append('"');
        }
        if (!domain().isEmpty()) {
            b.append(" header.d=").append(domain());
        }
        if (!selector().isEmpty()) {
            b.append(" header.s=").append(selector());
        }
        if (!algorithm().isEmpty()) {
            b.append(" header.a=").append(algorithm());
        }
        return b.toString();
    }

    /**
     * A result read back from its keyword (as another verifier reported it), for a signature of {@code domain};
     * empty when the keyword is not one of the five of RFC 8601 §2.7.1.
     */
    static java.util.Optional<DkimResult> fromKeyword(String keyword, String domain) {
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        return java.util.Optional.ofNullable(switch (keyword.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "pass" -> new Pass(d, "", "", "");
            case "fail" -> new Fail(d, "", "", "reported");
            case "neutral" -> new Neutral(d, "", "", "reported");
            case "temperror" -> new TempError(d, "", "", "reported");
            case "permerror" -> new PermError(d, "", "", "reported");
            default -> null;
        });
    }

    /** Checks that no part is null. */
    private static void check(String domain, String selector, String algorithm, String reason) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(reason, "reason");
    }

    /** The signature verified (RFC 8601 §2.7.1 pass). */
    record Pass(String domain, String selector, String algorithm, String reason) implements DkimResult {
        /** Requires every part. */
        public Pass {
            check(domain, selector, algorithm, reason);
        }
    }

    /** The signature failed: body hash mismatch or bad signature (RFC 8601 §2.7.1 fail). */
    record Fail(String domain, String selector, String algorithm, String reason) implements DkimResult {
        /** Requires every part. */
        public Fail {
            check(domain, selector, algorithm, reason);
        }
    }

    /**
     * The signature did not verify but the key is in testing mode ({@code t=y}, RFC 6376 §3.6.1: not to be
     * treated differently from unsigned mail), RFC 8601 §2.7.1 neutral.
     */
    record Neutral(String domain, String selector, String algorithm, String reason) implements DkimResult {
        /** Requires every part. */
        public Neutral {
            check(domain, selector, algorithm, reason);
        }
    }

    /** The key could not be fetched for now (DNS failure), RFC 6376 §6.1.2 TEMPFAIL. */
    record TempError(String domain, String selector, String algorithm, String reason) implements DkimResult {
        /** Requires every part. */
        public TempError {
            check(domain, selector, algorithm, reason);
        }
    }

    /** The signature cannot ever verify: bad syntax, no or revoked key, expired..., RFC 6376 §6.1 PERMFAIL. */
    record PermError(String domain, String selector, String algorithm, String reason) implements DkimResult {
        /** Requires every part. */
        public PermError {
            check(domain, selector, algorithm, reason);
        }
    }
}
