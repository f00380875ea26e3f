package io.github.smtplab.auth.dkim.internal;

import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.DecodeResult;
import java.util.Optional;

/** Base64 tag values (RFC 6376 §3.5 b=, bh=; §3.6.1 p=), which may contain folding white space. */
public final class Base64Values {

    private Base64Values() {}

    /** Decodes {@code value} after removing white space (FWS is allowed inside, §3.5); empty if not base64. */
    public static Optional<byte[]> decode(String value) {
        StringBuilder compact = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                compact.append(c);
            }
        }
        return switch (Base64Codec.decodeStrict(compact)) {
            case DecodeResult.Decoded d -> Optional.of(d.bytes().clone());
            case DecodeResult.Malformed m -> Optional.empty();
        };
    }
}
