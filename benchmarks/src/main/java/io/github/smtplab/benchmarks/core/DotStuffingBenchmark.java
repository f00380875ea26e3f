package io.github.smtplab.benchmarks.core;

import io.github.smtplab.core.DataDecoder;
import io.github.smtplab.core.DotStuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast DATA is decoded (server, {@link DataDecoder}) and encoded (client, {@link DotStuffer})
 * compared with the least any DATA reader must do: look at every byte once. The reference,
 * {@link #bareScan()}, counts the {@code \r\n.} sequences (the only place dot-stuffing acts, RFC 5321
 * §4.5.2) without copying anything.
 *
 * <p>All three walk the same 64 MiB of realistic message data: CRLF lines of 60 to 78 printable
 * characters, about 1 in 20 starting with a (stuffed) dot, no bare CR or LF, ending with {@code
 * <CRLF>.<CRLF>}. One operation = the whole buffer; divide the throughputs by each other for the ratios
 * (goal: decode at least 0.8 x bareScan).
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
 * benchmarks/run DotStuffingBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DotStuffingBenchmark {

    /** Size of the message data walked by each operation. */
    static final int DATA_SIZE = 64 << 20;

    /** Size of the reused output buffer, drained whenever it is full (like a socket write buffer). */
    static final int OUT_SIZE = 64 << 10;

    private static final byte[] TERMINATOR = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The DATA stream as a client sends it (already dot-stuffed, ending in CRLF.CRLF). */
    private byte[] data;

    private final ByteBuffer out = ByteBuffer.allocate(OUT_SIZE);

    /** Builds the same pseudo-random message data on every run (fixed seed). */
    @Setup
    public void makeData() {
        data = realisticData(DATA_SIZE, new SplittableRandom(5321));
    }

    /** Reference: one pass over the bytes, counting {@code \r\n.} (the line starts that begin with a dot). */
    @Benchmark
    public int bareScan() {
        byte[] d = data;
        int count = 0;
        for (int i = 0; i + 2 < d.length; i++) {
            if (d[i] == '\r' && d[i + 1] == '\n' && d[i + 2] == '.') {
                count++;
            }
        }
        return count;
    }

    /** Server side: decode the whole stream into a reused 64 KiB buffer, draining it as it fills. */
    @Benchmark
    public long decode() {
        DataDecoder decoder = new DataDecoder(DataDecoder.MAX_TEXT_LINE);
        ByteBuffer in = ByteBuffer.wrap(data);
        DataDecoder.Status status;
        do {
            out.clear(); // "drain": a real server would write these bytes to the spool file here
            status = decoder.decode(in, out);
        } while (status == DataDecoder.Status.NEED_MORE && in.hasRemaining());
        if (status != DataDecoder.Status.END_OF_DATA) {
            throw new IllegalStateException("benchmark data did not decode: " + status);
        }
        return decoder.contentLength();
    }

    /** Client side: stuff the same bytes (as content) into a reused 64 KiB buffer, draining it as it fills. */
    @Benchmark
    public long stuff() {
        DotStuffer stuffer = new DotStuffer();
        ByteBuffer in = ByteBuffer.wrap(data);
        long sent = 0;
        while (in.hasRemaining()) {
            out.clear(); // "drain": a real client would write these bytes to the socket here
            stuffer.encode(in, out);
            sent += out.position();
        }
        out.clear();
        if (!stuffer.finish(out)) {
            throw new IllegalStateException("no room to finish");
        }
        return sent + out.position();
    }

    /**
     * {@code size} bytes of CRLF lines of 60 to 78 printable characters, about 1 in 20 starting with a
     * stuffed dot (".." on the wire), padded and ended with {@code <CRLF>.<CRLF>}.
     */
    static byte[] realisticData(int size, SplittableRandom random) {
        byte[] d = new byte[size];
        int end = size - TERMINATOR.length; // the final CRLF of the last line starts here
        int pos = 0;
        while (true) {
            int length = 60 + random.nextInt(19);
            if (pos + length + 2 > end) {
                break;
            }
            for (int i = 0; i < length; i++) {
                d[pos + i] = (byte) (' ' + 1 + random.nextInt(94)); // '!'..'~'
            }
            if (random.nextInt(20) == 0) {
                d[pos] = '.';
                d[pos + 1] = '.'; // a content line starting with "." is sent stuffed (RFC 5321 §4.5.2)
            }
            pos += length;
            d[pos++] = '\r';
            d[pos++] = '\n';
        }
        // One last line filling the gap exactly, then the terminator.
        for (; pos < end; pos++) {
            d[pos] = 'x';
        }
        System.arraycopy(TERMINATOR, 0, d, end, TERMINATOR.length);
        return d;
    }
}
