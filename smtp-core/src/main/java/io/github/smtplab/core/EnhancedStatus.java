package io.github.smtplab.core;

import java.util.Optional;

/**
 * An enhanced mail system status code of RFC 3463 §2, {@code class "." subject "." detail}, such as
 * {@code 5.1.1}, carried after the reply code when ENHANCEDSTATUSCODES (RFC 2034) is in use.
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject     1 to 3 digits, 0..999 (RFC 3463 §2: {@code subject = 1*3digit})
 * @param detail      1 to 3 digits, 0..999 (RFC 3463 §2: {@code detail = 1*3digit})
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("RFC 3463 section 2: class must be 2, 4 or 5, not " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("RFC 3463 section 2: subject and detail have 1 to 3 digits");
        }
    }

    /** Parses {@code "5.1.1"}; empty when the text is not an enhanced status code. */
    public static Optional<EnhancedStatus> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3 || parts[0].length() != 1) {
            return Optional.empty();
        }
        int[] values = new int[3];
        for (int i = 0; i < 3; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            values[i] = Integer.parseInt(p);
        }
        if (values[0] != 2 && values[0] != 4 && values[0] != 5) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(values[0], values[1], values[2]));
    }

    /** Parses a code known to be valid, for constants: {@code EnhancedStatus.of("2.0.0")}. */
    public static EnhancedStatus of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an RFC 3463 status: " + text));
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
