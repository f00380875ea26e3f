package io.github.smtplab.auth.dkim;

import java.util.Objects;

/** The outcome of {@link DkimSigner#sign}. */
public sealed interface SignResult {

    /**
     * The message was signed.
     *
     * @param field   the DKIM-Signature field's octets, folded, ending in CRLF
     * @param message the signed message: the field prepended to the original octets (RFC 6376 §5.6)
     */
    record Signed(byte[] field, byte[] message) implements SignResult {
        /** Copies the arrays. */
        public Signed {
            field = field.clone();
            message = message.clone();
        }

        /** A copy of the field octets. */
        @Override
        public byte[] field() {
            return field.clone();
        }

        /** A copy of the signed message. */
        @Override
        public byte[] message() {
            return message.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signed s && java.util.Arrays.equals(message, s.message);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(message);
        }

        @Override
        public String toString() {
            return "Signed[" + field.length + " octets of field]";
        }
    }

    /** The message cannot be signed (for example, it has no From field). @param reason why */
    record Refused(String reason) implements SignResult {
        /** Requires the reason. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
