package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.bytes;
import static io.github.smtplab.core.DataTestSupport.concat;
import static io.github.smtplab.core.DataTestSupport.decodeAtOnce;
import static io.github.smtplab.core.DataTestSupport.decodeInChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.core.DataDecoder.Status;
import io.github.smtplab.core.DataTestSupport.Decoded;
import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * SMTP smuggling (CVE-2023-51764/-51765/-51766): look-alike end-of-data sequences must never end DATA.
 * RFC 5321 §4.1.1.4: the end of data is only {@code <CRLF>.<CRLF>}; §2.3.8: bare CR and bare LF are not
 * line endings. Each sequence must either stop the decoder with BARE_LINE_ENDING (the engine then
 * replies 521 and closes) or pass through as content, so the smuggled commands after it are never run.
 */
public class SmugglingSequencesTest {

    private static final String SEQUENCES = "smtp/smuggling-sequences.txt";

    /** One row of the shared file: id and the raw bytes (parsed from its hex column). */
    public record Sequence(String id, byte[] bytes) {}

    /** Parses the "id | escaped | hex | probed by | notes" rows, skipping comments. */
    public static List<Sequence> readSequences() throws IOException {
        List<Sequence> sequences = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.path(SEQUENCES), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\\|");
            String hex = columns[2].replace(" ", "").trim();
            sequences.add(new Sequence(columns[0].trim(), HexFormat.of().parseHex(hex)));
        }
        return sequences;
    }

    /**
     * The SEC inbound framing described in the file: headers, a body line, the sequence, then smuggled
     * commands and a second message, then the one real terminator.
     */
    public static byte[] secInbound(Sequence sequence) {
        return concat(
                bytes("From: <sender@example.com>\r\nTo: <victim@example.net>\r\nSubject: smuggling probe\r\n\r\n"),
                bytes("TESTING " + sequence.id() + " as \"fake\" end-of-data sequence!\r\n"),
                sequence.bytes(),
                bytes("\r\n"),
                smuggledTail());
    }

    /** What a vulnerable server would run as commands, plus the second message and the real terminator. */
    private static byte[] smuggledTail() {
        return bytes("mail FROM:<smuggled@example.com>\r\nrcpt TO:<victim@example.net>\r\ndata\r\n"
                + "From: <ceo@example.com>\r\nSubject: smuggled\r\n\r\nsecond message\r\n"
                + "\r\n.\r\n");
    }

    /** The smtpsmug framing: body line, the raw sequence, later text, then the real terminator. */
    private static byte[] hbFraming(Sequence sequence) {
        return concat(bytes("Subject: probe\r\n\r\nThis is a test mail\r\n"), sequence.bytes(),
                bytes("This is after a bad mail ending.\r\n"), bytes("\r\n.\r\n"));
    }

    /** Whether bytes hold a CR not followed by LF or an LF not preceded by CR (RFC 5321 §2.3.8). */
    private static boolean hasBareLineEnding(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            boolean crWithoutLf = data[i] == '\r' && (i + 1 == data.length || data[i + 1] != '\n');
            boolean lfWithoutCr = data[i] == '\n' && (i == 0 || data[i - 1] != '\r');
            if (crWithoutLf || lfWithoutCr) {
                return true;
            }
        }
        return false;
    }

    /**
     * The guarantee, for a stream whose only real terminator is its last 5 bytes: the decoder either
     * stops on a bare line ending (if and only if the stream has one), or consumes everything, the
     * smuggled commands becoming content.
     */
    private static void assertNoEarlyEnd(byte[] stream, Decoded result, String smuggledText) {
        if (hasBareLineEnding(stream)) {
            assertThat(result.status()).isEqualTo(Status.BARE_LINE_ENDING);
        } else {
            assertThat(result.status()).isEqualTo(Status.END_OF_DATA);
            assertThat(result.consumed()).as("END_OF_DATA only at the real terminator").isEqualTo(stream.length);
            assertThat(DotStuffingProperties.indexOf(result.contentBytes(), bytes(smuggledText)))
                    .as("the smuggled text stayed inside the message").isNotNegative();
        }
    }

    /**
     * RFC 5321 §4.1.1.4 + §2.3.8 against every published probe sequence, in the SEC inbound framing and
     * the smtpsmug framing, decoded whole and byte by byte.
     */
    @Test
    @RequiresSharedData(SEQUENCES)
    void noPublishedSequenceEndsDataEarly() throws IOException {
        List<Sequence> sequences = readSequences();
        assertThat(sequences).hasSize(12);
        int bare = 0;
        for (Sequence sequence : sequences) {
            Map<byte[], String> framings = Map.of(
                    secInbound(sequence), "mail FROM:<smuggled@example.com>",
                    hbFraming(sequence), "This is after a bad mail ending.");
            for (Map.Entry<byte[], String> framing : framings.entrySet()) {
                byte[] stream = framing.getKey();
                Decoded whole = decodeAtOnce(stream, DataDecoder.MAX_TEXT_LINE);
                assertNoEarlyEnd(stream, whole, framing.getValue());
                assertThat(decodeInChunks(stream, new int[] {1}, 1, DataDecoder.MAX_TEXT_LINE))
                        .as(sequence.id() + " byte by byte").isEqualTo(whole);
                if (whole.status() == Status.BARE_LINE_ENDING) {
                    bare++;
                }
            }
        }
        // 10 of the 12 hold a bare CR or LF; nullbefore and nullafter are well-formed lines with a NUL.
        assertThat(bare).isEqualTo(2 * 10);
    }

    /**
     * The client side (RFC 5321 §4.5.2, §2.3.8): content holding any probe sequence is sent with no bare
     * CR/LF and with CRLF.CRLF only at the end, and the server gets back the normalised content.
     */
    @Test
    @RequiresSharedData(SEQUENCES)
    void stuffingNeutralisesEveryPublishedSequence() throws IOException {
        for (Sequence sequence : readSequences()) {
            byte[] content = concat(bytes("line before\r\n"), sequence.bytes(), bytes("\r\nline after\r\n"));
            byte[] sent = DotStuffer.stuff(content);
            assertThat(hasBareLineEnding(sent)).as(sequence.id()).isFalse();
            assertThat(DotStuffingProperties.indexOf(sent, bytes("\r\n.\r\n"))).as(sequence.id()).isEqualTo(sent.length - 5);
            assertThat(DataDecoder.unstuff(sent)).isEqualTo(DataTestSupport.normaliseLineEndings(content));
        }
    }

    /** Pieces that smuggling sequences are made of, around a line start (no shared data needed). */
    private static Gen<byte[]> lookAlikes() {
        Gen<byte[]> piece = arbitrary().pick(List.of("\r", "\n", "\r\n", ".", "..", "\u0000", " ", "x")).map(DataTestSupport::bytes);
        return DataTestSupport.shown(lists().of(piece).ofSizeBetween(1, 8).map(pieces -> concat(pieces.toArray(byte[][]::new))));
    }

    /**
     * RFC 5321 §4.1.1.4 + §2.3.8, generated: any combination of bare CR, bare LF, NUL and dots put in the
     * SEC framing never yields END_OF_DATA before the real terminator. Either the decoder stops on a bare
     * line ending (exactly when there is one), or it ends at the first genuine CRLF.CRLF, which is the
     * real one unless the generated bytes themselves formed a genuine terminator line.
     */
    @Test
    void generatedLookAlikesNeverEndDataEarly() {
        qt().withExamples(3000).forAll(lookAlikes()).checkAssert(lookAlike -> {
            byte[] prefix = bytes("Subject: x\r\n\r\nbody line\r\n");
            byte[] stream = concat(prefix, lookAlike, bytes("\r\n"), smuggledTail());
            Decoded result = decodeAtOnce(stream, DataDecoder.MAX_TEXT_LINE);
            // The first CRLF.CRLF is a genuine end unless a bare CR/LF comes before it (then that stops
            // the decoder first). It is the real terminator unless the generated bytes formed one.
            int terminatorEnd = DotStuffingProperties.indexOf(stream, bytes("\r\n.\r\n")) + 5;
            if (hasBareLineEnding(Arrays.copyOf(stream, terminatorEnd))) {
                assertThat(result.status()).isEqualTo(Status.BARE_LINE_ENDING);
                assertThat(result.consumed()).isLessThan(terminatorEnd);
            } else {
                assertThat(result.status()).isEqualTo(Status.END_OF_DATA);
                assertThat(result.consumed()).isEqualTo(terminatorEnd);
            }
            assertThat(result).isEqualTo(decodeInChunks(stream, new int[] {1, 2, 3}, 1, DataDecoder.MAX_TEXT_LINE));
        });
    }
}
