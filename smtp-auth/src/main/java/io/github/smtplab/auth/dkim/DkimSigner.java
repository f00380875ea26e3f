package io.github.smtplab.auth.dkim;

import io.github.smtplab.auth.dkim.internal.DomainSyntax;
import io.github.smtplab.auth.dkim.internal.SignatureFolder;
import io.github.smtplab.auth.dkim.internal.SignedData;
import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.HeaderBlock;
import io.github.smtplab.mime.HeaderField;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs messages (RFC 6376 §5) with one key for one domain and selector. Immutable: the {@code with...} methods
 * return a changed copy.
 *
 * <p>Defaults: {@code c=relaxed/relaxed}, {@code t=} now, no {@code x=}, never {@code l=} (a length limit lets
 * anyone append to the body), {@code h=} the {@link #DEFAULT_HEADERS} present in the message, each listed once
 * more than it occurs ("over-signing", §8.15), so that no instance can be added without breaking the signature.
 */
public final class DkimSigner {

    /**
     * The fields signed by default: RFC 6376 §5.4.1's list of fields to sign, those the message has.
     * From is always signed (§5.4: "The From header field MUST be signed").
     */
    public static final List<String> DEFAULT_HEADERS = List.of("From", "Reply-To", "Subject", "Date", "To", "Cc",
            "Resent-Date", "Resent-From", "Resent-To", "Resent-Cc", "In-Reply-To", "References", "Message-ID",
            "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-ID", "Content-Description",
            "List-Id", "List-Help", "List-Unsubscribe", "List-Subscribe", "List-Post", "List-Owner", "List-Archive");

    /** Fields over-signed even when absent, so none can be added later (§8.15): the ones readers see first. */
    public static final List<String> ALWAYS_SIGNED = List.of("From", "To", "Subject", "Date", "Cc", "Reply-To");

    private final SigningKey key;
    private final String domain;
    private final String selector;
    private final Optional<List<String>> headers;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final Clock clock;
    private final Optional<Duration> validity;
    private final Optional<String> identity;

    private DkimSigner(SigningKey key, String domain, String selector, Optional<List<String>> headers,
                       Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization, Clock clock,
                       Optional<Duration> validity, Optional<String> identity) {
        this.key = Objects.requireNonNull(key, "key");
        this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        this.selector = Objects.requireNonNull(selector, "selector").toLowerCase(Locale.ROOT);
        if (!DomainSyntax.isDomain(this.domain)) {
            throw new IllegalArgumentException("RFC 6376 §3.5: d= must be a domain name, not " + domain);
        }
        if (!DomainSyntax.isSelector(this.selector)) {
            throw new IllegalArgumentException("RFC 6376 §3.1: bad selector " + selector);
        }
        this.headers = headers.map(List::copyOf);
        this.headerCanonicalization = Objects.requireNonNull(headerCanonicalization);
        this.bodyCanonicalization = Objects.requireNonNull(bodyCanonicalization);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /**
     * A signer with the defaults above.
     *
     * @throws IllegalArgumentException if the domain or selector is not a domain name
     */
    public static DkimSigner of(SigningKey key, String domain, String selector) {
        return new DkimSigner(key, domain, selector, Optional.empty(), Canonicalization.RELAXED,
                Canonicalization.RELAXED, Clock.systemUTC(), Optional.empty(), Optional.empty());
    }

    /**
     * Signs these fields instead of the defaults (From is added if missing). Each is still over-signed.
     *
     * @throws IllegalArgumentException if a name is not a field name (RFC 5322 §2.2)
     */
    public DkimSigner withHeaders(List<String> names) {
        for (String n : names) {
            if (n.isEmpty() || !n.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new IllegalArgumentException("RFC 5322 §2.2: not a field name: " + n);
            }
        }
        return new DkimSigner(key, domain, selector, Optional.of(names), headerCanonicalization,
                bodyCanonicalization, clock, validity, identity);
    }

    /** Uses these canonicalizations ({@code c=}, §3.4). */
    public DkimSigner withCanonicalization(Canonicalization header, Canonicalization body) {
        return new DkimSigner(key, domain, selector, headers, header, body, clock, validity, identity);
    }

    /** Takes {@code t=} from this clock. */
    public DkimSigner withClock(Clock newClock) {
        return new DkimSigner(key, domain, selector, headers, headerCanonicalization, bodyCanonicalization,
                newClock, validity, identity);
    }

    /** Adds {@code x=} this long after {@code t=} (§3.5). */
    public DkimSigner withValidity(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("RFC 6376 §3.5: x= must be after t=");
        }
        return new DkimSigner(key, domain, selector, headers, headerCanonicalization, bodyCanonicalization, clock,
                Optional.of(duration), identity);
    }

    /**
     * Adds {@code i=} (the AUID, §3.5), e.g. {@code @mail.example.com} or {@code user@example.com}.
     *
     * @throws IllegalArgumentException if its domain is neither {@code d=} nor a subdomain of it
     */
    public DkimSigner withIdentity(String auid) {
        int at = auid.lastIndexOf('@');
        String iDomain = at < 0 ? "" : auid.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!(iDomain.equals(domain) || iDomain.endsWith("." + domain)) || auid.chars().anyMatch(c -> c <= ' ' || c == ';' || c > '~')) {
            throw new IllegalArgumentException("RFC 6376 §3.5: i= must be in d= or a subdomain of it: " + auid);
        }
        return new DkimSigner(key, domain, selector, headers, headerCanonicalization, bodyCanonicalization, clock,
                validity, Optional.of(auid));
    }

    /**
     * Signs {@code message} (CRLF line ends, see {@link LineEndings#toCrlf}) and returns the DKIM-Signature field
     * and the message with it prepended. Refuses a message without a From field (§5.4).
     */
    public SignResult sign(byte[] message) {
        HeaderBlock split = HeaderBlock.read(message);
        List<HeaderField> fields = split.headers().fields();
        if (fields.stream().noneMatch(f -> f.is("From"))) {
            return new SignResult.Refused("RFC 6376 §5.4: the message has no From field to sign");
        }
        BodyHasher bodyHasher = new BodyHasher(bodyCanonicalization);
        bodyHasher.update(message, split.bodyStart(), message.length - split.bodyStart());
        String bh = Base64Codec.encode(bodyHasher.digest());

        List<String> signed = signedHeaderList(fields);
        long now = clock.instant().getEpochSecond();
        SignatureFolder folder = new SignatureFolder(DkimSignature.FIELD_NAME);
        folder.tag("v", "1");
        folder.tag("a", key.algorithm().tagValue());
        folder.tag("c", headerCanonicalization.tagValue() + "/" + bodyCanonicalization.tagValue());
        folder.tag("d", domain);
        folder.tag("s", selector);
        identity.ifPresent(i -> folder.tag("i", i));
        folder.tag("t", Long.toString(now));
        validity.ifPresent(v -> folder.tag("x", Long.toString(now + v.toSeconds())));
        folder.headerList(signed);
        folder.tag("bh", bh);
        byte[] unsigned = folder.openSignature().getBytes(StandardCharsets.US_ASCII);
        byte[] data = SignedData.headerData(fields, signed, headerCanonicalization, unsigned);
        byte[] signature;
        try {
            signature = signData(data);
        } catch (GeneralSecurityException e) {
            return new SignResult.Refused("the key cannot sign: " + e.getMessage());
        }
        byte[] field = folder.closeSignature(Base64Codec.encode(signature)).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[field.length + message.length];
        System.arraycopy(field, 0, out, 0, field.length);
        System.arraycopy(message, 0, out, field.length, message.length);
        return new SignResult.Signed(field, out);
    }

    /**
     * The h= list: each chosen name once per instance in the message plus once more (over-signing, §8.15);
     * a chosen name the message lacks is listed once only if it is one of {@link #ALWAYS_SIGNED} or was asked
     * for explicitly. Names keep the case of the request.
     */
    private List<String> signedHeaderList(List<HeaderField> fields) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (HeaderField f : fields) {
            counts.merge(f.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        List<String> wanted = new ArrayList<>(headers.orElse(DEFAULT_HEADERS));
        if (wanted.stream().noneMatch(n -> n.equalsIgnoreCase("From"))) {
            wanted.add(0, "From");
        }
        List<String> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : wanted) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("dkim-signature") || !seen.add(lower)) {
                continue; // §3.5: the signature does not sign itself; each name is handled once
            }
            int present = counts.getOrDefault(lower, 0);
            boolean listAbsent = headers.isPresent() || ALWAYS_SIGNED.stream().anyMatch(a -> a.equalsIgnoreCase(name));
            if (present == 0 && !listAbsent) {
                continue;
            }
            for (int i = 0; i <= present; i++) {
                out.add(name);
            }
        }
        return out;
    }

    /** RSA: SHA256withRSA over the data (§3.3.2). Ed25519: Ed25519 over SHA-256 of the data (RFC 8463 §3). */
    private byte[] signData(byte[] data) throws GeneralSecurityException {
        Signature signer;
        if (key.algorithm() == DkimAlgorithm.RSA_SHA256) {
            signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.privateKey());
            signer.update(data);
        } else {
            signer = Signature.getInstance("Ed25519");
            signer.initSign(key.privateKey());
            signer.update(MessageDigest.getInstance("SHA-256").digest(data));
        }
        return signer.sign();
    }
}
