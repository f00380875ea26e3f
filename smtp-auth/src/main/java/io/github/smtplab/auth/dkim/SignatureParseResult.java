package io.github.smtplab.auth.dkim;

import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link DkimSignature#parse}: a usable signature, or why it is not one. */
public sealed interface SignatureParseResult {

    /** The field is a valid signature. @param signature its tags, checked */
    record Parsed(DkimSignature signature) implements SignatureParseResult {
        /** Requires the signature. */
        public Parsed {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /**
     * The field is not a valid signature (RFC 6376 §6.1.1: PERMFAIL). What could be read is kept so the result
     * can still name the domain.
     *
     * @param reason    what is wrong
     * @param domain    {@code d=} if present
     * @param selector  {@code s=} if present
     * @param algorithm {@code a=} if present
     */
    record Invalid(String reason, Optional<String> domain, Optional<String> selector, Optional<String> algorithm)
            implements SignatureParseResult {
        /** Requires every part. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }
}
