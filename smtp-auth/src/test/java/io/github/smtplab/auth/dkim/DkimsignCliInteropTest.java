package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.auth.dkim.internal.KeyCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.github.smtplab.testkit.RequiresTool;

/**
 * The {@code dkimsign} command of dkimpy (INDEPENDENT-TOOLS.md §3) signs during the test, with every header and
 * body canonicalization and both algorithms; ours verifies each result (RFC 6376 §6; RFC 8463).
 */
@Tag("interop")
@RequiresTool(value = "dkimsign", probe = {"dkimsign", "--help"}, install = "Debian package python3-dkim")
class DkimsignCliInteropTest {

    private static final byte[] MESSAGE = LineEndings.toCrlf("""
            From: Joe SixPack <joe@football.example.com>
            To: Suzie Q <suzie@shopping.example.net>
            Subject:   Is dinner   ready?
            Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)

            Hi.\t\s

            We lost the game.  Are you hungry yet?


            """.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @ParameterizedTest
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @CsvSource({
        "rsa-sha256, relaxed, relaxed", "rsa-sha256, simple, simple", "rsa-sha256, relaxed, simple",
        "ed25519-sha256, relaxed, relaxed", "ed25519-sha256, simple, simple", "ed25519-sha256, simple, relaxed",
    })
    void weVerifyWhatDkimsignSigns(String algorithm, String hcanon, String bcanon, @TempDir Path dir)
            throws IOException, InterruptedException {
        DkimAlgorithm alg = DkimAlgorithm.fromTag(algorithm).orElseThrow();
        SigningKey key = SigningKey.generate(alg, 2048);
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, alg == DkimAlgorithm.RSA_SHA256 ? key.privateKeyPem()
                : Base64Codec.encode(KeyCodec.ed25519Seed(key.privateKey()).orElseThrow()));
        Path in = Files.write(dir.resolve("in.eml"), MESSAGE);
        Path out = dir.resolve("out.eml");
        Process p = new ProcessBuilder("dkimsign", "--signalg", algorithm, "--hcanon", hcanon, "--bcanon", bcanon,
                "sel", "football.example.com", keyFile.toString())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(false).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
        byte[] signed = Files.readAllBytes(out);
        var dns = TestDns.resolver(TestDns.txt("sel._domainkey.football.example.com", key.keyRecord()));
        List<DkimResult> results = new DkimVerifier(dns).verify(signed);
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).as(results + "\n" + new String(signed)).isInstanceOf(DkimResult.Pass.class);
    }
}
