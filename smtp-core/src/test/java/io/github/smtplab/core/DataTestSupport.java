package io.github.smtplab.core;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * Shared test helpers for the DATA and line tests: generators built from the RFC 5321 grammar plus
 * hostile bytes, chunked drivers for the sans-I/O classes, and small reference models written the
 * "obvious" way (whole arrays, line by line) to check the streaming state machines against.
 */
final class DataTestSupport {

    static final byte CR = '\r';
    static final byte LF = '\n';

    private DataTestSupport() {}

    /** ISO-8859-1 bytes of a string: every char 0..255 is one byte, so "\0" or "\u00ff" stay one byte. */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- generators

    /** The generator, printing its values readably ("a\\r\\n.\\x00") when a property fails. */
    static Gen<byte[]> shown(Gen<byte[]> gen) {
        return gen.describedAs(DataTestSupport::show);
    }

    /** Bytes as Java-like escaped text: CR, LF, NUL and non-ASCII bytes are visible. */
    static String show(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : bytes) {
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '"', '\\' -> out.append('\\').append((char) b);
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02X", b & 0xFF));
                    }
                }
            }
        }
        return out.append('"').append(" (").append(bytes.length).append(" bytes)").toString();
    }

    /**
     * Text-line content without CR or LF (RFC 5321 §4.5.2 lines): ordinary text, lines made of or
     * starting with dots, empty lines, NULs and 8-bit bytes, and long lines (up to 1200 bytes, over the
     * 1000-octet limit of §4.5.3.1.6).
     */
    static Gen<byte[]> textLines() {
        Gen<byte[]> special = arbitrary().pick(List.of(
                        "", ".", "..", "...", ".x", "x.", ". ", "..\u0000", "\u0000.", "From me", ".\u00ff",
                        "QUIT", "MAIL FROM:<a@b.example>"))
                .map(DataTestSupport::bytes);
        Gen<byte[]> random = lists().of(arbitrary().pick(List.of(
                        (byte) 'a', (byte) ' ', (byte) '.', (byte) 0, (byte) 0xFF, (byte) 0x7F, (byte) 'Z')))
                .ofSizeBetween(0, 12)
                .map(DataTestSupport::toBytes);
        Gen<byte[]> longLine = integers().between(900, 1200).zip(arbitrary().pick(List.of("", ".")),
                (n, prefix) -> {
                    byte[] line = new byte[n];
                    Arrays.fill(line, (byte) 'L');
                    return concat(bytes(prefix), line);
                });
        return special.mix(random, 50).mix(longLine, 5);
    }

    /** A message body made of text lines, each ended with CRLF (the form RFC 5321 §4.5.2 transmits). */
    static Gen<byte[]> crlfBodies() {
        return shown(lists().of(textLines()).ofSizeBetween(0, 12).map(lines -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] line : lines) {
                out.writeBytes(line);
                out.write(CR);
                out.write(LF);
            }
            return out.toByteArray();
        }));
    }

    /** Short CRLF bodies (a few short lines, dots and terminator look-alikes) for exhaustive split tests. */
    static Gen<byte[]> shortCrlfBodies() {
        Gen<byte[]> line = arbitrary().pick(List.of("", ".", "..", ".x", "x", "a.b", "\u0000.", ". .")).map(DataTestSupport::bytes);
        return shown(lists().of(line).ofSizeBetween(0, 5).map(lines -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] l : lines) {
                out.writeBytes(l);
                out.write(CR);
                out.write(LF);
            }
            return out.toByteArray();
        }));
    }

    /**
     * Hostile bytes: the pieces SMTP smuggling is built from (bare CR, bare LF, NUL, dots, CRLF, the
     * real terminator) mixed with ordinary text, in any order.
     */
    static Gen<byte[]> hostileBytes(int maxTokens) {
        Gen<byte[]> token = arbitrary().pick(List.of(
                        "\r", "\n", "\r\n", ".", "\u0000", "x", "ab", "\r\n.", ".\r\n", "\r\n.\r\n", "\n.\n",
                        "\r.\r", "\u00ff"))
                .map(DataTestSupport::bytes);
        return shown(lists().of(token).ofSizeBetween(0, maxTokens).map(tokens -> concat(tokens.toArray(byte[][]::new))));
    }

    /** Arbitrary chunk sizes (applied cyclically) to split an input at random byte boundaries. */
    static Gen<int[]> chunkSizes() {
        return lists().of(integers().between(1, 17)).ofSizeBetween(1, 8)
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .describedAs(sizes -> "chunks of " + Arrays.toString(sizes));
    }

    /** Capacity of the output buffer: tiny ones (1 byte) force every "out is full" path. */
    static Gen<Integer> outCapacities() {
        return integers().between(1, 9).mix(integers().between(64, 4096), 30);
    }

    static byte[] toBytes(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    // ---------------------------------------------------------------- drivers

    /** What a DataDecoder did with a whole input: status, content, bytes consumed, flags. */
    record Decoded(DataDecoder.Status status, List<Byte> content, int consumed, boolean lineTooLong) {

        static Decoded of(DataDecoder.Status status, byte[] content, int consumed, boolean lineTooLong) {
            Byte[] boxed = new Byte[content.length];
            for (int i = 0; i < content.length; i++) {
                boxed[i] = content[i];
            }
            return new Decoded(status, List.of(boxed), consumed, lineTooLong);
        }

        byte[] contentBytes() {
            return toBytes(content);
        }
    }

    /** Decodes the whole input at once into a roomy output buffer. */
    static Decoded decodeAtOnce(byte[] data, int maxLineLength) {
        return decodeInChunks(data, new int[] {Math.max(1, data.length)}, Math.max(1, data.length), maxLineLength);
    }

    /**
     * Feeds {@code data} to a fresh decoder in chunks of the given sizes (cyclically), with an output
     * buffer of {@code outCapacity} bytes drained whenever the decoder asks for more, like an engine does.
     * Stops at the first status other than NEED_MORE, or when all input has been fed.
     */
    static Decoded decodeInChunks(byte[] data, int[] chunkSizes, int outCapacity, int maxLineLength) {
        return decodeInChunks(data, chunkSizes, outCapacity, maxLineLength, false);
    }

    /** As above; with {@code direct}, input and output are direct (off-heap) buffers, as sockets use. */
    static Decoded decodeInChunks(byte[] data, int[] chunkSizes, int outCapacity, int maxLineLength, boolean direct) {
        DataDecoder decoder = new DataDecoder(maxLineLength);
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(outCapacity) : ByteBuffer.allocate(outCapacity);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int fed = 0;
        int chunk = 0;
        DataDecoder.Status status = DataDecoder.Status.NEED_MORE;
        if (data.length == 0) {
            status = decoder.decode(ByteBuffer.allocate(0), out);
        }
        while (fed < data.length && status == DataDecoder.Status.NEED_MORE) {
            int size = Math.min(chunkSizes[chunk++ % chunkSizes.length], data.length - fed);
            // A fresh buffer per chunk, as if each network read brought exactly these bytes.
            ByteBuffer in = ByteBuffer.wrap(Arrays.copyOfRange(data, fed, fed + size));
            if (direct) {
                in = ByteBuffer.allocateDirect(size).put(in).flip();
            }
            do {
                status = decoder.decode(in, out);
                drain(out, content);
            } while (status == DataDecoder.Status.NEED_MORE && in.hasRemaining());
            fed += in.position();
        }
        if (decoder.contentLength() != content.size()) {
            throw new AssertionError("contentLength() " + decoder.contentLength() + " but wrote " + content.size());
        }
        return Decoded.of(status, content.toByteArray(), fed, decoder.lineTooLong());
    }

    /** Stuffs {@code content} in chunks, with an output buffer of {@code outCapacity} bytes. */
    static byte[] stuffInChunks(byte[] content, int[] chunkSizes, int outCapacity) {
        return stuffInChunks(content, chunkSizes, outCapacity, false);
    }

    /** As above; with {@code direct}, input and output are direct (off-heap) buffers. */
    static byte[] stuffInChunks(byte[] content, int[] chunkSizes, int outCapacity, boolean direct) {
        DotStuffer stuffer = new DotStuffer();
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(outCapacity) : ByteBuffer.allocate(outCapacity);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int fed = 0;
        int chunk = 0;
        while (fed < content.length) {
            int size = Math.min(chunkSizes[chunk++ % chunkSizes.length], content.length - fed);
            ByteBuffer in = ByteBuffer.wrap(content, fed, size);
            if (direct) {
                in = ByteBuffer.allocateDirect(size).put(in).flip();
            }
            while (in.hasRemaining()) {
                stuffer.encode(in, out);
                drain(out, sent);
            }
            fed += size;
        }
        drain(out, sent);
        if (!stuffer.finish(out)) {
            // Only a buffer smaller than the 6 bytes finish() may need; it wrote nothing, so retry bigger.
            if (out.position() != 0) {
                throw new AssertionError("finish() returned false but wrote " + out.position() + " bytes");
            }
            out = ByteBuffer.allocate(6);
            if (!stuffer.finish(out)) {
                throw new AssertionError("finish() failed with 6 free bytes");
            }
        }
        drain(out, sent);
        return sent.toByteArray();
    }

    private static void drain(ByteBuffer out, ByteArrayOutputStream sink) {
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        sink.writeBytes(bytes);
        out.clear();
    }

    // ---------------------------------------------------------------- reference models

    /**
     * RFC 5321 §2.3.8 for a client: every CRLF, bare CR and bare LF becomes CRLF; non-empty content
     * gets a final CRLF if it lacks one.
     */
    static byte[] normaliseLineEndings(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == CR) {
                out.write(CR);
                out.write(LF);
                if (i + 1 < content.length && content[i + 1] == LF) {
                    i++; // the LF of this CRLF
                }
            } else if (b == LF) {
                out.write(CR);
                out.write(LF);
            } else {
                out.write(b);
            }
        }
        byte[] normal = out.toByteArray();
        int n = normal.length;
        if (n > 0 && !(n >= 2 && normal[n - 2] == CR && normal[n - 1] == LF)) {
            return concat(normal, new byte[] {CR, LF});
        }
        return normal;
    }

    /**
     * RFC 5321 §4.5.2 the textbook way: split the normalised content into lines, put an extra "." before
     * each line starting with ".", then add the ".CRLF" line.
     */
    static byte[] referenceStuff(byte[] content) {
        byte[] normal = normaliseLineEndings(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lineStart = 0;
        for (int i = 0; i + 1 < normal.length; i++) {
            if (normal[i] == CR && normal[i + 1] == LF) {
                if (i > lineStart && normal[lineStart] == '.') {
                    out.write('.');
                }
                out.write(normal, lineStart, i + 2 - lineStart);
                lineStart = i + 2;
                i++;
            }
        }
        out.writeBytes(bytes(".\r\n"));
        return out.toByteArray();
    }

    /**
     * RFC 5321 §4.1.1.4, §4.5.2 and §2.3.8 the textbook way, over a whole input: take one line at a time
     * (up to the first CR or LF); a line ended by CRLF is either "." (the end) or content, minus a leading
     * dot; any other CR or LF is bare and stops everything. A partial last line counts as content so far.
     */
    static Decoded referenceDecode(byte[] data, int maxLineLength) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        boolean tooLong = false;
        int lineStart = 0;
        while (true) {
            int end = lineStart;
            while (end < data.length && data[end] != CR && data[end] != LF) {
                end++;
            }
            boolean dot = end > lineStart && data[lineStart] == '.';
            int textStart = dot ? lineStart + 1 : lineStart;
            tooLong |= (long) (end - textStart) + 2 > maxLineLength;
            boolean terminatorLine = dot && end == lineStart + 1;
            if (end == data.length || data[end] == CR && end + 1 == data.length) {
                content.write(data, textStart, end - textStart); // incomplete: the line so far
                return Decoded.of(DataDecoder.Status.NEED_MORE, content.toByteArray(), data.length, tooLong);
            }
            if (data[end] == LF || data[end + 1] != LF) {
                content.write(data, textStart, end - textStart);
                return Decoded.of(DataDecoder.Status.BARE_LINE_ENDING, content.toByteArray(), end + 1, tooLong);
            }
            if (terminatorLine) {
                return Decoded.of(DataDecoder.Status.END_OF_DATA, content.toByteArray(), end + 2, tooLong);
            }
            content.write(data, textStart, end + 2 - textStart);
            lineStart = end + 2;
        }
    }
}
