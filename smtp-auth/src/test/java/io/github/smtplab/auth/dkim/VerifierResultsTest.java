package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.Question;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each verification result of RFC 6376 §6 / RFC 8601 §2.7.1, with its reason. */
class VerifierResultsTest {

    private static final Clock T0 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final SigningKey KEY = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
    private static final String RECORD_PUBLIC = Base64Codec.encode(KEY.publicKeyData());
    private static final byte[] MESSAGE = ("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: hi\r\n"
            + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);

    private static byte[] signedWith(DkimSigner signer) {
        return ((SignResult.Signed) signer.sign(MESSAGE)).message();
    }

    private static DkimResult only(DnsResolver dns, byte[] message, Clock clock) {
        List<DkimResult> results = new DkimVerifier(dns, clock).verify(message);
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    private static DnsResolver record(String text) {
        return TestDns.resolver(TestDns.txt("s1._domainkey.example.com", text));
    }

    private static final DkimSigner SIGNER = DkimSigner.of(KEY, "example.com", "s1").withClock(T0);

    @Test
    void passPrintsTheResultLine() {
        DkimResult r = only(record(KEY.keyRecord()), signedWith(SIGNER), T0);
        assertThat(r.resultLine()).isEqualTo("dkim=pass header.d=example.com header.s=s1 header.a=ed25519-sha256");
    }

    @Test
    void unsignedMessageHasNoResults() {
        assertThat(new DkimVerifier(record(KEY.keyRecord())).verify(MESSAGE)).isEmpty();
    }

    /** RFC 6376 §3.6.1: an empty p= means the key was revoked: permerror. */
    @Test
    void revokedKey() {
        DkimResult r = only(record("v=DKIM1; k=ed25519; p="), signedWith(SIGNER), T0);
        assertThat(r).isInstanceOf(DkimResult.PermError.class);
        assertThat(r.reason()).contains("revoked");
    }

    /** RFC 6376 §6.1.2: no key record is a permanent failure; a DNS failure a temporary one. */
    @Test
    void missingKeyAndDnsFailure() {
        DkimResult none = only(TestDns.resolver(TestDns.txt("other._domainkey.example.com", KEY.keyRecord())),
                signedWith(SIGNER), T0);
        assertThat(none).isInstanceOf(DkimResult.PermError.class);
        assertThat(none.reason()).contains("no key record");
        DnsResolver failing = (name, type) -> new LookupResult.Failure(new Question(name, type), FailureKind.TIMEOUT, "test");
        DkimResult temp = only(failing, signedWith(SIGNER), T0);
        assertThat(temp).isInstanceOf(DkimResult.TempError.class);
        assertThat(temp.resultLine()).startsWith("dkim=temperror reason=");
    }

    /** RFC 6376 §3.5 x=: past the expiry, permerror "expired". */
    @Test
    void expiredSignature() {
        byte[] signed = signedWith(SIGNER.withValidity(Duration.ofHours(1)));
        assertThat(only(record(KEY.keyRecord()), signed, T0)).isInstanceOf(DkimResult.Pass.class);
        DkimResult later = only(record(KEY.keyRecord()), signed, Clock.offset(T0, Duration.ofHours(2)));
        assertThat(later).isInstanceOf(DkimResult.PermError.class);
        assertThat(later.reason()).contains("expired");
    }

    /** RFC 6376 §3.6.1 t=y: a failing signature under a testing key is neutral, not fail. */
    @Test
    void testingKeyGivesNeutral() {
        byte[] signed = signedWith(SIGNER);
        signed[signed.length - 4] = 'X'; // "Hello." → "HellX."
        assertThat(only(record(KEY.keyRecord()), signed, T0)).isInstanceOf(DkimResult.Fail.class);
        DkimResult r = only(record(KEY.keyRecord() + "; t=y"), signed, T0);
        assertThat(r).isInstanceOf(DkimResult.Neutral.class);
        assertThat(r.reason()).contains("body hash");
    }

    /** RFC 6376 §6.1.2: the key type must match the algorithm; the key's h= must allow sha256. */
    @Test
    void keyTypeAndHashMismatches() {
        DkimResult wrongType = only(record("v=DKIM1; k=rsa; p=" + RECORD_PUBLIC), signedWith(SIGNER), T0);
        assertThat(wrongType).isInstanceOf(DkimResult.PermError.class);
        assertThat(wrongType.reason()).contains("k=rsa");
        DkimResult wrongHash = only(record("v=DKIM1; k=ed25519; h=sha1; p=" + RECORD_PUBLIC), signedWith(SIGNER), T0);
        assertThat(wrongHash.reason()).contains("h=");
        DkimResult badVersion = only(record("v=DKIM2; k=ed25519; p=" + RECORD_PUBLIC), signedWith(SIGNER), T0);
        assertThat(badVersion.reason()).contains("DKIM1");
    }

    /** RFC 8301 §3.2: RSA keys under 1024 bits are not valid: permerror. */
    @Test
    void rsaKeyUnder1024BitsIsPermError() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(512);
        var pair = g.generateKeyPair();
        SigningKey small = new SigningKey(DkimAlgorithm.RSA_SHA256, pair.getPrivate(), pair.getPublic().getEncoded());
        byte[] signed = signedWith(DkimSigner.of(small, "example.com", "s1").withClock(T0));
        DkimResult r = only(record(small.keyRecord()), signed, T0);
        assertThat(r).isInstanceOf(DkimResult.PermError.class);
        assertThat(r.reason()).contains("RFC 8301").contains("512 bits");
    }

    /** RFC 6376 §5.4 / §6.1.1: a signature whose h= lacks From is permerror; so are rsa-sha1 and missing tags. */
    @Test
    void malformedSignatures() {
        String base = "DKIM-Signature: v=1; a=ed25519-sha256; d=example.com; s=s1; bh=AAAA; b=AAAA; h=";
        assertThat(reason(base + "To:Subject\r\n" + body())).contains("From is not signed");
        assertThat(reason(base.replace("ed25519-sha256", "rsa-sha1") + "From\r\n" + body())).contains("RFC 8301");
        assertThat(reason(base.replace(" bh=AAAA;", "") + "From\r\n" + body())).contains("bh= missing");
        assertThat(reason(base.replace("v=1", "v=2") + "From\r\n" + body())).contains("version");
        assertThat(reason(base.replace("d=example.com", "d=ex(ample.com") + "From\r\n" + body())).contains("d=");
        assertThat(reason(base + "From; d=again.example\r\n" + body())).contains("duplicate");
    }

    private static String body() {
        return new String(MESSAGE, StandardCharsets.US_ASCII);
    }

    private static String reason(String message) {
        DkimResult r = only(record(KEY.keyRecord()), message.getBytes(StandardCharsets.US_ASCII), T0);
        assertThat(r).isInstanceOf(DkimResult.PermError.class);
        return r.reason();
    }

    /** RFC 6376 §3.5 i=: the AUID's domain must be d= or a subdomain of it, else the signature is invalid. */
    @Test
    void identityOutsideTheSigningDomainIsInvalid() {
        String common = "v=1; a=ed25519-sha256; d=example.com; s=s1; h=From; bh=AAAA; b=AAAA; ";
        assertThat(DkimSignature.parse(common + "i=@evil.org")).isInstanceOf(SignatureParseResult.Invalid.class);
        assertThat(DkimSignature.parse(common + "i=@notexample.com")).isInstanceOf(SignatureParseResult.Invalid.class);
        assertThat(DkimSignature.parse(common + "i=user@mail.example.com")).isInstanceOf(SignatureParseResult.Parsed.class);
    }

    /** RFC 6376 §3.6.1 t=s: a strict key refuses an i= in a subdomain of d=, and accepts one in d= itself. */
    @Test
    void strictKeyRefusesSubdomainIdentity() {
        byte[] sub = signedWith(SIGNER.withIdentity("alice@mail.example.com"));
        assertThat(only(record(KEY.keyRecord()), sub, T0)).isInstanceOf(DkimResult.Pass.class);
        DkimResult strict = only(record(KEY.keyRecord() + "; t=s"), sub, T0);
        assertThat(strict).isInstanceOf(DkimResult.PermError.class);
        assertThat(strict.reason()).contains("t=s");
        byte[] same = signedWith(SIGNER.withIdentity("@example.com"));
        assertThat(only(record(KEY.keyRecord() + "; t=s"), same, T0)).isInstanceOf(DkimResult.Pass.class);
    }

    /** The signer refuses a message without From (RFC 6376 §5.4), as dkimpy's test_nofrom does. */
    @Test
    void signerRefusesWithoutFrom() {
        SignResult r = SIGNER.sign("To: bob@example.org\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(r).isInstanceOf(SignResult.Refused.class);
    }

    /** §3.5, §8.15: h= over-signs From, To, Subject and Date; no l=; folded lines of at most 78 characters. */
    @Test
    void signatureFieldShape() {
        String field = new String(((SignResult.Signed) SIGNER.sign(MESSAGE)).field(), StandardCharsets.US_ASCII);
        String unfolded = field.replace("\r\n\t", "");
        assertThat(unfolded).contains("h=From:From:Reply-To:Subject:Subject:Date:Date:To:To:Cc;")
                .contains("c=relaxed/relaxed").contains("t=1700000000").doesNotContain("l=");
        assertThat(field.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(field).endsWith("\r\n");
    }
}
