package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import io.github.smtplab.dns.DnsResolver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of signing and verifying (RFC 6376 §5, §6) over generated messages. */
class SignVerifyPropertiesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final SigningKey RSA = SigningKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
    private static final SigningKey ED = SigningKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
    private static final DnsResolver DNS = TestDns.resolver(
            TestDns.txt("rsa._domainkey.example.com", RSA.keyRecord())
                    + TestDns.txt("ed._domainkey.example.com", ED.keyRecord()));
    private static final DkimVerifier VERIFIER = new DkimVerifier(DNS, CLOCK);

    private static DkimSigner signer(boolean rsa, int canon) {
        Canonicalization h = (canon & 1) == 0 ? Canonicalization.RELAXED : Canonicalization.SIMPLE;
        Canonicalization b = (canon & 2) == 0 ? Canonicalization.RELAXED : Canonicalization.SIMPLE;
        return DkimSigner.of(rsa ? RSA : ED, "example.com", rsa ? "rsa" : "ed").withClock(CLOCK).withCanonicalization(h, b);
    }

    private static byte[] signed(byte[] message, boolean rsa, int canon) {
        SignResult r = signer(rsa, canon).sign(message);
        assertThat(r).isInstanceOf(SignResult.Signed.class);
        return ((SignResult.Signed) r).message();
    }

    private static List<DkimResult> verify(byte[] message) {
        return VERIFIER.verify(message);
    }

    /** RFC 6376 §5 then §6: what we sign, under every c= combination and both algorithms, verifies. */
    @Test
    void signThenVerifyPasses() {
        qt().withExamples(200).forAll(DkimGenerators.messages(), range(0, 1), range(0, 3)).checkAssert((msg, alg, canon) -> {
            List<DkimResult> results = verify(signed(msg, alg == 0, canon));
            assertThat(results).hasSize(1);
            assertThat(results.getFirst()).as(results.toString()).isInstanceOf(DkimResult.Pass.class);
        });
    }

    /**
     * RFC 6376 §3.7: the signature covers the signed header fields; changing one octet of a signed field's value
     * (a letter to another letter, which no canonicalization maps together) makes it fail.
     */
    @Test
    void changingASignedHeaderOctetFails() {
        qt().withExamples(150).forAll(DkimGenerators.messages(), range(0, 1), range(0, 3), range(0, 1000))
                .checkAssert((msg, alg, canon, pick) -> {
                    byte[] signed = signed(msg, alg == 0, canon);
                    int fieldStart = indexOf(signed, "\r\nFrom:".getBytes(StandardCharsets.US_ASCII));
                    if (fieldStart < 0) {
                        fieldStart = indexOf(signed, "\r\nFrom :".getBytes(StandardCharsets.US_ASCII));
                    }
                    int colon = indexOf(signed, new byte[] {':'}, fieldStart + 2);
                    int end = indexOf(signed, "\r\n".getBytes(StandardCharsets.US_ASCII), colon);
                    int target = -1;
                    for (int i = 0; i < end - colon; i++) {
                        int p = colon + 1 + (pick + i) % (end - colon - 1 == 0 ? 1 : end - colon - 1);
                        if (Character.isLetterOrDigit(signed[p])) {
                            target = p;
                            break;
                        }
                    }
                    if (target < 0) {
                        return; // a From value of punctuation only: nothing to flip on its first line
                    }
                    signed[target] = (byte) (signed[target] == 'q' ? 'z' : 'q');
                    List<DkimResult> results = verify(signed);
                    assertThat(results.getFirst()).as(results.toString()).isInstanceOf(DkimResult.Fail.class);
                    assertThat(results.getFirst().reason()).isEqualTo("signature did not verify");
                });
    }

    /** RFC 6376 §3.7 bh=: changing one non-white-space body octet makes the body hash fail. */
    @Test
    void changingABodyOctetFails() {
        qt().withExamples(150).forAll(DkimGenerators.messages(), range(0, 1), range(0, 3), range(0, 10_000))
                .checkAssert((msg, alg, canon, pick) -> {
                    byte[] signed = signed(msg, alg == 0, canon);
                    int body = indexOf(signed, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
                    int target = -1;
                    for (int i = 0; i < signed.length - body; i++) {
                        int p = body + (pick + i) % (signed.length - body);
                        if (Character.isLetterOrDigit(signed[p])) {
                            target = p;
                            break;
                        }
                    }
                    if (target < 0) {
                        return; // a body of white space only
                    }
                    signed[target] = (byte) (signed[target] == 'q' ? 'z' : 'q');
                    List<DkimResult> results = verify(signed);
                    assertThat(results.getFirst()).as(results.toString()).isInstanceOf(DkimResult.Fail.class);
                    assertThat(results.getFirst().reason()).isEqualTo("body hash did not verify");
                });
    }

    /**
     * RFC 6376 §3.4.2 and §3.4.4: under relaxed/relaxed, the white space changes relaxed defines away — more WSP
     * in a run, WSP at line ends, trailing empty lines, header-name case, WSP around the colon — still verify.
     */
    @Test
    void relaxedToleratesExactlyItsWhiteSpaceChanges() {
        qt().withExamples(150).forAll(DkimGenerators.messages(), range(0, 1), range(0, 4)).checkAssert((msg, alg, change) -> {
            String signed = new String(signed(msg, alg == 0, 0), StandardCharsets.ISO_8859_1);
            int body = signed.indexOf("\r\n\r\n") + 4;
            String head = signed.substring(0, body);
            String tail = signed.substring(body);
            String changed = switch (change) {
                case 0 -> head + tail.replace(" ", " \t ");                 // longer WSP runs in the body
                case 1 -> head + tail.replace("\r\n", " \r\n") + "\r\n\r\n"; // WSP at line ends, more empty lines
                case 2 -> head.replace("\r\nFrom:", "\r\nFROM  :  ") + tail; // name case, WSP around the colon
                case 3 -> head.replace("\r\nSubject:", "\r\nSubject:\r\n ") + tail; // a new fold
                default -> head.replaceFirst("(\r\n[A-Za-z-]+:[^\r]*) ", "$1\t\t") + tail; // WSP run in a field
            };
            List<DkimResult> results = verify(changed.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(results.getFirst()).as(change + " " + results).isInstanceOf(DkimResult.Pass.class);
        });
    }

    /** RFC 6376 §3.4.3: simple/simple tolerates extra trailing empty lines, and nothing else: an added SP fails. */
    @Test
    void simpleToleratesOnlyTrailingEmptyLines() {
        qt().withExamples(100).forAll(DkimGenerators.messages(), range(0, 1)).checkAssert((msg, alg) -> {
            String signed = new String(signed(msg, alg == 0, 3), StandardCharsets.ISO_8859_1);
            String withEmpty = signed.endsWith("\r\n") ? signed + "\r\n\r\n" : signed + "\r\n";
            assertThat(verify(withEmpty.getBytes(StandardCharsets.ISO_8859_1)).getFirst())
                    .isInstanceOf(DkimResult.Pass.class);
            int body = signed.indexOf("\r\n\r\n") + 4;
            String spaced = signed.substring(0, body) + " " + signed.substring(body);
            assertThat(verify(spaced.getBytes(StandardCharsets.ISO_8859_1)).getFirst())
                    .isInstanceOf(DkimResult.Fail.class);
        });
    }

    /**
     * RFC 6376 §8.15 over-signing: the signer lists From (and the others) once more than present, so a From added
     * above the others — the one a reader would see — breaks the signature.
     */
    @Test
    void addingAFromFieldFails() {
        qt().withExamples(100).forAll(DkimGenerators.messages(), range(0, 1), range(0, 3)).checkAssert((msg, alg, canon) -> {
            byte[] signed = signed(msg, alg == 0, canon);
            byte[] forged = concat("From: mallory@evil.example\r\n".getBytes(StandardCharsets.US_ASCII), signed);
            assertThat(verify(forged).getFirst()).isInstanceOf(DkimResult.Fail.class);
        });
    }

    /** Robustness: any octets as a message, any text as a DKIM-Signature, never throw and never pass. */
    @Test
    void hostileMessagesNeverThrow() {
        qt().withExamples(1000).forAll(DkimGenerators.hostileOctets(400)).checkAssert(octets -> {
            byte[] msg = concat("DKIM-Signature:".getBytes(StandardCharsets.US_ASCII), octets);
            assertThat(verify(msg)).noneMatch(r -> r instanceof DkimResult.Pass);
            assertThat(verify(octets)).noneMatch(r -> r instanceof DkimResult.Pass);
        });
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int indexOf(byte[] data, byte[] wanted) {
        return indexOf(data, wanted, 0);
    }

    static int indexOf(byte[] data, byte[] wanted, int from) {
        outer:
        for (int i = Math.max(0, from); i + wanted.length <= data.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
