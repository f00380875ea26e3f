package io.github.smtplab.auth.dkim;

import io.github.smtplab.auth.dkim.internal.Base64Values;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A DKIM key record (RFC 6376 §3.6.1), published as TXT at {@code <selector>._domainkey.<domain>}.
 *
 * @param keyType      {@code k=}: {@code rsa} (the default) or {@code ed25519} (RFC 8463 §4), lowercased
 * @param hashes       {@code h=}: acceptable hash algorithms, empty meaning all
 * @param publicKey    {@code p=}: the key octets (RSA: SubjectPublicKeyInfo or RSAPublicKey DER; Ed25519: the
 *                     32-octet key); empty means revoked
 * @param testing      {@code t=y}: the domain is testing DKIM
 * @param strict       {@code t=s}: the AUID's domain must be exactly {@code d=}, not a subdomain
 * @param tags         every tag as written
 */
public record KeyRecord(String keyType, List<String> hashes, byte[] publicKey, boolean testing, boolean strict,
                        TagList tags) {

    /** Copies the arrays and lists. */
    public KeyRecord {
        Objects.requireNonNull(keyType, "keyType");
        hashes = List.copyOf(hashes);
        publicKey = publicKey.clone();
        Objects.requireNonNull(tags, "tags");
    }

    /** A copy of the key octets. */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** §3.6.1 p=: "An empty value means that this public key has been revoked." */
    public boolean isRevoked() {
        return publicKey.length == 0;
    }

    /**
     * Parses a key record (the TXT strings concatenated, §3.6.2.2). {@code v=}, if present, must be
     * {@code DKIM1} and first; {@code p=} is required; {@code s=} must allow email. Never throws.
     */
    public static KeyRecordResult parse(String text) {
        TagList tags;
        switch (TagList.parse(text)) {
            case TagListResult.Malformed m -> {
                return new KeyRecordResult.Invalid(m.reason());
            }
            case TagListResult.Parsed p -> tags = p.tags();
        }
        if (tags.get("v").isPresent()) {
            if (!tags.get("v").orElseThrow().equals("DKIM1")) {
                return new KeyRecordResult.Invalid("RFC 6376 §3.6.1: v= must be DKIM1");
            }
            if (!tags.tags().keySet().iterator().next().equals("v")) {
                return new KeyRecordResult.Invalid("RFC 6376 §3.6.1: v= must be the first tag");
            }
        }
        if (tags.get("p").isEmpty()) {
            return new KeyRecordResult.Invalid("RFC 6376 §3.6.1: p= is required");
        }
        String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        List<String> hashes = tags.get("h").map(KeyRecord::colonList).orElse(List.of());
        if (tags.get("s").isPresent()) {
            List<String> services = colonList(tags.get("s").orElseThrow());
            if (!services.contains("*") && !services.contains("email")) {
                return new KeyRecordResult.Invalid("RFC 6376 §3.6.1: s= does not include email");
            }
        }
        List<String> flags = tags.get("t").map(KeyRecord::colonList).orElse(List.of());
        var key = Base64Values.decode(tags.get("p").orElseThrow());
        if (key.isEmpty()) {
            return new KeyRecordResult.Invalid("RFC 6376 §3.6.1: p= is not base64");
        }
        return new KeyRecordResult.Parsed(new KeyRecord(keyType, hashes, key.get(), flags.contains("y"),
                flags.contains("s"), tags));
    }

    private static List<String> colonList(String value) {
        return Arrays.stream(value.split(":")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRecord other && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }
}
