package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and generating keys: PEM PKCS#1 and PKCS#8, raw Ed25519 seeds (RFC 8463 A.1), key records. */
class SigningKeyTest {

    private static final byte[] MESSAGE = "From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private static SigningKey read(String text) {
        KeyReadResult r = SigningKey.read(text);
        assertThat(r).as(r.toString()).isInstanceOf(KeyReadResult.Read.class);
        return ((KeyReadResult.Read) r).key();
    }

    private static String shared(String relative) throws IOException {
        return Files.readString(SharedData.path("dkim/" + relative), StandardCharsets.US_ASCII);
    }

    /** RFC 8463 Appendix A.1/A.2: the seed's public key is the one published for brisbane (README: checked). */
    @Test
    @Tag("conformance")
    @RequiresSharedData("dkim/rfc8463-appendix")
    void rfc8463SeedGivesThePublishedKey() throws IOException {
        SigningKey key = read(shared("rfc8463-appendix/ed25519-secret-key.b64"));
        assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(key.keyRecord()).isEqualTo("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    }

    /** PKCS#1 ("RSA PRIVATE KEY") and PKCS#8 ("PRIVATE KEY") PEM files sign messages that verify. */
    @ParameterizedTest
    @Tag("conformance")
    @RequiresSharedData("dkim")
    @CsvSource({"rfc8463-appendix/rsa-private-key.pem", "dkimpy-1.1.4-testdata/2048_testkey.key",
        "dkimpy-1.1.4-testdata/2048_testkey_PKCS8.key", "dkimpy-1.1.4-testdata/test.private",
        "dkimpy-1.1.4-testdata/rfc8032_7_1.key", "dkimpy-1.1.4-testdata/ed25519test.key"})
    void sharedKeysSignAndVerify(String file) throws IOException {
        SigningKey key = read(shared(file));
        assertSignsAndVerifies(key, key.keyRecord());
    }

    /**
     * RFC 6376 §3.6.1 says p= is SubjectPublicKeyInfo; dkimpy's README vectors publish the same keys also as a bare
     * RSAPublicKey: both encodings verify.
     */
    @ParameterizedTest
    @Tag("conformance")
    @RequiresSharedData("dkim")
    @CsvSource({"1024_testkey", "2048_testkey"})
    void bothPublicKeyEncodingsVerify(String name) throws IOException {
        SigningKey key = read(shared("dkimpy-1.1.4-testdata/" + name + ".key"));
        assertSignsAndVerifies(key, shared("dkimpy-1.1.4-testdata/" + name + "_wo_markers.pub.txt").strip());
        assertSignsAndVerifies(key, shared("dkimpy-1.1.4-testdata/" + name + "_wo_markers.pub.rsa.txt").strip());
    }

    /** Generated keys (RSA 2048 and Ed25519): the PEM we write reads back to the same key and record. */
    @Test
    void generatedKeysRoundTripThroughPem() {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            SigningKey key = SigningKey.generate(algorithm, SigningKey.DEFAULT_RSA_BITS);
            assertThat(key.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
            SigningKey again = read(key.privateKeyPem());
            assertThat(again.keyRecord()).isEqualTo(key.keyRecord());
            assertSignsAndVerifies(again, key.keyRecord());
        }
    }

    /** Garbage, an encrypted or a public PEM, and a seed of the wrong length are refused with a reason. */
    @Test
    void unreadableKeys() {
        for (String text : List.of("", "hello", Base64Codec.encode(new byte[31]),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n")) {
            assertThat(SigningKey.read(text)).as(text).isInstanceOf(KeyReadResult.Unreadable.class);
        }
    }

    private static void assertSignsAndVerifies(SigningKey key, String record) {
        var dns = TestDns.resolver(TestDns.txt("k._domainkey.example.com", record));
        byte[] signed = ((SignResult.Signed) DkimSigner.of(key, "example.com", "k").sign(MESSAGE)).message();
        List<DkimResult> results = new DkimVerifier(dns).verify(signed);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).as(results.toString()).isInstanceOf(DkimResult.Pass.class);
    }
}
