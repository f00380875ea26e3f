package io.github.smtplab.auth.sasl.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding (RFC 3629): malformed octets are an error, never replaced by U+FFFD. */
public final class Utf8 {

    private Utf8() {}

    /** The text, or empty when the octets are not well-formed UTF-8. */
    public static Optional<String> decode(byte[] octets) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
