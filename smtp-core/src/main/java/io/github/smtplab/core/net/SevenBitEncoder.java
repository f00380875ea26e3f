package io.github.smtplab.core.net;

/**
 * Re-encodes a message with 8-bit content as 7-bit MIME, for a server that does not offer 8BITMIME: RFC
 * 6152 §3 forbids sending it 8-bit data. smtp-mime's {@code EightBitDowngrade::toSevenBit} is one; give it to
 * {@link SmtpClient.Options#withSevenBitEncoder}, and the client decides, per server, whether to use it.
 */
@FunctionalInterface
public interface SevenBitEncoder {

    /** The message with its 8-bit body parts re-encoded (quoted-printable or base64); never null. */
    byte[] toSevenBit(byte[] message);
}
