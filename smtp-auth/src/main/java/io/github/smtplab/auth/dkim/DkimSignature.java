package io.github.smtplab.auth.dkim;

import io.github.smtplab.auth.dkim.internal.Base64Values;
import io.github.smtplab.auth.dkim.internal.DomainSyntax;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tags of one DKIM-Signature field (RFC 6376 §3.5), checked.
 *
 * @param algorithm         {@code a=}: the signing algorithm
 * @param domain            {@code d=}: the signing domain (SDID), lowercased
 * @param selector          {@code s=}: the selector, lowercased
 * @param headerCanonicalization {@code c=}, first half (default simple)
 * @param bodyCanonicalization   {@code c=}, second half (default simple)
 * @param signedHeaders     {@code h=}: the field names signed, in order, as written
 * @param bodyHash          {@code bh=}: the hash of the canonical body
 * @param signature         {@code b=}: the signature
 * @param identity          {@code i=}: the AUID, if given
 * @param bodyLength        {@code l=}: how many canonical body octets are signed, if limited
 * @param timestamp         {@code t=}: when it was signed, seconds since the epoch
 * @param expiration        {@code x=}: when it expires, seconds since the epoch
 * @param tags              every tag as written, unknown ones included
 */
public record DkimSignature(DkimAlgorithm algorithm, String domain, String selector,
                            Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization,
                            List<String> signedHeaders, byte[] bodyHash, byte[] signature,
                            Optional<String> identity, OptionalLong bodyLength, OptionalLong timestamp,
                            OptionalLong expiration, TagList tags) {

    /** The field name, RFC 6376 §3.5. */
    public static final String FIELD_NAME = "DKIM-Signature";

    /** §3.5: "t= ... implementations MAY support up to 12 digits" — and so for x=. */
    public static final int MAX_TIME_DIGITS = 12;

    /** §3.5 l=: "at most 76 decimal digits"; anything past a long is beyond any real body. */
    public static final int MAX_LENGTH_DIGITS = 76;

    /** At most this many names in {@code h=}: bounds the header hash work on hostile input. */
    public static final int MAX_SIGNED_HEADERS = 256;

    /** Copies the arrays and lists; requires the mandatory parts. */
    public DkimSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(headerCanonicalization, "headerCanonicalization");
        Objects.requireNonNull(bodyCanonicalization, "bodyCanonicalization");
        signedHeaders = List.copyOf(signedHeaders);
        bodyHash = bodyHash.clone();
        signature = signature.clone();
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bodyLength, "bodyLength");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(expiration, "expiration");
        Objects.requireNonNull(tags, "tags");
        if (signedHeaders.stream().noneMatch(h -> h.equalsIgnoreCase("From"))) {
            throw new IllegalArgumentException("RFC 6376 §5.4: h= must include From");
        }
    }

    /** A copy of {@code bh=}. */
    @Override
    public byte[] bodyHash() {
        return bodyHash.clone();
    }

    /** A copy of {@code b=}. */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Parses and checks a DKIM-Signature field body (RFC 6376 §3.5, §6.1.1). Never throws: anything wrong
     * gives {@link SignatureParseResult.Invalid} with the reason, which a verifier reports as permerror.
     */
    public static SignatureParseResult parse(String fieldBody) {
        TagList tags;
        switch (TagList.parse(fieldBody)) {
            case TagListResult.Malformed m -> {
                return new SignatureParseResult.Invalid(m.reason(), Optional.empty(), Optional.empty(), Optional.empty());
            }
            case TagListResult.Parsed p -> tags = p.tags();
        }
        Optional<String> d = tags.get("d").map(v -> v.toLowerCase(Locale.ROOT));
        Optional<String> s = tags.get("s").map(v -> v.toLowerCase(Locale.ROOT));
        Optional<String> a = tags.get("a");
        Invalid invalid = reason -> new SignatureParseResult.Invalid(reason, d, s, a);
        // §6.1.1: "all tags listed as required in Section 3.5" — v, a, b, bh, d, h, s
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (tags.get(required).isEmpty()) {
                return invalid.of("RFC 6376 §6.1.1: required tag " + required + "= missing");
            }
        }
        if (!tags.get("v").orElseThrow().equals("1")) {
            return invalid.of("RFC 6376 §3.5: incompatible version v=" + tags.get("v").orElseThrow());
        }
        String aValue = a.orElseThrow();
        if (aValue.equalsIgnoreCase("rsa-sha1")) {
            return invalid.of("RFC 8301 §3.1: rsa-sha1 is no longer accepted");
        }
        Optional<DkimAlgorithm> algorithm = DkimAlgorithm.fromTag(aValue);
        if (algorithm.isEmpty()) {
            return invalid.of("RFC 6376 §3.5: unsupported algorithm a=" + aValue);
        }
        if (!DomainSyntax.isDomain(d.orElseThrow())) {
            return invalid.of("RFC 6376 §3.5: d= is not a domain name");
        }
        if (!DomainSyntax.isSelector(s.orElseThrow())) {
            return invalid.of("RFC 6376 §3.1: s= is not a selector");
        }
        Canonicalization headerCanon = Canonicalization.SIMPLE;
        Canonicalization bodyCanon = Canonicalization.SIMPLE;
        if (tags.get("c").isPresent()) {
            String c = tags.get("c").orElseThrow();
            int slash = c.indexOf('/');
            Optional<Canonicalization> h = Canonicalization.fromTag(slash < 0 ? c : c.substring(0, slash));
            Optional<Canonicalization> b = slash < 0 ? Optional.of(Canonicalization.SIMPLE)
                    : Canonicalization.fromTag(c.substring(slash + 1));
            if (h.isEmpty() || b.isEmpty()) {
                return invalid.of("RFC 6376 §3.5: unknown canonicalization c=" + c);
            }
            headerCanon = h.get();
            bodyCanon = b.get();
        }
        if (tags.get("q").isPresent()
                && Arrays.stream(tags.get("q").orElseThrow().split(":")).map(String::strip)
                        .noneMatch(q -> q.equalsIgnoreCase("dns/txt"))) {
            return invalid.of("RFC 6376 §3.5: no supported query method in q=");
        }
        String[] names = tags.get("h").orElseThrow().split(":", -1);
        if (names.length > MAX_SIGNED_HEADERS) {
            return invalid.of("more than " + MAX_SIGNED_HEADERS + " names in h=");
        }
        List<String> signedHeaders = Arrays.stream(names).map(String::strip).toList();
        if (signedHeaders.stream().anyMatch(String::isEmpty)) {
            return invalid.of("RFC 6376 §3.5: empty field name in h=");
        }
        if (signedHeaders.stream().noneMatch(n -> n.equalsIgnoreCase("From"))) {
            return invalid.of("RFC 6376 §5.4: From is not signed");
        }
        Optional<byte[]> bh = Base64Values.decode(tags.get("bh").orElseThrow());
        Optional<byte[]> b = Base64Values.decode(tags.get("b").orElseThrow());
        if (bh.isEmpty() || bh.get().length == 0) {
            return invalid.of("RFC 6376 §3.5: bh= is not base64");
        }
        if (b.isEmpty() || b.get().length == 0) {
            return invalid.of("RFC 6376 §3.5: b= is not base64");
        }
        Optional<String> identity = tags.get("i");
        if (identity.isPresent()) {
            String i = identity.get();
            int at = i.lastIndexOf('@');
            String iDomain = (at < 0 ? i : i.substring(at + 1)).toLowerCase(Locale.ROOT);
            if (at < 0 || !(iDomain.equals(d.get()) || iDomain.endsWith("." + d.get()))) {
                return invalid.of("RFC 6376 §3.5: i= domain is not d= or a subdomain of it");
            }
        }
        OptionalLong l = OptionalLong.empty();
        OptionalLong t = OptionalLong.empty();
        OptionalLong x = OptionalLong.empty();
        try {
            l = number(tags, "l", MAX_LENGTH_DIGITS);
            t = number(tags, "t", MAX_TIME_DIGITS);
            x = number(tags, "x", MAX_TIME_DIGITS);
        } catch (NumberFormatException e) {
            return invalid.of("RFC 6376 §3.5: " + e.getMessage());
        }
        if (t.isPresent() && x.isPresent() && x.getAsLong() < t.getAsLong()) {
            return invalid.of("RFC 6376 §3.5: x= is before t=");
        }
        return new SignatureParseResult.Parsed(new DkimSignature(algorithm.get(), d.get(), s.get(), headerCanon,
                bodyCanon, signedHeaders, bh.get(), b.get(), identity, l, t, x, tags));
    }

    /** A decimal tag of at most {@code maxDigits} digits; huge l= values saturate at Long.MAX_VALUE. */
    private static OptionalLong number(TagList tags, String name, int maxDigits) {
        Optional<String> v = tags.get(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = v.get();
        if (text.isEmpty() || text.length() > maxDigits || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(name + "= is not a number of at most " + maxDigits + " digits");
        }
        return OptionalLong.of(text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text));
    }

    @FunctionalInterface
    private interface Invalid {
        SignatureParseResult.Invalid of(String reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimSignature other && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }
}
