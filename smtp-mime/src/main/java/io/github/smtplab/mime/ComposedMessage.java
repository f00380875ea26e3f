package io.github.smtplab.mime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message ready to send: its octets (CRLF line ends, RFC 5322 §2.1) and its SMTP envelope.
 *
 * @param bytes the message octets (owned by the record; {@link #bytes()} returns a copy)
 * @param envelope the sender and all recipients, Bcc included
 * @param eightBit whether the octets contain 8bit parts, so that SMTP must use {@code BODY=8BITMIME} (RFC 6152)
 */
public record ComposedMessage(byte[] bytes, Envelope envelope, boolean eightBit) {

    /** Checks that everything is present. */
    public ComposedMessage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** A copy of the octets. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The octets as text (UTF-8; ASCII unless 8-bit parts were allowed). */
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposedMessage m && Arrays.equals(bytes, m.bytes) && envelope.equals(m.envelope)
                && eightBit == m.eightBit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), envelope, eightBit);
    }

    @Override
    public String toString() {
        return "ComposedMessage[" + bytes.length + " octets, " + envelope + "]";
    }
}
