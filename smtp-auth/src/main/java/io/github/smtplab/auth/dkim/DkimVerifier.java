package io.github.smtplab.auth.dkim;

import io.github.smtplab.auth.dkim.internal.KeyCodec;
import io.github.smtplab.auth.dkim.internal.SignedData;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.RecordType;
import io.github.smtplab.mime.HeaderBlock;
import io.github.smtplab.mime.HeaderField;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 §6): parse the tags (§6.1.1), fetch the key at
 * {@code <s>._domainkey.<d>} through a {@link DnsResolver} (§6.1.2), hash the body and compare with
 * {@code bh=}, then check {@code b=} over the signed header fields (§6.1.3).
 *
 * <p>The message must use CRLF line ends, as on the wire (see {@link LineEndings#toCrlf}).
 */
public final class DkimVerifier {

    /** RFC 6376 §6.1: "Verifiers MAY limit the number of signatures they attempt to verify"; here, this many. */
    public static final int MAX_SIGNATURES = 16;

    /** RFC 8301 §3.2: "Verifiers MUST NOT consider signatures using RSA keys of less than 1024 bits as valid". */
    public static final int MIN_RSA_BITS = 1024;

    /** RFC 6376 §3.3.3: verifiers need not accept keys longer than 4096 bits; larger ones cost too much to check. */
    public static final int MAX_RSA_BITS = 8192;

    /** RFC 6376 §3.6.2.2: the key record is TXT at this subdomain of the signing domain. */
    public static final String KEY_SUBDOMAIN = "_domainkey";

    private final DnsResolver resolver;
    private final Clock clock;

    /** A verifier that asks {@code resolver} for keys and the system clock for the time. */
    public DkimVerifier(DnsResolver resolver) {
        this(resolver, Clock.systemUTC());
    }

    /** A verifier with a given clock (to check {@code x=} against a fixed time in tests). */
    public DkimVerifier(DnsResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies each DKIM-Signature field, top to bottom, the first {@link #MAX_SIGNATURES}. An empty list means
     * the message is unsigned (RFC 8601 {@code dkim=none}). Never throws on any message or DNS answer.
     */
    public List<DkimResult> verify(byte[] message) {
        HeaderBlock block = HeaderBlock.read(message);
        DkimVerification verification = begin(block.headers().fields());
        verification.updateBody(message, block.bodyStart(), message.length - block.bodyStart());
        return verification.finish();
    }

    /**
     * Starts verifying a message whose header is known and whose body is still to come: feed the body with
     * {@link DkimVerification#updateBody} as it arrives (each body hash is computed on the fly, RFC 6376 §3.7),
     * then call {@link DkimVerification#finish()}. Memory stays constant whatever the body's size.
     *
     * @param fields the message's header fields, top to bottom
     */
    public DkimVerification begin(List<HeaderField> fields) {
        return new DkimVerification(this, fields);
    }

    /** Which body hash a signature needs: the same canonicalization and {@code l=} share one (§3.7). */
    static String bodyHashKey(DkimSignature sig) {
        return sig.bodyCanonicalization() + "/" + sig.bodyLength();
    }

    /** Verifies one signature whose body hash was computed already ({@code bodyHashes} by {@link #bodyHashKey}). */
    DkimResult verifyOne(HeaderField field, List<HeaderField> fields, Map<String, byte[]> bodyHashes) {
        DkimSignature sig;
        switch (DkimSignature.parse(field.body())) {
            case SignatureParseResult.Invalid i -> {
                return new DkimResult.PermError(i.domain().orElse(""), i.selector().orElse(""),
                        i.algorithm().orElse(""), i.reason());
            }
            case SignatureParseResult.Parsed p -> sig = p.signature();
        }
        String d = sig.domain();
        String s = sig.selector();
        String a = sig.algorithm().tagValue();
        if (sig.expiration().isPresent() && sig.expiration().getAsLong() < clock.instant().getEpochSecond()) {
            return new DkimResult.PermError(d, s, a, "signature expired (RFC 6376 §3.5 x=)");
        }
        // §6.1.2: the key
        KeyRecord key;
        switch (fetchKey(sig)) {
            case KeyOutcome.Found f -> key = f.record();
            case KeyOutcome.Temporary t -> {
                return new DkimResult.TempError(d, s, a, t.reason());
            }
            case KeyOutcome.Permanent p -> {
                return new DkimResult.PermError(d, s, a, p.reason());
            }
        }
        Optional<String> keyProblem = checkKey(sig, key);
        if (keyProblem.isPresent()) {
            return new DkimResult.PermError(d, s, a, keyProblem.get());
        }
        Optional<PublicKey> publicKey = sig.algorithm() == DkimAlgorithm.RSA_SHA256
                ? KeyCodec.rsaPublicKey(key.publicKey()).map(k -> (PublicKey) k)
                : KeyCodec.ed25519PublicKey(key.publicKey());
        if (publicKey.isEmpty()) {
            return new DkimResult.PermError(d, s, a, "RFC 6376 §6.1.2: the public key in p= cannot be read");
        }
        if (publicKey.get() instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return new DkimResult.PermError(d, s, a, "RFC 8301 §3.2: RSA key of " + bits + " bits, under 1024");
            }
            if (bits > MAX_RSA_BITS) {
                return new DkimResult.PermError(d, s, a, "RSA key of " + bits + " bits, over " + MAX_RSA_BITS);
            }
        }
        // §6.1.3: the body hash
        byte[] bh = bodyHashes.get(bodyHashKey(sig));
        if (bh == null || !MessageDigest.isEqual(bh, sig.bodyHash())) {
            return failure(key, d, s, a, "body hash did not verify");
        }
        // §6.1.3: the signature over the header
        byte[] data = SignedData.headerData(fields, sig.signedHeaders(), sig.headerCanonicalization(),
                SignedData.withoutSignatureValue(field.raw()));
        boolean valid;
        try {
            valid = verifySignature(sig.algorithm(), publicKey.get(), data, sig.signature());
        } catch (GeneralSecurityException | RuntimeException e) { // e.g. a b= of the wrong length for the key
            valid = false;
        }
        if (!valid) {
            return failure(key, d, s, a, "signature did not verify");
        }
        return new DkimResult.Pass(d, s, a, "");
    }

    /** A failed check: fail, or neutral when the key says the domain is testing (§3.6.1 t=y). */
    private static DkimResult failure(KeyRecord key, String d, String s, String a, String reason) {
        return key.testing() ? new DkimResult.Neutral(d, s, a, reason + " (key in testing mode, t=y)")
                : new DkimResult.Fail(d, s, a, reason);
    }

    /**
     * Checks {@code b=}. RSA: RSASSA-PKCS1-v1_5 with SHA-256 over the data (RFC 6376 §3.3.2). Ed25519: PureEdDSA
     * over the SHA-256 digest of the data (RFC 8463 §3), so the data is hashed first.
     */
    static boolean verifySignature(DkimAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier;
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(data);
        } else {
            verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(MessageDigest.getInstance("SHA-256").digest(data));
        }
        return verifier.verify(signature);
    }

    /** Checks the key record against the signature (RFC 6376 §3.6.1, §6.1.2 steps 6-10). */
    private static Optional<String> checkKey(DkimSignature sig, KeyRecord key) {
        if (key.isRevoked()) {
            return Optional.of("RFC 6376 §3.6.1: key revoked (empty p=)");
        }
        if (!key.keyType().equals(sig.algorithm().keyType())) {
            return Optional.of("RFC 6376 §6.1.2: key type k=" + key.keyType() + " does not match a="
                    + sig.algorithm().tagValue());
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            return Optional.of("RFC 6376 §6.1.2: the key's h= does not allow sha256");
        }
        if (key.strict() && sig.identity().isPresent()) {
            String i = sig.identity().get();
            String iDomain = i.substring(i.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!iDomain.equals(sig.domain())) {
                return Optional.of("RFC 6376 §3.6.1 t=s: i= domain must equal d=");
            }
        }
        return Optional.empty();
    }

    /** The outcome of the key lookup. */
    private sealed interface KeyOutcome {
        record Found(KeyRecord record) implements KeyOutcome {}

        record Temporary(String reason) implements KeyOutcome {}

        record Permanent(String reason) implements KeyOutcome {}
    }

    /**
     * §6.1.2: TXT at {@code <s>._domainkey.<d>}, strings concatenated (§3.6.2.2). No record: PERMFAIL; a DNS
     * failure: TEMPFAIL; several records: the first that parses is used.
     */
    private KeyOutcome fetchKey(DkimSignature sig) {
        DomainName name;
        try {
            name = DomainName.of(sig.selector() + "." + KEY_SUBDOMAIN + "." + sig.domain());
        } catch (IllegalArgumentException e) {
            return new KeyOutcome.Permanent("key name is not a valid domain name: " + e.getMessage());
        }
        LookupResult answer;
        try {
            answer = resolver.query(name, RecordType.TXT);
        } catch (RuntimeException e) {
            return new KeyOutcome.Temporary("key lookup failed: " + e.getMessage());
        }
        if (answer instanceof LookupResult.Failure f) {
            return new KeyOutcome.Temporary("key lookup failed: " + f.kind() + " " + f.detail());
        }
        if (!(answer instanceof LookupResult.Found found)) {
            return new KeyOutcome.Permanent("no key record at " + name + " (" + answer.status() + ")");
        }
        String firstProblem = "no TXT record";
        for (String text : found.texts()) {
            KeyRecordResult parsed = KeyRecord.parse(text);
            if (parsed instanceof KeyRecordResult.Parsed p) {
                return new KeyOutcome.Found(p.record());
            }
            firstProblem = ((KeyRecordResult.Invalid) parsed).reason();
        }
        return new KeyOutcome.Permanent("bad key record: " + firstProblem);
    }
}
