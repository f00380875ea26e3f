package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.crlfBodies;
import static io.github.smtplab.core.DataTestSupport.hostileBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.testkit.RequiresTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential test against an independent client: Python's {@code smtplib}, whose {@code SMTP.data()}
 * normalises line endings ({@code _fix_eols}), doubles leading dots ({@code _quote_periods}), adds a final
 * CRLF if missing and appends ".CRLF" (RFC 5321 §4.5.2, §2.3.8, §4.1.1.4). No network: the same
 * functions are called on a batch of generated contents in one Python process.
 */
@RequiresTool(value = "Python smtplib", probe = {"/usr/bin/python3", "-c", "import smtplib"}, install = "Debian package python3")
class DotStufferInteropTest {

    /**
     * What smtplib.SMTP.data() sends for each hex-encoded content line of the input file (one hex line
     * out per line in; "-" stands for empty content). It fixes line endings only for str messages, so
     * the bytes go in as a Latin-1 str (one char per byte) and come out the same way.
     */
    private static final String SMTPLIB_STUFF = String.join("\n",
            "import sys, smtplib",
            "for line in open(sys.argv[1]):",
            "    hexed = line.strip()",
            "    raw = bytes.fromhex('' if hexed == '-' else hexed)",
            "    msg = smtplib._fix_eols(raw.decode('latin-1')).encode('latin-1')",
            "    q = smtplib._quote_periods(msg)",
            "    if q[-2:] != b'\\r\\n':",
            "        q = q + b'\\r\\n'",
            "    q = q + b'.\\r\\n'",
            "    print(q.hex() or '-')");

    private static List<byte[]> smtplibStuff(List<byte[]> contents) throws IOException, InterruptedException {
        Path input = Files.createTempFile("smtplab-dot", ".hex");
        try {
            List<String> lines = new ArrayList<>();
            for (byte[] c : contents) {
                lines.add(c.length == 0 ? "-" : HexFormat.of().formatHex(c));
            }
            Files.write(input, lines, StandardCharsets.US_ASCII);
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", SMTPLIB_STUFF, input.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).isZero();
            List<byte[]> stuffed = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                stuffed.add(line.equals("-") ? new byte[0] : HexFormat.of().parseHex(line.strip()));
            }
            return stuffed;
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /**
     * RFC 5321 §4.5.2 + §2.3.8 + §4.1.1.4, differential: for non-empty content (well-formed bodies and
     * hostile bytes), DotStuffer sends byte for byte what smtplib sends, and our DataDecoder reads
     * smtplib's bytes back as the normalised content. (Empty content differs on purpose: smtplib sends an
     * empty line then ".", we send just "." - both end a valid DATA.)
     */
    @Test
    @Timeout(120)
    void stuffsLikePythonSmtplib() {
        // No shrinking: each check starts Python; the assertion message names the failing input.
        qt().withExamples(3).withShrinkCycles(0).forAll(lists().of(hostileBytes(30).mix(crlfBodies(), 50)).ofSize(300)).checkAssert(batch -> {
            List<byte[]> contents = batch.stream().filter(c -> c.length > 0).toList();
            List<byte[]> theirs;
            try {
                theirs = smtplibStuff(contents);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("running Python smtplib failed", e);
            }
            assertThat(theirs).hasSameSizeAs(contents);
            for (int i = 0; i < contents.size(); i++) {
                byte[] content = contents.get(i);
                assertThat(DotStuffer.stuff(content)).as(DataTestSupport.show(content)).isEqualTo(theirs.get(i));
                assertThat(DataDecoder.unstuff(theirs.get(i))).isEqualTo(DataTestSupport.normaliseLineEndings(content));
            }
        });
    }
}
