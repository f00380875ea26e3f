package io.github.smtplab.auth.dkim;

import io.github.smtplab.mime.HeaderField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification of one message's DKIM signatures while its body streams by (RFC 6376 §6.1): made by
 * {@link DkimVerifier#begin} once the header is known, it hashes the body as it arrives with one
 * {@link BodyHasher} per distinct body canonicalization and {@code l=} among the signatures, then
 * {@link #finish()} fetches the keys and checks each signature. Not thread-safe: one message, one thread.
 */
public final class DkimVerification {

    private final DkimVerifier verifier;
    private final List<HeaderField> fields;
    private final List<HeaderField> signatures = new ArrayList<>();
    private final Map<String, BodyHasher> hashers = new LinkedHashMap<>();
    private boolean finished;

    DkimVerification(DkimVerifier verifier, List<HeaderField> fields) {
        this.verifier = verifier;
        this.fields = List.copyOf(fields);
        for (HeaderField field : this.fields) {
            if (field.is(DkimSignature.FIELD_NAME) && signatures.size() < DkimVerifier.MAX_SIGNATURES) {
                signatures.add(field);
                if (DkimSignature.parse(field.body()) instanceof SignatureParseResult.Parsed p) {
                    DkimSignature sig = p.signature();
                    hashers.computeIfAbsent(DkimVerifier.bodyHashKey(sig),
                            k -> new BodyHasher(sig.bodyCanonicalization(), sig.bodyLength()));
                }
            }
        }
    }

    /** True when the header holds no DKIM-Signature: the body need not be fed at all. */
    public boolean unsigned() {
        return signatures.isEmpty();
    }

    /** Feeds body octets {@code data[offset, offset + length)}, in the order they arrive. */
    public void updateBody(byte[] data, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        for (BodyHasher hasher : hashers.values()) {
            hasher.update(data, offset, length);
        }
    }

    /**
     * The body is complete: checks each signature, top to bottom (at most {@link DkimVerifier#MAX_SIGNATURES}).
     * An empty list means the message is unsigned (RFC 8601 {@code dkim=none}). Never throws on any message or
     * DNS answer.
     */
    public List<DkimResult> finish() {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        finished = true;
        Map<String, byte[]> bodyHashes = new HashMap<>();
        hashers.forEach((key, hasher) -> bodyHashes.put(key, hasher.digest()));
        List<DkimResult> results = new ArrayList<>();
        for (HeaderField field : signatures) {
            results.add(verifier.verifyOne(field, fields, bodyHashes));
        }
        return results;
    }
}
