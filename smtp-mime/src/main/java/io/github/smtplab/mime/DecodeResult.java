package io.github.smtplab.mime;

import java.util.Objects;

/**
 * The outcome of a strict decoder: either the decoded bytes, or why the input is not valid.
 *
 * <p>Decoders never throw on bad peer input; strict forms return a {@link Malformed} instead.
 */
public sealed interface DecodeResult {

    /**
     * The input was valid.
     *
     * @param bytes the decoded octets (the record owns this array; callers must not modify it)
     */
    record Decoded(byte[] bytes) implements DecodeResult {
        /** Checks that the bytes are present. */
        public Decoded {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The input broke a rule.
     *
     * @param reason a sentence naming the rule (with its RFC section)
     * @param offset the index of the first offending character in the input
     */
    record Malformed(String reason, int offset) implements DecodeResult {
        /** Checks that a reason is given and the offset is not negative. */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            if (offset < 0) {
                throw new IllegalArgumentException("offset < 0");
            }
        }
    }
}
