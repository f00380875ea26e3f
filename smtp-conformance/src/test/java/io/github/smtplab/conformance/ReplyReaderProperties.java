package io.github.smtplab.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The suite's own reply reader, RFC 5321 section 4.2: well-formed replies (generated from the grammar) are
 * read back line for line; hostile bytes give a typed result — never a hang (every read has a deadline),
 * never unbounded memory.
 */
class ReplyReaderProperties {

    private static Gen<Integer> code() {
        return SourceDSL.integers().between(2, 5).zip(SourceDSL.integers().between(0, 5), SourceDSL.integers().between(0, 9),
                (a, b, c) -> a * 100 + b * 10 + c);
    }

    private static Gen<List<String>> texts() {
        return SourceDSL.lists().of(SourceDSL.strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 80)).ofSizeBetween(1, 20);
    }

    static String wire(int code, List<String> texts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            boolean last = i == texts.size() - 1;
            out.append(code).append(last ? (texts.get(i).isEmpty() ? "" : " ") : "-").append(texts.get(i)).append("\r\n");
        }
        return out.toString();
    }

    private static ReadResult read(byte[] bytes) throws IOException {
        return new ReplyReader(new ByteArrayInputStream(bytes), millis -> { }).read(System.nanoTime() + 1_000_000_000L);
    }

    /** Reply = *( code "-" text CRLF ) code [ SP text ] CRLF: read back with the same code and lines. */
    @Test
    void wellFormedRepliesAreReadBack() {
        qt().withExamples(500).forAll(code(), texts()).checkAssert((code, texts) -> {
            String wire = wire(code, texts);
            ReadResult result = uncheck(() -> read(wire.getBytes(StandardCharsets.US_ASCII)));
            assertThat(result).isInstanceOf(ReadResult.Received.class);
            ServerReply reply = ((ReadResult.Received) result).reply();
            assertThat(reply.code()).isEqualTo(code);
            assertThat(reply.lines()).hasSize(texts.size());
            assertThat(String.join("\r\n", reply.lines()) + "\r\n").isEqualTo(wire);
        });
    }

    /** RFC 5321 4.2.1: a multi-line reply whose codes differ is malformed. */
    @Test
    void mixedCodesAreMalformed() {
        qt().withExamples(200).forAll(code(), code(), texts()).assuming((a, b, t) -> !a.equals(b))
                .checkAssert((a, b, texts) -> {
                    String wire = a + "-first\r\n" + wire(b, texts);
                    assertThat(uncheck(() -> read(wire.getBytes(StandardCharsets.US_ASCII)))).isInstanceOf(ReadResult.Malformed.class);
                });
    }

    /** Any bytes at all, read from a stream that then ends: a result, within bounds, never an exception. */
    @Test
    void anyBytesGiveATypedResult() {
        Gen<byte[]> bytes = SourceDSL.lists().of(Generate.oneOf(SourceDSL.integers().between(0, 255),
                Generate.pick(List.of((int) '\r', (int) '\n', (int) '2', (int) '5', (int) '0', (int) '-', (int) ' ')))).ofSizeBetween(0, 6000)
                .map(list -> {
                    byte[] b = new byte[list.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) (int) list.get(i);
                    }
                    return b;
                });
        qt().withExamples(500).forAll(bytes).checkAssert(b -> {
            ReadResult result = uncheck(() -> read(b));
            assertThat(result).isNotNull();
            List<String> lines = switch (result) {
                case ReadResult.Received r -> r.reply().lines();
                case ReadResult.Malformed m -> m.lines();
                case ReadResult.Closed c -> c.lines();
                case ReadResult.TimedOut t -> t.lines();
            };
            assertThat(lines.size()).isLessThanOrEqualTo(ReplyReader.MAX_LINES);
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(ReplyReader.MAX_LINE));
        });
    }

    /**
     * A server that sends a partial reply, or drips a line that never ends, or says nothing: the reader gives
     * up at its deadline (300 ms here) with TimedOut, over a real socket.
     */
    @Test
    @Timeout(60)
    void hostileServersNeverHangTheReader() throws Exception {
        Gen<String> partial = Generate.oneOf(Generate.pick(List.of("", "2", "250", "250-more\r\n", "250 no end", "220-a\r\n220-b\r\n")),
                SourceDSL.strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 200).map(s -> "250-" + s + "\r\n"));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            qt().withExamples(25).forAll(partial, SourceDSL.booleans().all()).checkAssert((prefix, drip) -> uncheck(() -> {
                List<Socket> keep = new ArrayList<>();
                Thread peer = Thread.ofVirtual().start(() -> {
                    try {
                        Socket s = server.accept();
                        keep.add(s);
                        OutputStream out = s.getOutputStream();
                        out.write(prefix.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        for (int i = 0; drip && i < 40; i++) {   // one byte every 20 ms: each read is quick, the reply never ends
                            out.write('x');
                            out.flush();
                            Thread.sleep(20);
                        }
                        Thread.sleep(2000);
                    } catch (IOException | InterruptedException e) {
                        // the client went away: fine
                    }
                });
                try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    long start = System.nanoTime();
                    ReadResult result = ReplyReader.of(client).read(start + 300_000_000L);
                    long tookMillis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(result).isInstanceOf(ReadResult.TimedOut.class);
                    assertThat(tookMillis).as("bounded by the deadline, with room for a loaded machine").isLessThan(5_000);
                } finally {
                    peer.interrupt();
                    for (Socket s : keep) {
                        s.close();
                    }
                }
                return null;
            }));
        }
    }

    @Test
    void limits() throws IOException {
        byte[] longLine = ("250 " + "x".repeat(ReplyReader.MAX_LINE) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(read(longLine)).isInstanceOf(ReadResult.Malformed.class);
        byte[] manyLines = "250-x\r\n".repeat(ReplyReader.MAX_LINES + 5).getBytes(StandardCharsets.US_ASCII);
        assertThat(read(manyLines)).isInstanceOf(ReadResult.Malformed.class);
        assertThat(read("250 ok\n".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(ReadResult.Malformed.class);
        assertThat(read("250 caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1))).isInstanceOf(ReadResult.Received.class);
        assertThat(ReplySyntax.isAscii("5.1.7 (RFC 5321 \u00c2\u00a74.1.2)")).isFalse();
        assertThat(read("250 ok\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(new ReadResult.Received(new ServerReply(250, List.of("250 ok"))));
        assertThat(read("".getBytes(StandardCharsets.US_ASCII))).isEqualTo(new ReadResult.Closed(List.of()));
        assertThat(read("199 x\r\n".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(ReadResult.Malformed.class);
        assertThat(read("250-a\r\n250 b\r\n".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(ReadResult.Received.class);
    }

    interface IoCall<T> {
        T call() throws Exception;
    }

    static <T> T uncheck(IoCall<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
