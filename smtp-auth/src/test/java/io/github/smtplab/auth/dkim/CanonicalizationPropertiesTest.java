package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Canonicalization (RFC 6376 §3.4): the RFC's examples, then properties over generated fields and bodies. */
class CanonicalizationPropertiesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** RFC 6376 §3.4.5, relaxed: "A: X" and "B : Y\tZ" folded become "a:X" and "b:Y Z". */
    @Test
    void rfc6376Section345RelaxedExample() {
        assertThat(text(Canonicalization.RELAXED.canonicalizeHeader(ascii("A: X\r\n")))).isEqualTo("a:X\r\n");
        assertThat(text(Canonicalization.RELAXED.canonicalizeHeader(ascii("B : Y\t\r\n\tZ  \r\n"))))
                .isEqualTo("b:Y Z\r\n");
        assertThat(text(Canonicalization.RELAXED.canonicalizeBody(ascii(" C \r\nD \t E\r\n\r\n\r\n"))))
                .isEqualTo(" C\r\nD E\r\n");
    }

    /** RFC 6376 §3.4.5, simple: headers unchanged; body loses its trailing empty lines only. */
    @Test
    void rfc6376Section345SimpleExample() {
        assertThat(text(Canonicalization.SIMPLE.canonicalizeHeader(ascii("B : Y\t\r\n\tZ  \r\n"))))
                .isEqualTo("B : Y\t\r\n\tZ  \r\n");
        assertThat(text(Canonicalization.SIMPLE.canonicalizeBody(ascii(" C \r\nD \t E\r\n\r\n\r\n"))))
                .isEqualTo(" C \r\nD \t E\r\n");
    }

    /** RFC 6376 §3.4.3: an empty body is one CRLF under simple; §3.4.4 (erratum 3192): empty under relaxed. */
    @Test
    void emptyBodies() {
        assertThat(text(Canonicalization.SIMPLE.canonicalizeBody(new byte[0]))).isEqualTo("\r\n");
        assertThat(text(Canonicalization.RELAXED.canonicalizeBody(new byte[0]))).isEmpty();
        assertThat(Base64Codec.encode(BodyHasher.hash(Canonicalization.SIMPLE, new byte[0])))
                .isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY="); // SHA-256 of CRLF, RFC 6376 §3.4.3
        assertThat(Base64Codec.encode(BodyHasher.hash(Canonicalization.RELAXED, new byte[0])))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="); // SHA-256 of nothing
    }

    /** RFC 6376 §3.4: canonicalization is idempotent — a canonical body or field is its own canonical form. */
    @Test
    void canonicalizationIsIdempotent() {
        qt().withExamples(500).forAll(DkimGenerators.bodies(), range(0, 1)).checkAssert((body, c) -> {
            Canonicalization canon = Canonicalization.values()[c];
            byte[] once = canon.canonicalizeBody(body);
            assertThat(canon.canonicalizeBody(once)).isEqualTo(once);
        });
        qt().withExamples(500).forAll(in -> DkimGenerators.field(in, DkimGenerators.word(in).replace(":", "x")), range(0, 1))
                .checkAssert((field, c) -> {
                    Canonicalization canon = Canonicalization.values()[c];
                    byte[] once = canon.canonicalizeHeader(ascii(field));
                    assertThat(canon.canonicalizeHeader(once)).isEqualTo(once);
                });
    }

    /**
     * RFC 6376 §3.4.4 relaxed body: no line of the result ends in WSP, holds two WSP in a row or an HTAB, and the
     * result ends with exactly one CRLF (or is empty).
     */
    @Test
    void relaxedBodyShape() {
        qt().withExamples(500).forAll(DkimGenerators.bodies()).checkAssert(body -> {
            String out = text(Canonicalization.RELAXED.canonicalizeBody(body));
            assertThat(out).doesNotContain(" \r\n", "  ", "\t").satisfiesAnyOf(
                    s -> assertThat(s).isEmpty(),
                    s -> assertThat(s).endsWith("\r\n").doesNotEndWith("\r\n\r\n"));
        });
    }

    /**
     * §3.7 over bodies far larger than the hasher's 4 KiB buffer, cut at every chunk size from 1 to 200: a run of
     * plain octets that filled the buffer exactly once made the next octet overflow it (found by the 50 MB
     * streaming benchmark).
     */
    @Test
    void largeBodiesHashTheSameInAnyChunks() {
        byte[] line = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ABCDEFGHIJKL\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = new byte[line.length * 2000];
        for (int i = 0; i < 2000; i++) {
            System.arraycopy(line, 0, body, i * line.length, line.length);
        }
        for (Canonicalization c : Canonicalization.values()) {
            byte[] whole = BodyHasher.hash(c, body);
            for (int chunk = 1; chunk <= 200; chunk++) {
                BodyHasher h = new BodyHasher(c);
                for (int i = 0; i < body.length; i += chunk) {
                    h.update(body, i, Math.min(chunk, body.length - i));
                }
                assertThat(h.digest()).as(c + " in chunks of " + chunk).isEqualTo(whole);
            }
        }
    }

    /** §3.7: the body hash is the same however the body is cut into chunks (the streamed bh=). */
    @Test
    void streamedHashIgnoresChunking() {
        qt().withExamples(500).forAll(DkimGenerators.bodies(), range(0, 1), range(1, 17)).checkAssert((body, c, chunk) -> {
            Canonicalization canon = Canonicalization.values()[c];
            BodyHasher h = new BodyHasher(canon);
            for (int i = 0; i < body.length; i += chunk) {
                h.update(body, i, Math.min(chunk, body.length - i));
            }
            assertThat(h.digest()).isEqualTo(BodyHasher.hash(canon, body));
        });
    }

    /** §3.5 l=: with a limit, the hash is that of the first l canonical octets. */
    @Test
    void lengthLimitHashesAPrefix() throws Exception {
        qt().withExamples(300).forAll(DkimGenerators.bodies(), range(0, 1), range(0, 200)).checkAssert((body, c, l) -> {
            Canonicalization canon = Canonicalization.values()[c];
            byte[] full = canon.canonicalizeBody(body);
            BodyHasher h = new BodyHasher(canon, OptionalLong.of(l));
            h.update(body, 0, body.length);
            byte[] expected = sha256(Arrays.copyOf(full, Math.min(l, full.length)));
            assertThat(h.digest()).isEqualTo(expected);
        });
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
