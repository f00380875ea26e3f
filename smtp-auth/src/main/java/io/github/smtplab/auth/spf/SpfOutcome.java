package io.github.smtplab.auth.spf;

import java.util.Objects;
import java.util.Optional;

/**
 * What check_host() returned (RFC 7208 §4): the result, the explanation the domain published for a
 * {@code fail} (§6.2), the mechanism that matched (§9.1 "mechanism", {@code "default"} when none did) and a
 * human-readable detail, such as what made a record a {@code permerror} (§9.1 "problem").
 *
 * @param result      one of the seven results (§2.6)
 * @param explanation the expanded {@code exp=} text, present only for {@link SpfResult#FAIL} when the domain published one
 * @param mechanism   the directive that decided the result as written in the record, or {@code "default"}
 * @param detail      a short explanation for people and logs, never empty
 */
public record SpfOutcome(SpfResult result, Optional<String> explanation, String mechanism, String detail) {

    /** Checks no part is null and the detail is not blank. */
    public SpfOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(detail, "detail");
        if (detail.isBlank()) {
            throw new IllegalArgumentException("an outcome needs a detail");
        }
    }

    /** An outcome reached without any directive matching (no record, an error, or the default {@code neutral}). */
    public static SpfOutcome of(SpfResult result, String detail) {
        return new SpfOutcome(result, Optional.empty(), "default", detail);
    }
}
