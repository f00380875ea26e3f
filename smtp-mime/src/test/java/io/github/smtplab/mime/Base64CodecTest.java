package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class Base64CodecTest {

    /** RFC 4648 §10 test vectors. */
    @Test
    void rfc4648TestVectors() {
        String[][] vectors = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
            {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
        for (String[] v : vectors) {
            byte[] data = v[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(Base64Codec.encode(data)).isEqualTo(v[1]);
            assertThat(Base64Codec.decodeStrict(v[1])).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                    d -> assertThat(d.bytes()).isEqualTo(data));
            assertThat(Base64Codec.decodeLenient(v[1])).isEqualTo(data);
        }
    }

    /** RFC 4648 §4: the encoding is the JDK's basic encoder's, octet for octet (an independent oracle). */
    @Test
    void encodeAgreesWithJdk() {
        qt().withExamples(2000).forAll(Gens.bytes(300)).checkAssert(data ->
                assertThat(Base64Codec.encode(data)).isEqualTo(Base64.getEncoder().encodeToString(data)));
    }

    /** RFC 2045 §6.8: MIME lines of 76 separated by CRLF, as the JDK's MIME encoder writes them. */
    @Test
    void mimeEncodeAgreesWithJdkMimeEncoder() {
        qt().withExamples(2000).forAll(Gens.bytes(1000)).checkAssert(data ->
                assertThat(Base64Codec.encodeMime(data)).isEqualTo(Base64.getMimeEncoder().encodeToString(data)));
    }

    /** RFC 2045 §6.8: no encoded line is longer than 76 characters. */
    @Test
    void mimeLinesAreAtMost76() {
        qt().withExamples(1000).forAll(Gens.bytes(2000)).checkAssert(data -> {
            for (String line : Base64Codec.encodeMime(data).split("\r\n", -1)) {
                assertThat(line.length()).isLessThanOrEqualTo(Base64Codec.MIME_LINE_LENGTH);
            }
        });
    }

    /** RFC 4648 §3.3 / §4: strict decoding inverts encoding. */
    @Test
    void strictDecodeInvertsEncode() {
        qt().withExamples(2000).forAll(Gens.bytes(300)).checkAssert(data ->
                assertThat(Base64Codec.decodeStrict(Base64Codec.encode(data)))
                        .isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> assertThat(d.bytes()).isEqualTo(data)));
    }

    /** RFC 2045 §6.8: lenient decoding inverts MIME encoding, and ignores characters outside the alphabet. */
    @Test
    void lenientDecodeIgnoresNonAlphabetCharacters() {
        qt().withExamples(1000).forAll(Gens.bytes(400), Generate.range(0, 1000), Generate.pick(
                java.util.List.of(" ", "\r\n", "\n", "\t", "!", "*", "\u00e9", "\u0000", "@@")))
                .checkAssert((data, seed, garbage) -> {
                    String encoded = Base64Codec.encodeMime(data);
                    StringBuilder noisy = new StringBuilder();
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    for (char c : encoded.toCharArray()) {
                        if (c != '=' && r.nextInt(10) == 0) {
                            noisy.append(garbage);
                        }
                        noisy.append(c);
                    }
                    assertThat(Base64Codec.decodeLenient(noisy)).isEqualTo(data);
                });
    }

    /** RFC 4648 §3.3: strict decoding rejects every character outside the alphabet, e.g. line breaks. */
    @Test
    void strictDecodeRejectsWhitespaceAndGarbage() {
        qt().withExamples(1000).forAll(Generate.byteArrays(Generate.range(3, 200), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)), Generate.pick(
                java.util.List.of(" ", "\r\n", "!", "-", "_", "\u00e9"))).checkAssert((data, bad) -> {
                    String encoded = Base64Codec.encode(data);
                    String broken = encoded.substring(0, 2) + bad + encoded.substring(2);
                    assertThat(Base64Codec.decodeStrict(broken)).isInstanceOf(DecodeResult.Malformed.class);
                });
        assertThat(Base64Codec.decodeStrict("Zh==")).isInstanceOf(DecodeResult.Malformed.class); // §3.5 pad bits
        assertThat(Base64Codec.decodeStrict("Zg=")).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(Base64Codec.decodeStrict("Z===")).isInstanceOf(DecodeResult.Malformed.class);
    }

    /** Strict decoding accepts exactly what the JDK's strict decoder accepts, on arbitrary short strings. */
    @Test
    void strictDecodeAgreesWithJdkOnValidity() {
        qt().withExamples(5000).forAll(org.quicktheories.generators.SourceDSL.strings()
                .betweenCodePoints('+', 'z').ofLengthBetween(0, 12)).checkAssert(text -> {
                    boolean jdkAccepts;
                    byte[] jdk = null;
                    try {
                        jdk = Base64.getDecoder().decode(text);
                        // the JDK ignores non-zero pad bits and accepts missing padding; RFC 4648 §3.3/§3.5 do not
                        jdkAccepts = text.length() % 4 == 0 && Base64.getEncoder().encodeToString(jdk).equals(text);
                    } catch (IllegalArgumentException e) {
                        jdkAccepts = false;
                    }
                    DecodeResult ours = Base64Codec.decodeStrict(text);
                    assertThat(ours instanceof DecodeResult.Decoded).as(text).isEqualTo(jdkAccepts);
                    if (jdkAccepts) {
                        assertThat(((DecodeResult.Decoded) ours).bytes()).isEqualTo(jdk);
                    }
                });
    }

    /** The streaming encoder writes exactly what {@link Base64Codec#encodeMime} returns, whatever the write sizes. */
    @Test
    void streamingEncoderMatchesBatch() {
        qt().withExamples(500).forAll(Gens.bytes(3000), Generate.range(1, 200)).checkAssert((data, chunk) -> {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (OutputStream enc = Base64Codec.mimeEncodingStream(sink)) {
                for (int i = 0; i < data.length; i += chunk) {
                    if (chunk == 1) {
                        enc.write(data[i]);
                    } else {
                        enc.write(data, i, Math.min(chunk, data.length - i));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo(Base64Codec.encodeMime(data));
        });
    }

    /** The streaming decoder returns exactly what {@link Base64Codec#decodeLenient} returns, whatever the read sizes. */
    @Test
    void streamingDecoderMatchesBatch() {
        qt().withExamples(500).forAll(Gens.bytes(3000), Generate.range(1, 300)).checkAssert((data, chunk) -> {
            byte[] encoded = Base64Codec.encodeMimeToBytes(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream dec = Base64Codec.lenientDecodingStream(new ByteArrayInputStream(encoded))) {
                byte[] buf = new byte[chunk];
                int n;
                while ((n = dec.read(buf, 0, chunk)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(out.toByteArray()).isEqualTo(data);
        });
    }

    /** Hostile input: any octets decode leniently without error, to at most 3/4 of their length. */
    @Test
    void lenientDecodeNeverFails() {
        qt().withExamples(2000).forAll(Gens.bytes(500)).checkAssert(junk ->
                assertThat(Base64Codec.decodeLenient(junk).length).isLessThanOrEqualTo(junk.length * 3 / 4 + 2));
    }

    /**
     * One encoder, one decoder (RFC 2045 §6.8): the one-call result equals the streamed result for any split
     * of the input into writes, and for any split of the encoded text into reads (short reads of the source
     * too), on well-formed MIME text and on hostile octets alike.
     */
    @Test
    void oneCallEqualsStreamedForAnySplit() {
        qt().withExamples(400).forAll(Gens.bytes(2000), Splits.pieceSizes(200), Splits.pieceSizes(300))
                .checkAssert((data, sizes, otherSizes) -> {
                    assertThat(Splits.writeInPieces(data, sizes, Base64Codec::mimeEncodingStream))
                            .isEqualTo(Base64Codec.encodeMimeToBytes(data));
                    byte[] encoded = Base64Codec.encodeMimeToBytes(data);
                    assertThat(Splits.readInPieces(encoded, sizes, otherSizes, Base64Codec::lenientDecodingStream))
                            .isEqualTo(Base64Codec.decodeLenient(encoded)).isEqualTo(data);
                    assertThat(Splits.readInPieces(data, otherSizes, sizes, Base64Codec::lenientDecodingStream))
                            .isEqualTo(Base64Codec.decodeLenient(data)); // any octets: garbage, "=" early, partial groups
                });
    }
}
