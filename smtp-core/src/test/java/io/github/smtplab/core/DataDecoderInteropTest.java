package io.github.smtplab.core;

import static io.github.smtplab.core.DataTestSupport.textLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.core.DataTestSupport.Decoded;
import io.github.smtplab.testkit.RequiresTool;
import java.io.ByteArrayOutputStream;
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
import org.quicktheories.core.Gen;

/**
 * Differential test against an independent server: aiosmtpd (Python), on loopback. For well-formed DATA
 * streams (CRLF lines only, no line over 1000 octets), both must find the same end of data and the same
 * content after removing the transparency dots (RFC 5321 §4.1.1.4, §4.5.2). Hostile streams are not
 * compared: aiosmtpd 1.4.3 accepts bare LF inside lines, which our decoder rejects on purpose.
 */
@RequiresTool(value = "aiosmtpd", probe = {"/usr/bin/python3", "-c", "import aiosmtpd.controller"},
        install = "Debian package python3-aiosmtpd")
class DataDecoderInteropTest {

    /**
     * Starts aiosmtpd on 127.0.0.1 (a random port from 61000 to 64999, above Linux's ephemeral range, so
     * that client sockets in TIME_WAIT do not block it), sends each hex-encoded stream of the file argv[1] as one DATA
     * transaction, and prints the reply code and the content aiosmtpd handed to its handler (hex, "-" for
     * none). Every socket has a timeout; the server is stopped at the end.
     */
    private static final String AIOSMTPD_RECEIVE = String.join("\n",
            "import random, socket, sys",
            "from aiosmtpd.controller import Controller",
            "got = []",
            "class Handler:",
            "    async def handle_DATA(self, server, session, envelope):",
            "        got.append(envelope.original_content)",
            "        return '250 OK'",
            "for attempt in range(20):  # a random high port above the ephemeral range; retry if taken",
            "    port = random.randint(61000, 64999)",
            "    controller = Controller(Handler(), hostname='127.0.0.1', port=port, ready_timeout=30)",
            "    try:",
            "        controller.start()",
            "        break",
            "    except OSError:",
            "        continue",
            "else:",
            "    sys.exit('no free port')",
            "try:",
            "    for line in open(sys.argv[1]):",
            "        stream = bytes.fromhex(line.strip())",
            "        s = socket.create_connection(('127.0.0.1', port), timeout=10)",
            "        f = s.makefile('rb')",
            "        def reply():",
            "            while True:",
            "                r = f.readline()",
            "                if r[3:4] != b'-':",
            "                    return r",
            "        reply()",
            "        for cmd in (b'EHLO client.example', b'MAIL FROM:<a@b.example>', b'RCPT TO:<c@d.example>', b'DATA'):",
            "            s.sendall(cmd + b'\\r\\n')",
            "            reply()",
            "        s.sendall(stream)",
            "        r = reply()",
            "        s.sendall(b'QUIT\\r\\n')",
            "        reply()",
            "        s.close()",
            "        content = got.pop() if r.startswith(b'250') else None",
            "        print(r[:3].decode(), '-' if not content else content.hex())",
            "finally:",
            "    controller.stop()");

    /** A well-formed DATA stream as any client may send it: CRLF lines (none is just "."), then ".CRLF". */
    private static Gen<byte[]> wellFormedStreams() {
        // Lines of at most 990 octets; a lone "." would end the data, so it is sent as ".." (a stuffed ".").
        Gen<byte[]> line = textLines().map(l -> l.length == 1 && l[0] == '.'
                ? DataTestSupport.bytes("..") : java.util.Arrays.copyOf(l, Math.min(l.length, 990)));
        return DataTestSupport.shown(lists().of(line).ofSizeBetween(0, 12).map(lines -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] l : lines) {
                out.writeBytes(l);
                out.writeBytes(DataTestSupport.bytes("\r\n"));
            }
            out.writeBytes(DataTestSupport.bytes(".\r\n"));
            return out.toByteArray();
        }));
    }

    /** One line per stream: aiosmtpd's reply code and what it delivered. */
    private static List<String[]> aiosmtpdReceive(List<byte[]> streams) throws IOException, InterruptedException {
        Path input = Files.createTempFile("smtplab-data", ".hex");
        Path errors = Files.createTempFile("smtplab-data", ".err");
        try {
            List<String> lines = new ArrayList<>();
            for (byte[] s : streams) {
                lines.add(HexFormat.of().formatHex(s));
            }
            Files.write(input, lines, StandardCharsets.US_ASCII);
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", AIOSMTPD_RECEIVE, input.toString())
                    .redirectError(errors.toFile()).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new AssertionError("aiosmtpd run did not finish");
            }
            assertThat(python.exitValue()).as("aiosmtpd script failed: %s", Files.readString(errors))
                    .isZero();
            List<String[]> results = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                results.add(line.strip().split(" "));
            }
            return results;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(errors);
        }
    }

    /**
     * RFC 5321 §4.1.1.4 + §4.5.2, differential: aiosmtpd accepts every generated stream (250) and
     * delivers exactly the content our decoder produces, which ends exactly at the stream's end.
     */
    @Test
    @Timeout(120)
    void decodesLikeAiosmtpd() {
        // No shrinking: each check starts Python; the assertion message names the failing input.
        qt().withExamples(2).withShrinkCycles(0).forAll(lists().of(wellFormedStreams()).ofSize(200)).checkAssert(streams -> {
            List<String[]> theirs;
            try {
                theirs = aiosmtpdReceive(streams);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("running aiosmtpd failed", e);
            }
            assertThat(theirs).hasSameSizeAs(streams);
            for (int i = 0; i < streams.size(); i++) {
                byte[] stream = streams.get(i);
                Decoded ours = DataTestSupport.decodeAtOnce(stream, DataDecoder.MAX_TEXT_LINE);
                assertThat(ours.status()).isEqualTo(DataDecoder.Status.END_OF_DATA);
                assertThat(ours.consumed()).isEqualTo(stream.length);
                assertThat(ours.lineTooLong()).isFalse();
                assertThat(theirs.get(i)[0]).as("aiosmtpd reply to %s", DataTestSupport.show(stream)).isEqualTo("250");
                String theirContent = theirs.get(i)[1];
                byte[] expected = theirContent.equals("-") ? new byte[0] : HexFormat.of().parseHex(theirContent);
                assertThat(ours.contentBytes()).as(DataTestSupport.show(stream)).isEqualTo(expected);
            }
        });
    }
}
