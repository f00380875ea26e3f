package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class QuotedPrintableCodecTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 2045 §6.7: decode(encode(x)) = x for arbitrary octets in BINARY mode (CR, LF encoded, rule 4). */
    @Test
    void binaryRoundTrip() {
        qt().withExamples(3000).forAll(Generate.oneOf(Gens.bytes(400), Gens.trickyBytes(400))).checkAssert(data ->
                assertThat(QuotedPrintableCodec.decode(QuotedPrintableCodec.encodeToBytes(data,
                        QuotedPrintableMode.BINARY))).isEqualTo(data));
    }

    /** RFC 2045 §6.7 rule 4: in TEXT mode CRLF is a hard line break and round-trips; so does everything else. */
    @Test
    void textRoundTrip() {
        qt().withExamples(3000).forAll(Generate.oneOf(Gens.trickyBytes(400),
                Gens.textBody(10).map(s -> s.getBytes(StandardCharsets.UTF_8)))).checkAssert(data ->
                assertThat(QuotedPrintableCodec.decode(QuotedPrintableCodec.encodeToBytes(data,
                        QuotedPrintableMode.TEXT))).isEqualTo(data));
    }

    /**
     * Rules 1–5 on the output: only printable US-ASCII, SPACE, TAB and CRLF; lines of at most 76
     * characters (rule 5); no line ends with SPACE or TAB (rule 3); "=" only as "=XY" or a soft break.
     */
    @Test
    void encodedFormObeysTheRules() {
        qt().withExamples(3000).forAll(Generate.oneOf(Gens.bytes(600), Gens.trickyBytes(600)),
                Generate.enumValues(QuotedPrintableMode.class)).checkAssert((data, mode) -> {
                    String encoded = QuotedPrintableCodec.encode(data, mode);
                    String[] lines = encoded.split("\r\n", -1);
                    for (String line : lines) {
                        assertThat(line.length()).isLessThanOrEqualTo(QuotedPrintableCodec.MAX_LINE_LENGTH);
                        assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
                        assertThat(line.chars()).allMatch(c -> c == '\t' || (c >= 32 && c <= 126));
                        assertThat(line.replaceAll("=[0-9A-F]{2}", "").replaceAll("=$", "")).doesNotContain("=");
                    }
                    if (mode == QuotedPrintableMode.BINARY) {
                        assertThat(lines).allMatch(l -> l.endsWith("=") || l == lines[lines.length - 1]);
                    }
                });
    }

    /** The streaming encoder writes exactly what the batch encoder returns, whatever the write sizes. */
    @Test
    void streamingMatchesBatch() {
        qt().withExamples(500).forAll(Generate.oneOf(Gens.trickyBytes(1000), Gens.bytes(1000)), Generate.oneOf(Generate.constant(1), Generate.range(1, 50))).checkAssert((data, chunk) -> {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (OutputStream enc = QuotedPrintableCodec.encodingStream(sink, QuotedPrintableMode.TEXT)) {
                for (int i = 0; i < data.length; i += chunk) {
                    if (chunk == 1) {
                        enc.write(data[i]); // the octet-by-octet path
                    } else {
                        enc.write(data, i, Math.min(chunk, data.length - i));
                    }
                    enc.flush();
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(sink.toByteArray()).isEqualTo(QuotedPrintableCodec.encodeToBytes(data, QuotedPrintableMode.TEXT));
        });
    }

    /**
     * The decoding stream returns exactly what the batch decoder returns, whatever the read sizes, including
     * lines longer than its line buffer (decoded in pieces without splitting "=XY", soft breaks or trailing
     * white space).
     */
    @Test
    void decodingStreamMatchesBatch() {
        // lines longer than the stream's 8 KiB line buffer, dense in "=", hex digits and white space
        java.util.List<Byte> alphabet = java.util.List.of((byte) 'a', (byte) '=', (byte) '4', (byte) '1', (byte) 'F',
                (byte) ' ', (byte) '\t', (byte) '\r', (byte) '=', (byte) ' ');
        org.quicktheories.core.Gen<byte[]> longLines = Generate.byteArrays(Generate.range(8000, 30000), Generate.pick(alphabet));
        qt().withExamples(400).forAll(Generate.oneOf(Gens.bytes(2000), Gens.trickyBytes(2000), longLines,
                Gens.textBody(20).map(t -> QuotedPrintableCodec.encodeToBytes(t.getBytes(StandardCharsets.UTF_8),
                        QuotedPrintableMode.TEXT))), Generate.range(1, 100)).checkAssert((data, chunk) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (java.io.InputStream dec = QuotedPrintableCodec.decodingStream(new java.io.ByteArrayInputStream(data))) {
                        byte[] buf = new byte[chunk];
                        int n;
                        while ((n = dec.read(buf, 0, chunk)) >= 0) {
                            out.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(out.toByteArray()).isEqualTo(QuotedPrintableCodec.decode(data));
                });
    }

    /** RFC 2045 §6.7 examples and the robustness rules for decoding. */
    @Test
    void decodingExamples() {
        // rule 5: soft line break
        assertThat(QuotedPrintableCodec.decode(ascii("Now's the time =\r\nfor all folk"))).isEqualTo(ascii("Now's the time for all folk"));
        // rule 3: trailing white space is deleted; "=" followed by white space is still a soft break
        assertThat(QuotedPrintableCodec.decode(ascii("abc   \r\ndef=  \r\nghi"))).isEqualTo(ascii("abc\r\ndefghi"));
        // rule 1: hex, lower case accepted; stray "=" kept
        assertThat(QuotedPrintableCodec.decode(ascii("caf=C3=a9 =ZZ 50=%"))).isEqualTo(ascii("caf\u00c3\u00a9 =ZZ 50=%"));
        // LF-only input is read as CRLF lines
        assertThat(QuotedPrintableCodec.decode(ascii("a\nb"))).isEqualTo(ascii("a\r\nb"));
        // ending with "=" at the very end
        assertThat(QuotedPrintableCodec.decode(ascii("end="))).isEqualTo(ascii("end"));
    }

    @Test
    void encodingExamples() {
        assertThat(QuotedPrintableCodec.encode("Réunion = demain \r\nok\t".getBytes(StandardCharsets.UTF_8),
                QuotedPrintableMode.TEXT)).isEqualTo("R=C3=A9union =3D demain=20\r\nok=09");
        assertThat(QuotedPrintableCodec.encode(ascii("a\r\nb\nc\r"), QuotedPrintableMode.TEXT))
                .isEqualTo("a\r\nb=0Ac=0D");
        assertThat(QuotedPrintableCodec.encode(ascii("a\r\nb"), QuotedPrintableMode.BINARY)).isEqualTo("a=0D=0Ab");
    }

    /** Hostile input: any octets decode without error, never longer than input plus one octet per LF. */
    @Test
    void decodeNeverFails() {
        qt().withExamples(2000).forAll(Generate.oneOf(Gens.bytes(500), Gens.trickyBytes(500))).checkAssert(junk -> {
            long lf = new String(junk, StandardCharsets.ISO_8859_1).chars().filter(c -> c == '\n').count();
            assertThat((long) QuotedPrintableCodec.decode(junk).length).isLessThanOrEqualTo(junk.length + lf);
        });
    }

    /**
     * One encoder, one decoder (RFC 2045 §6.7): in both modes the one-call result equals the streamed result
     * for any split of the input into writes, and decoding any octets (short reads of the source too) gives
     * the one-call decoding for any split into reads.
     */
    @Test
    void oneCallEqualsStreamedForAnySplit() {
        qt().withExamples(400).forAll(Generate.oneOf(Gens.trickyBytes(2000), Gens.bytes(2000)),
                Generate.enumValues(QuotedPrintableMode.class), Splits.pieceSizes(100), Splits.pieceSizes(100))
                .checkAssert((data, mode, sizes, otherSizes) -> {
                    byte[] encoded = QuotedPrintableCodec.encodeToBytes(data, mode);
                    assertThat(Splits.writeInPieces(data, sizes, out -> QuotedPrintableCodec.encodingStream(out, mode)))
                            .isEqualTo(encoded);
                    assertThat(Splits.readInPieces(encoded, sizes, otherSizes, QuotedPrintableCodec::decodingStream))
                            .isEqualTo(QuotedPrintableCodec.decode(encoded));
                    assertThat(Splits.readInPieces(data, otherSizes, sizes, QuotedPrintableCodec::decodingStream))
                            .isEqualTo(QuotedPrintableCodec.decode(data));
                });
    }
}
