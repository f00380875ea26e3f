package io.github.smtplab.dns;

/** What {@link MessageCodec#decode(byte[])} gives: a message, or the reason the octets are not one. */
public sealed interface DnsDecodeResult {

    /**
     * The octets form a valid message.
     *
     * @param message the decoded message
     */
    record Decoded(DnsMessage message) implements DnsDecodeResult {
        /** Rejects null. */
        public Decoded {
            if (message == null) {
                throw new IllegalArgumentException("message");
            }
        }
    }

    /**
     * The octets are not a valid message (a FORMERR, RFC 1035 §4.1.1).
     *
     * @param reason what is wrong, with the RFC rule broken
     * @param offset where in the input it was found
     */
    record Malformed(String reason, int offset) implements DnsDecodeResult {}
}
