package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.smtplab.dns.ZoneServer;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability both ways with OpenDKIM 2.11 in test mode ({@code opendkim -t}, INDEPENDENT-TOOLS.md §3):
 * OpenDKIM signs, we verify; we sign, OpenDKIM verifies, fetching keys from smtp-dns's {@link ZoneServer} on
 * loopback through a libunbound stub zone.
 */
@Tag("interop")
@RequiresTool(value = "opendkim", probe = {"opendkim", "-V"}, install = "Debian package opendkim")
class OpenDkimInteropTest {

    private static final int MESSAGES = 6;

    private static List<byte[]> messages() {
        List<byte[]> out = new ArrayList<>();
        // OpenDKIM refuses to sign a body whose last line lacks its CRLF
        qt().withExamples(MESSAGES).forAll(DkimGenerators.messages(false)).checkAssert(m -> out.add(
                m.length >= 2 && m[m.length - 2] == '\r' && m[m.length - 1] == '\n' ? m
                        : SignVerifyPropertiesTest.concat(m, new byte[] {'\r', '\n'})));
        return out;
    }

    /** OpenDKIM's rsa-sha256 and ed25519-sha256 signatures (relaxed/relaxed) verify in ours. */
    @Test
    @Timeout(120)
    void weVerifyWhatOpenDkimSigns(@TempDir Path dir) throws Exception {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            SigningKey key = SigningKey.generate(algorithm, 2048);
            Path keyFile = dir.resolve(algorithm.keyType() + ".pem");
            Files.writeString(keyFile, key.privateKeyPem());
            Path conf = dir.resolve(algorithm.keyType() + "-sign.conf");
            Files.writeString(conf, String.join("\n", "Mode s", "Syslog no", "Domain example.com", "Selector od",
                    "KeyFile " + keyFile, "SignatureAlgorithm " + algorithm.tagValue(),
                    "Canonicalization relaxed/relaxed", "RequireSafeKeys no", ""));
            var dns = TestDns.resolver(TestDns.txt("od._domainkey.example.com", key.keyRecord()));
            List<byte[]> msgs = messages();
            for (int i = 0; i < msgs.size(); i++) {
                Path file = dir.resolve(algorithm.keyType() + i + ".eml");
                Files.write(file, msgs.get(i));
                PeerProcess.Result r = PeerProcess.run(List.of("opendkim", "-x", conf.toString(), "-t", file.toString()),
                        Duration.ofSeconds(30));
                assertThat(r.output()).as(new String(msgs.get(i), StandardCharsets.ISO_8859_1)).contains("DKIM-Signature:");
                byte[] signed = prependSignature(r.output(), msgs.get(i));
                List<DkimResult> results = new DkimVerifier(dns).verify(signed);
                assertThat(results).as(r.output()).hasSize(1);
                assertThat(results.getFirst()).as(new String(signed, StandardCharsets.ISO_8859_1)).isInstanceOf(DkimResult.Pass.class);
            }
        }
    }

    /**
     * What we sign (rsa-sha256 and ed25519-sha256; header relaxed, body relaxed or simple) OpenDKIM verifies.
     * Simple header canonicalization is left out: OpenDKIM's test mode passes fields through the milter
     * interface, which does not keep the white space after the colon, so it cannot check {@code c=simple/...}
     * signatures over fields such as {@code From:<tab><a@example.com>} — its own limitation (dkimpy and ours verify
     * them; see DkimpyInteropTest).
     */
    @Test
    @Timeout(120)
    void openDkimVerifiesWhatWeSign(@TempDir Path dir) throws Exception {
        SigningKey rsa = SigningKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
        SigningKey ed = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        var zone = TestDns.zoneAt("example.com.", TestDns.txt("rsa._domainkey.example.com", rsa.keyRecord())
                + TestDns.txt("ed._domainkey.example.com", ed.keyRecord()));
        try (ZoneServer server = ZoneServer.start(List.of(zone))) {
            Path unbound = dir.resolve("unbound.conf");
            Files.writeString(unbound, String.join("\n", "server:", "    do-not-query-localhost: no",
                    "    module-config: \"iterator\"", "stub-zone:", "    name: \"example.com\"",
                    "    stub-addr: 127.0.0.1@" + server.address().getPort(), ""));
            Path conf = dir.resolve("verify.conf");
            Files.writeString(conf, String.join("\n", "Mode v", "Syslog no", "AlwaysAddARHeader yes",
                    "ResolverConfiguration " + unbound, ""));
            List<byte[]> msgs = messages();
            for (int i = 0; i < msgs.size() * 2; i++) {
                boolean useRsa = i % 2 == 0;
                Canonicalization body = Canonicalization.values()[(i / 2) % 2];
                DkimSigner signer = DkimSigner.of(useRsa ? rsa : ed, "example.com", useRsa ? "rsa" : "ed")
                        .withCanonicalization(Canonicalization.RELAXED, body);
                byte[] signed = ((SignResult.Signed) signer.sign(msgs.get(i % msgs.size()))).message();
                Path file = dir.resolve("m" + i + ".eml");
                Files.write(file, signed);
                PeerProcess.Result r = PeerProcess.run(List.of("opendkim", "-x", conf.toString(), "-vvv", "-t",
                        file.toString()), Duration.ofSeconds(30));
                assertThat(r.output()).as(new String(signed, StandardCharsets.ISO_8859_1))
                        .containsPattern("verification \\(s=" + (useRsa ? "rsa" : "ed") + ",? d=example\\.com.*succeeded");
            }
        }
    }

    /**
     * OpenDKIM in test mode (without -v) prints the file name, then the DKIM-Signature field it would insert with
     * LF folds; the field is rebuilt with CRLF and put on top of the message.
     */
    private static byte[] prependSignature(String output, byte[] message) {
        int start = output.indexOf("DKIM-Signature:");
        assertThat(start).as(output).isNotNegative();
        String value = output.substring(start).strip().replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] field = (value + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return SignVerifyPropertiesTest.concat(field, message);
    }
}
