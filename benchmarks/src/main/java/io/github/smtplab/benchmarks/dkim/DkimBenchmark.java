package io.github.smtplab.benchmarks.dkim;

import io.github.smtplab.auth.dkim.DkimAlgorithm;
import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dkim.DkimSigner;
import io.github.smtplab.auth.dkim.DkimVerifier;
import io.github.smtplab.auth.dkim.SignResult;
import io.github.smtplab.auth.dkim.SigningKey;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.InMemoryResolver;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM signing and verifying of a 10 KB message (RFC 6376 §5, §6) against the bare JCA operations they cannot
 * avoid, measured in the same run: signing against one bare signature over data the size of the signed header;
 * verifying against one bare verification plus SHA-256 of the body. Goals (issue 8): sign ≤ 1.1×, verify ≤ 2×.
 * The key comes from an in-memory resolver, so DNS costs nothing here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DkimBenchmark {

    /** rsa-sha256 with a 2048-bit key, or ed25519-sha256. */
    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    private DkimSigner signer;
    private DkimVerifier verifier;
    private byte[] message;
    private byte[] signedMessage;
    private byte[] body;
    private byte[] headerSizedData;
    private byte[] bareSignature;
    private SigningKey key;
    private PublicKey publicKey;
    private String jcaName;

    @Setup
    public void setUp() throws Exception {
        DkimAlgorithm alg = DkimAlgorithm.fromTag(algorithm).orElseThrow();
        key = SigningKey.generate(alg, 2048);
        signer = DkimSigner.of(key, "example.com", "bench");
        String zone = ". 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60\n"
                + "bench._domainkey.example.com. IN TXT" + quoted(key.keyRecord()) + "\n";
        verifier = new DkimVerifier(InMemoryResolver.fromMasterFile(zone, DomainName.ROOT));
        StringBuilder b = new StringBuilder("From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\n"
                + "Subject: a ten kilobyte message\r\nDate: Sun, 29 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        int headerLength = b.length();
        while (b.length() < 10 * 1024) {
            b.append("The quick brown fox jumps over the lazy dog,  again\tand again.  \r\n");
        }
        message = b.toString().getBytes(StandardCharsets.US_ASCII);
        body = java.util.Arrays.copyOfRange(message, headerLength, message.length);
        signedMessage = ((SignResult.Signed) signer.sign(message)).message();
        List<DkimResult> check = verifier.verify(signedMessage);
        if (!(check.getFirst() instanceof DkimResult.Pass)) {
            throw new IllegalStateException("benchmark message does not verify: " + check);
        }
        headerSizedData = java.util.Arrays.copyOf(signedMessage, 700); // about the canonical signed header
        if (alg == DkimAlgorithm.RSA_SHA256) {
            jcaName = "SHA256withRSA";
            publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key.publicKeyData()));
        } else {
            jcaName = "Ed25519";
            byte[] spki = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
            byte[] der = java.util.Arrays.copyOf(spki, spki.length + 32);
            System.arraycopy(key.publicKeyData(), 0, der, spki.length, 32);
            publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        }
        bareSignature = bareSign();
    }

    private static String quoted(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i += 255) {
            b.append(" \"").append(text, i, Math.min(text.length(), i + 255)).append('"');
        }
        return b.toString();
    }

    /** DKIM: sign the whole 10 KB message (body hash, header selection, canonicalization, folding). */
    @Benchmark
    public Object dkimSign() {
        return signer.sign(message);
    }

    /** Reference: one bare JCA signature over header-sized data. */
    @Benchmark
    public byte[] bareSign() throws Exception {
        Signature s = Signature.getInstance(jcaName);
        s.initSign(key.privateKey());
        s.update(headerSizedData);
        return s.sign();
    }

    /** DKIM: verify the signed 10 KB message (parse, key lookup in memory, body hash, signature). */
    @Benchmark
    public Object dkimVerify() {
        return verifier.verify(signedMessage);
    }

    /** Reference: SHA-256 of the body plus one bare JCA verification over header-sized data. */
    @Benchmark
    public boolean bareVerify() throws Exception {
        byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(body);
        Signature s = Signature.getInstance(jcaName);
        s.initVerify(publicKey);
        s.update(headerSizedData);
        return s.verify(bareSignature) && bodyHash.length == 32;
    }
}
