package io.github.smtplab.benchmarks.mime;

import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.mime.QuotedPrintableCodec;
import io.github.smtplab.mime.QuotedPrintableMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Our hand-written base64 and quoted-printable codecs against the JDK's {@code java.util.Base64} MIME
 * encoder and decoder, measured in the same run (the JDK has no quoted-printable: its MIME base64 encoder
 * is the reference for both).
 *
 * <p>Every operation handles {@value #SIZE} octets (1 MiB): random octets for base64 (an attachment),
 * French UTF-8 text in CRLF lines for quoted-printable (a mail body). Ratios: divide each throughput by
 * {@code jdkMimeEncode} (goal: {@code base64MimeEncode} at least 0.5x) or by its JDK twin.
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
 * benchmarks/run mime.CodecBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CodecBenchmark {

    /** Octets per operation. */
    static final int SIZE = 1 << 20;

    private byte[] binary;
    private byte[] base64Mime;
    private byte[] text;
    private byte[] quotedPrintable;

    /** Same data on every run (fixed seeds). */
    @Setup
    public void makeData() {
        binary = new byte[SIZE];
        new SplittableRandom(4648).nextBytes(binary);
        base64Mime = Base64.getMimeEncoder().encode(binary);
        String line = "La réunion est confirmée demain à 10 h, salle Émeraude ; l'ordre du jour suit.\r\n";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < SIZE) {
            sb.append(line);
        }
        text = sb.toString().getBytes(StandardCharsets.UTF_8);
        quotedPrintable = QuotedPrintableCodec.encodeToBytes(text, QuotedPrintableMode.TEXT);
    }

    /** Reference: the JDK's MIME base64 encoder (76-character lines, CRLF). */
    @Benchmark
    public byte[] jdkMimeEncode() {
        return Base64.getMimeEncoder().encode(binary);
    }

    /** Ours, same output octet for octet. */
    @Benchmark
    public byte[] base64MimeEncode() {
        return Base64Codec.encodeMimeToBytes(binary);
    }

    /** Reference for decoding: the JDK's MIME decoder (which skips line breaks). */
    @Benchmark
    public byte[] jdkMimeDecode() {
        return Base64.getMimeDecoder().decode(base64Mime);
    }

    /** Ours, RFC 2045 §6.8 lenient decoding of the same MIME text. */
    @Benchmark
    public byte[] base64LenientDecode() {
        return Base64Codec.decodeLenient(base64Mime);
    }

    /** Quoted-printable encoding of 1 MiB of French text (about 1 octet in 25 escaped). */
    @Benchmark
    public byte[] quotedPrintableEncode() {
        return QuotedPrintableCodec.encodeToBytes(text, QuotedPrintableMode.TEXT);
    }

    /** Quoted-printable decoding of that text. */
    @Benchmark
    public byte[] quotedPrintableDecode() {
        return QuotedPrintableCodec.decode(quotedPrintable);
    }
}
