package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of {@link PemKeyMaterial}: RFC 7468 text in, key material or a typed refusal out. */
class PemKeyMaterialProperties {

    /** A few key pairs made once (RSA key generation is slow): three EC P-256, one RSA-2048. */
    private static final List<IssuedCertificates> POOL = List.of(
            TlsTestSupport.DEV, TlsTestSupport.STRANGER,
            DevCertificates.generate(List.of("a.exemple.com"), KeyAlgorithm.EC_P256),
            DevCertificates.generate(List.of("rsa.exemple.com"), KeyAlgorithm.RSA_2048));

    /** How a key is written: PKCS#8 (RFC 7468 §10) or the traditional OpenSSL forms (PKCS#1 RSA, RFC 8017; SEC1 EC, RFC 5915). */
    enum KeyForm { PKCS8, TRADITIONAL }

    static String keyPem(IssuedCertificates issued, KeyForm form) {
        if (form == KeyForm.PKCS8) {
            return PemKeyMaterial.toPem(issued.server().privateKey());
        }
        // rebuilt by hand from the PKCS#8 form, as OpenSSL writes them: the SEC1 form must carry the curve (RFC 5915 §3)
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(issued.server().privateKey().getEncoded());
            if (issued.server().privateKey().getAlgorithm().equals("RSA")) {
                writer.writeObject(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
            } else {
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
                writer.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return text.toString();
    }

    /** Explanatory text as OpenSSL and humans put around PEM blocks (no line starting with five dashes). */
    static Gen<String> explanatoryText() {
        return lists().of(Generate.pick(List.of("subject=CN = mx.exemple.com", "Bag Attributes", "# the server key", "", " ",
                "issuer=O = smtplab", "localKeyID: 01 02 03", "\t"))).ofSizeBetween(0, 4).map(l -> String.join("\n", l) + (l.isEmpty() ? "" : "\n"));
    }

    /**
     * RFC 7468 §2 and §5.2: text outside the encapsulation boundaries is ignored, CRLF and LF line
     * endings are equivalent; every accepted key form gives back the same key and the same chain.
     */
    @Test
    void everyKeyFormWithSurroundingTextLoadsTheSameMaterial() {
        qt().withExamples(200).forAll(Generate.pick(POOL), Generate.enumValues(KeyForm.class), lists().of(explanatoryText()).ofSize(3),
                Generate.booleans()).checkAssert((issued, form, text, crlf) -> {
            String chain = text.get(0) + PemKeyMaterial.toPem(issued.server().chain()) + text.get(1);
            String key = text.get(2) + keyPem(issued, form);
            if (crlf) {
                chain = chain.replace("\n", "\r\n");
                key = key.replace("\n", "\r\n");
            }
            PemLoadResult result = PemKeyMaterial.parse(chain, key);
            assertThat(result).isInstanceOf(PemLoadResult.Loaded.class);
            KeyMaterial loaded = ((PemLoadResult.Loaded) result).material();
            assertThat(loaded.chain()).isEqualTo(issued.server().chain());
            assertThat(sameKey(loaded.privateKey(), issued.server().privateKey())).isTrue();
        });
    }

    /** The same private key value, whatever optional fields its encoding carries (SEC1 may repeat the curve and public key). */
    private static boolean sameKey(java.security.PrivateKey a, java.security.PrivateKey b) {
        return switch (a) {
            case java.security.interfaces.ECPrivateKey ec -> b instanceof java.security.interfaces.ECPrivateKey other && ec.getS().equals(other.getS())
                    && ec.getParams().getCurve().equals(other.getParams().getCurve());
            case java.security.interfaces.RSAPrivateKey rsa -> b instanceof java.security.interfaces.RSAPrivateKey other
                    && rsa.getModulus().equals(other.getModulus()) && rsa.getPrivateExponent().equals(other.getPrivateExponent());
            default -> false;
        };
    }

    /** A key that does not belong to the first certificate is refused with a reason, never used. */
    @Test
    void aKeyFromAnotherCertificateIsRefused() {
        qt().withExamples(100).forAll(Generate.pick(POOL), Generate.pick(POOL), Generate.enumValues(KeyForm.class))
                .assuming((a, b, form) -> a != b)
                .checkAssert((a, b, form) -> assertThat(PemKeyMaterial.parse(PemKeyMaterial.toPem(a.server().chain()), keyPem(b, form)))
                        .isInstanceOfSatisfying(PemLoadResult.Invalid.class, invalid -> assertThat(invalid.reason()).contains("does not belong")));
    }

    /**
     * Hostile or damaged files: a valid PEM pair with characters replaced, cut or duplicated. Parsing
     * never throws; it gives either material whose key matches its certificate, or a reason.
     */
    @Test
    void damagedPemGivesAResultNeverAnException() {
        String alphabet = "ABCxyz019+/=-\n\r \u0000\u00ff.";
        Gen<int[]> damage = integers().between(0, 2).zip(integers().between(0, 100_000), integers().between(0, alphabet.length() - 1),
                integers().between(0, 200), (kind, at, c, length) -> new int[] {kind, at, c, length});
        qt().withExamples(1000).forAll(Generate.pick(POOL), Generate.enumValues(KeyForm.class), lists().of(damage).ofSizeBetween(1, 4), Generate.booleans())
                .checkAssert((issued, form, damages, inKey) -> {
                    String chain = PemKeyMaterial.toPem(issued.server().chain());
                    String key = keyPem(issued, form);
                    String target = inKey ? key : chain;
                    StringBuilder text = new StringBuilder(target);
                    for (int[] d : damages) {
                        int at = d[1] % (text.length() + 1);
                        switch (d[0]) {
                            case 0 -> { if (at < text.length()) text.setCharAt(at, alphabet.charAt(d[2])); }
                            case 1 -> text.delete(at, Math.min(text.length(), at + d[3]));
                            default -> text.insert(at, text.substring(at, Math.min(text.length(), at + d[3])));
                        }
                    }
                    PemLoadResult result = inKey ? PemKeyMaterial.parse(chain, text.toString()) : PemKeyMaterial.parse(text.toString(), key);
                    switch (result) {
                        case PemLoadResult.Loaded loaded -> assertThat(KeyMaterial.matches(loaded.material().leaf(), loaded.material().privateKey())).isTrue();
                        case PemLoadResult.Invalid invalid -> assertThat(invalid.reason()).isNotBlank();
                    }
                });
    }

    /** Oversized input is refused before parsing (bounded memory and time). */
    @Test
    void oversizedInputIsRefused() {
        String huge = "A".repeat(PemKeyMaterial.MAX_PEM_OCTETS + 1);
        assertThat(PemKeyMaterial.parse(huge, "")).isInstanceOf(PemLoadResult.Invalid.class);
        assertThat(PemKeyMaterial.parse(PemKeyMaterial.toPem(TlsTestSupport.DEV.server().chain()), huge)).isInstanceOf(PemLoadResult.Invalid.class);
        assertThat(PemKeyMaterial.parse("", "")).isInstanceOfSatisfying(PemLoadResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("no CERTIFICATE"));
    }
}
