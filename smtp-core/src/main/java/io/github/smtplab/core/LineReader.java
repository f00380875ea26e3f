package io.github.smtplab.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Splits a byte stream into lines ending in CRLF (RFC 5321 §2.3.8), with a hard length limit.
 *
 * <p>One copy for the whole project: the server reads command lines with it (limit
 * {@link #MAX_COMMAND_LINE}, RFC 5321 §4.5.3.1.4) and the client reads reply lines with it (limit
 * {@link #MAX_REPLY_LINE}, RFC 5321 §4.5.3.1.5).
 *
 * <p>It is "sans-I/O": a small state machine that the socket code feeds with whatever bytes arrived.
 * Bytes are never interpreted: a NUL, an 8-bit byte or a CR in the middle of a line are simply part of
 * the line. Only the LF (0x0A) ends a line:
 *
 * <ul>
 *   <li>CR LF ends a {@link Line} (the CRLF itself is not part of it);</li>
 *   <li>a bare LF (no CR before it) is forbidden by RFC 5321 §2.3.8 ("MUST NOT ... except as part of
 *       CRLF"): it ends a {@link BareLf}, unless the reader was built with {@code acceptBareLf}, in which
 *       case it ends a {@link Line} as well (robustness when talking to broken peers);</li>
 *   <li>a line longer than the limit (counting its line ending) becomes a {@link TooLong}: its bytes are
 *       thrown away as they arrive, never buffered, so memory stays bounded by the limit whatever the
 *       peer sends.</li>
 * </ul>
 *
 * <p>Memory: at most {@code maxLineLength - 1} bytes are ever buffered (the line ending's LF is never
 * stored). The buffer starts small and grows only as a line actually gets longer.
 *
 * <p>Not thread-safe: one reader per connection direction.
 */
public final class LineReader {

    /** RFC 5321 §4.5.3.1.4: the maximum total length of a command line, including the CRLF, is 512 octets. */
    public static final int MAX_COMMAND_LINE = 512;

    /** The reply-line limit, {@link Reply#MAX_REPLY_LINE} (RFC 5321 §4.5.3.1.5), under the name the client uses. */
    public static final int MAX_REPLY_LINE = Reply.MAX_REPLY_LINE;

    /** The smallest limit that makes sense: room for the CRLF of an empty line (RFC 5321 §2.3.8). */
    static final int MIN_LINE_LENGTH = 2;

    /** Initial size of the line buffer; it doubles as needed, up to {@code maxLineLength - 1}. */
    private static final int INITIAL_BUFFER = 128;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private int maxLineLength;
    private final boolean acceptBareLf;

    /** The bytes of the unfinished line (never its LF); {@code buffered} of them are in use. */
    private byte[] buffer;
    private int buffered;

    /** True while the rest of an over-long line is being skipped up to its LF. */
    private boolean discarding;
    /** How many bytes of the over-long line have been skipped so far. */
    private long discardedLength;

    /**
     * Creates a reader.
     *
     * @param maxLineLength the longest line accepted, counting its line ending (CRLF, or LF alone when
     *     bare LF is accepted), e.g. {@link #MAX_COMMAND_LINE}; at least 2
     * @param acceptBareLf whether a bare LF ends a normal {@link Line} (lenient) instead of a
     *     {@link BareLf} (strict, RFC 5321 §2.3.8)
     * @throws IllegalArgumentException if {@code maxLineLength < 2}
     */
    public LineReader(int maxLineLength, boolean acceptBareLf) {
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must leave room for CRLF (>= 2): " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.acceptBareLf = acceptBareLf;
        this.buffer = new byte[Math.min(INITIAL_BUFFER, maxLineLength - 1)];
    }

    /**
     * Reads at most one line from {@code in}, advancing {@code in.position()} past what it consumed.
     *
     * <p>Returns {@link NeedMore#INSTANCE} when {@code in} is exhausted without a complete line; the
     * partial line is kept inside (bounded by {@code maxLineLength}) and completed by later calls.
     * Otherwise {@code in.position()} is just after the LF that ended the line, so whatever follows (a
     * pipelined command, RFC 2920) is still in {@code in} for the next call.
     *
     * @param in the bytes received; read from its position to its limit
     * @return the line, or why there is none
     */
    public Result read(ByteBuffer in) {
        Objects.requireNonNull(in, "in");
        while (in.hasRemaining()) {
            if (discarding) {
                Result skipped = skipRestOfLongLine(in);
                if (skipped != null) {
                    return skipped;
                }
                continue;
            }
            // How many more bytes this line may take, its LF included (RFC 5321 §4.5.3.1.4/5 limit).
            int room = maxLineLength - buffered;
            int window = Math.min(in.remaining(), room);
            int lf = indexOfLf(in, window);
            if (lf >= 0) {
                append(in, lf);
                in.get(); // the LF itself
                return endOfLine();
            }
            if (window == room) {
                // `room` bytes seen and none of them an LF: the line is over the limit. Forget it now.
                in.position(in.position() + window);
                discardedLength = (long) buffered + window;
                buffered = 0;
                discarding = true;
                continue;
            }
            append(in, window); // the whole of `in`: a partial line, still within the limit
        }
        return NeedMore.INSTANCE;
    }

    /**
     * Changes the limit for the line in progress and the ones after it: the server allows longer lines
     * during an AUTH exchange (RFC 4954 §4: 12288 octets) than for commands. A line already longer than
     * the new limit is treated as over-long; a buffer grown for a longer limit shrinks back, so an idle
     * connection keeps little memory.
     *
     * @param newMaxLineLength the longest line accepted from now on, counting its line ending; at least 2
     */
    public void setMaxLineLength(int newMaxLineLength) {
        if (newMaxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must leave room for CRLF (>= 2): " + newMaxLineLength);
        }
        maxLineLength = newMaxLineLength;
        if (!discarding && buffered >= maxLineLength) {
            discarding = true;
            discardedLength = buffered;
            buffered = 0;
        }
        if (buffer.length > maxLineLength - 1) {
            buffer = Arrays.copyOf(buffer, Math.max(Math.min(INITIAL_BUFFER, maxLineLength - 1), buffered));
        }
    }

    /**
     * Whether the reader is in the middle of a line: some of its bytes are buffered, or an over-long line
     * is being skipped. At the end of a connection this tells that the peer stopped mid-line.
     *
     * @return true if an unfinished line has begun
     */
    public boolean hasPartialLine() {
        return buffered > 0 || discarding;
    }

    /** How many bytes of the unfinished line are buffered (for tests: never above the limit). */
    int bufferedBytes() {
        return buffered;
    }

    /** The size of the internal buffer (for tests: memory stays bounded by the limit). */
    int bufferCapacity() {
        return buffer.length;
    }

    /** While discarding: skips up to the next LF; returns {@link TooLong} once it is found, else null. */
    private Result skipRestOfLongLine(ByteBuffer in) {
        int lf = indexOfLf(in, in.remaining());
        if (lf < 0) {
            discardedLength += in.remaining();
            in.position(in.limit());
            return null;
        }
        discardedLength += lf + 1;
        in.position(in.position() + lf + 1);
        discarding = false;
        long length = discardedLength;
        discardedLength = 0;
        return new TooLong(length);
    }

    /** The line in the buffer has just been ended by an LF: classify it and start a new one. */
    private Result endOfLine() {
        boolean crlf = buffered > 0 && buffer[buffered - 1] == CR;
        byte[] content = Arrays.copyOf(buffer, crlf ? buffered - 1 : buffered);
        buffered = 0;
        if (crlf || acceptBareLf) {
            return new Line(content);
        }
        return new BareLf(content); // RFC 5321 §2.3.8: LF without CR before it
    }

    /** Offset from {@code in.position()} of the first LF among the next {@code count} bytes, or -1. */
    private static int indexOfLf(ByteBuffer in, int count) {
        int start = in.position();
        if (in.hasArray()) {
            byte[] array = in.array();
            int from = in.arrayOffset() + start;
            for (int i = 0; i < count; i++) {
                if (array[from + i] == LF) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (in.get(start + i) == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Moves {@code count} bytes from {@code in} to the line buffer (the caller checked the limit). */
    private void append(ByteBuffer in, int count) {
        int needed = buffered + count;
        if (needed > buffer.length) {
            // Double, but never past the largest line content the limit allows (maxLineLength - 1).
            int grown = (int) Math.min((long) maxLineLength - 1, Math.max(needed, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, grown);
        }
        in.get(buffer, buffered, count);
        buffered = needed;
    }

    /** What {@link #read(ByteBuffer)} found: a line, an over-long line, a bare-LF line, or nothing yet. */
    public sealed interface Result permits Line, TooLong, BareLf, NeedMore {}

    /**
     * A complete line ended by CRLF (or by a bare LF when the reader accepts it).
     *
     * @param bytes the line without its line ending; a CR not followed by LF stays inside, as do NULs
     */
    public record Line(byte[] bytes) implements Result {

        /** Copies the bytes, so that the line cannot change afterwards. */
        public Line {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        /**
         * The line's bytes.
         *
         * @return a copy of the bytes, without the line ending
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Line line && Arrays.equals(bytes, line.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Line[" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
        }
    }

    /**
     * A line over the limit (RFC 5321 §4.5.3.1.4/§4.5.3.1.5). Everything up to and including its LF was
     * discarded without being buffered, so memory stays bounded whatever the peer sends; this result
     * comes once the LF arrives. The server answers 500 (line too long, RFC 5321 §4.5.3.1.10).
     *
     * @param length how many bytes the line had, its line ending included (more than the limit)
     */
    public record TooLong(long length) implements Result {

        /** Checks that the length is positive. */
        public TooLong {
            if (length < 1) {
                throw new IllegalArgumentException("length must be positive: " + length);
            }
        }
    }

    /**
     * A line ended by an LF without CR before it, which RFC 5321 §2.3.8 forbids; returned only when the
     * reader does not accept bare LF (otherwise the same bytes come as a {@link Line}).
     *
     * @param bytes the line without its LF
     */
    public record BareLf(byte[] bytes) implements Result {

        /** Copies the bytes, so that the result cannot change afterwards. */
        public BareLf {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        /**
         * The line's bytes.
         *
         * @return a copy of the bytes, without the LF
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BareLf line && Arrays.equals(bytes, line.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BareLf[" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
        }
    }

    /** No complete line yet: feed more bytes. */
    public enum NeedMore implements Result {
        /** The only value. */
        INSTANCE
    }
}
