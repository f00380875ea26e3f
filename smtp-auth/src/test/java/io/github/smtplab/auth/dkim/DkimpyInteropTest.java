package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.io.IOException;
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
 * Interoperability both ways with dkimpy (Debian python3-dkim), an independent implementation: what we sign
 * verifies in dkimpy, and what dkimpy signs verifies in ours, for generated messages (RFC 6376 §5, §6;
 * RFC 8463). One Python process handles a whole batch; DNS is a {@code dnsfunc} reading a file, no network.
 */
@Tag("interop")
@RequiresTool(value = "dkimpy", probe = {"/usr/bin/python3", "-c", "import dkim, nacl"},
        install = "Debian packages python3-dkim python3-nacl")
class DkimpyInteropTest {

    private static final int MESSAGES = 40;

    /** Verifies each *.eml of a directory with dkimpy: prints "name pass" or "name fail" per file. */
    private static final String VERIFY = """
            import sys, os, dkim
            d = sys.argv[1]
            keys = dict(l.rstrip('\\n').split('\\t', 1) for l in open(os.path.join(d, 'dns.tsv')))
            def dnsfunc(name, timeout=5):
                return keys.get(name.decode().rstrip('.'), '').encode() or None
            for f in sorted(os.listdir(d)):
                if f.endswith('.eml'):
                    msg = open(os.path.join(d, f), 'rb').read()
                    n = msg.count(b'DKIM-Signature:')
                    ok = all(dkim.DKIM(msg).verify(idx=i, dnsfunc=dnsfunc) for i in range(n)) and n > 0
                    print(f, 'pass' if ok else 'fail')
            """;

    /** Signs each *.eml of a directory with dkimpy: argv selector domain keyfile algorithm; writes *.signed. */
    private static final String SIGN = """
            import sys, os, dkim
            d, sel, dom, keyfile, alg = sys.argv[1:6]
            key = open(keyfile, 'rb').read()
            for f in sorted(os.listdir(d)):
                if f.endswith('.eml'):
                    msg = open(os.path.join(d, f), 'rb').read()
                    sig = dkim.sign(msg, sel.encode(), dom.encode(), key, canonicalize=(b'relaxed', b'relaxed'),
                                    signature_algorithm=alg.encode())
                    open(os.path.join(d, f[:-4] + '.signed'), 'wb').write(sig + msg)
            print('signed')
            """;

    /** A batch of generated messages (QuickTheories draws them; the peer then checks them in one process). */
    private static List<byte[]> messages() {
        List<byte[]> out = new ArrayList<>();
        qt().withExamples(MESSAGES).forAll(DkimGenerators.messages(false)).checkAssert(out::add);
        return out;
    }

    /** RFC 6376 §6 in dkimpy: our rsa-sha256 and ed25519-sha256 signatures, all c= combinations, verify. */
    @Test
    @Timeout(120)
    void dkimpyVerifiesWhatWeSign(@TempDir Path dir) throws Exception {
        SigningKey rsa = SigningKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
        SigningKey ed = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        Files.writeString(dir.resolve("dns.tsv"), "rsa._domainkey.example.com\t" + rsa.keyRecord() + "\n"
                + "ed._domainkey.example.com\t" + ed.keyRecord() + "\n");
        List<byte[]> msgs = messages();
        for (int i = 0; i < msgs.size(); i++) {
            boolean useRsa = i % 2 == 0;
            Canonicalization h = Canonicalization.values()[(i / 2) % 2];
            Canonicalization b = Canonicalization.values()[(i / 4) % 2];
            DkimSigner signer = DkimSigner.of(useRsa ? rsa : ed, "example.com", useRsa ? "rsa" : "ed")
                    .withCanonicalization(h, b);
            byte[] signed = ((SignResult.Signed) signer.sign(msgs.get(i))).message();
            Files.write(dir.resolve(String.format("m%03d.eml", i)), signed);
        }
        List<String> lines = python(VERIFY, dir.toString());
        assertThat(lines).hasSize(msgs.size()).allSatisfy(l -> assertThat(l).as(Files.readString(dir.resolve(l.split(" ")[0])))
                .endsWith(" pass"));
    }

    /** RFC 6376 §6 in ours: dkimpy's rsa-sha256 and ed25519-sha256 signatures verify. */
    @Test
    @Timeout(120)
    void weVerifyWhatDkimpySigns(@TempDir Path dir) throws Exception {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            Path sub = Files.createDirectory(dir.resolve(algorithm.keyType()));
            SigningKey key = SigningKey.generate(algorithm, 2048);
            Path keyFile = dir.resolve(algorithm.keyType() + ".key");
            // dkimpy reads PEM for RSA and the base64 seed for Ed25519 (RFC 8463 A.1 form)
            Files.writeString(keyFile, algorithm == DkimAlgorithm.RSA_SHA256 ? key.privateKeyPem()
                    : io.github.smtplab.mime.Base64Codec.encode(io.github.smtplab.auth.dkim.internal.KeyCodec
                            .ed25519Seed(key.privateKey()).orElseThrow()));
            List<byte[]> msgs = messages();
            for (int i = 0; i < msgs.size(); i++) {
                Files.write(sub.resolve(String.format("m%03d.eml", i)), msgs.get(i));
            }
            assertThat(python(SIGN, sub.toString(), "sel", "example.org", keyFile.toString(), algorithm.tagValue()))
                    .containsExactly("signed");
            var dns = TestDns.resolver(TestDns.txt("sel._domainkey.example.org", key.keyRecord()));
            DkimVerifier verifier = new DkimVerifier(dns);
            for (int i = 0; i < msgs.size(); i++) {
                byte[] signed = Files.readAllBytes(sub.resolve(String.format("m%03d.signed", i)));
                List<DkimResult> results = verifier.verify(signed);
                assertThat(results).as(new String(signed, StandardCharsets.ISO_8859_1)).hasSize(1);
                assertThat(results.getFirst()).as(results.toString()).isInstanceOf(DkimResult.Pass.class);
            }
        }
    }

    /**
     * RFC 6376 §3.5 l=: dkimpy signs with a body length; ours honours it — text appended after the signed length
     * still verifies, a change inside it does not.
     */
    @Test
    @Timeout(60)
    void bodyLengthTagIsHonoured(@TempDir Path dir) throws Exception {
        SigningKey key = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        Path keyFile = Files.writeString(dir.resolve("ed.key"), io.github.smtplab.mime.Base64Codec.encode(
                io.github.smtplab.auth.dkim.internal.KeyCodec.ed25519Seed(key.privateKey()).orElseThrow()));
        Files.write(dir.resolve("m.eml"), "From: a@example.org\r\nSubject: l\r\n\r\nsigned part\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        String script = """
                import sys, dkim
                msg = open(sys.argv[1], 'rb').read()
                sig = dkim.sign(msg, b'sel', b'example.org', open(sys.argv[2], 'rb').read(), length=True,
                                canonicalize=(b'relaxed', b'relaxed'), signature_algorithm=b'ed25519-sha256')
                open(sys.argv[3], 'wb').write(sig + msg)
                """;
        python(script, dir.resolve("m.eml").toString(), keyFile.toString(), dir.resolve("s.eml").toString());
        String signed = Files.readString(dir.resolve("s.eml"), StandardCharsets.US_ASCII);
        assertThat(signed.replace("\r\n\t", "").replace("\r\n ", " ")).containsPattern("l=\\d+");
        var dns = TestDns.resolver(TestDns.txt("sel._domainkey.example.org", key.keyRecord()));
        DkimVerifier verifier = new DkimVerifier(dns);
        assertThat(verifier.verify(signed.getBytes(StandardCharsets.US_ASCII)).getFirst())
                .isInstanceOf(DkimResult.Pass.class);
        assertThat(verifier.verify((signed + "appended by a list\r\n").getBytes(StandardCharsets.US_ASCII)).getFirst())
                .isInstanceOf(DkimResult.Pass.class);
        assertThat(verifier.verify(signed.replace("signed part", "signed Part").getBytes(StandardCharsets.US_ASCII))
                .getFirst()).isInstanceOf(DkimResult.Fail.class);
    }

    private static List<String> python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        command.addAll(List.of(args));
        PeerProcess.Result r = PeerProcess.run(command, Duration.ofSeconds(90));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().lines().filter(l -> !l.isBlank()).toList();
    }

}
