package io.github.smtplab.core;

import static io.github.smtplab.core.internal.LineEndings.indexOfCrOrLf;
import static io.github.smtplab.core.internal.LineEndings.isCrOrLf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Client side of DATA (RFC 5321 §4.5.2): turns message content into the bytes sent after the 354 reply.
 *
 * <ul>
 *   <li><b>Transparency</b> (RFC 5321 §4.5.2): "Before sending a line of mail text, the SMTP client
 *       checks the first character of the line. If it is a period, one additional period is inserted at
 *       the beginning of the line." So no content line can look like the terminator.</li>
 *   <li><b>Line endings</b> (RFC 5321 §2.3.8): a client must never send a bare CR or a bare LF, which is
 *       what SMTP smuggling abuses. Each bare LF and each bare CR is sent as CRLF.</li>
 *   <li><b>End of data</b> (RFC 5321 §4.1.1.4): the content is made to end with CRLF (added if it did
 *       not), then ".CRLF" is appended, giving the terminator {@code <CRLF>.<CRLF>}. Empty content is
 *       sent as just ".CRLF".</li>
 * </ul>
 *
 * <p>Streaming and "sans-I/O": call {@link #encode(ByteBuffer, ByteBuffer)} with chunks of any size,
 * then {@link #finish(ByteBuffer)} once. The output never depends on how the content was split.
 *
 * <p>Speed: ordinary text is not handled byte by byte. The encoder scans ahead for the next CR or LF and
 * copies the run with one {@code System.arraycopy}; the run goes on across a CRLF when the next line
 * starts with an ordinary byte (no dot to double). Heap buffers are worked on through their arrays;
 * direct buffers go through a small heap copy.
 *
 * <p>Not thread-safe; one stuffer per message.
 */
public final class DotStuffer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    /** Written by {@link #finish(ByteBuffer)} after the last line: with that line's CRLF, {@code <CRLF>.<CRLF>}. */
    private static final byte[] TERMINATOR_LINE = {DOT, CR, LF};

    /** Size of the heap copies used for direct buffers. */
    private static final int SCRATCH_SIZE = 8192;

    /** No byte is owed to the output. */
    private static final int NOTHING_OWED = -1;

    /** True at the start of a line of output, where a '.' must be doubled (RFC 5321 §4.5.2). */
    private boolean atLineStart = true;
    /** A CR was read last; whatever follows, it is written as CRLF (the LF may be the next byte). */
    private boolean crHeld;
    /** The second byte of a two-byte output ("..", CRLF) that did not fit in {@code out}, or NOTHING_OWED. */
    private int owed = NOTHING_OWED;
    private boolean finished;

    /** Where {@link #encodeArrays} stopped, in its input and output arrays. */
    private int inIndex;
    private int outIndex;

    /** Heap copies for direct buffers, allocated on first use. */
    private byte[] scratchIn;
    private byte[] scratchOut;

    /** Creates a stuffer at the start of a message. */
    public DotStuffer() {
    }

    /**
     * Encodes as much of {@code in} as fits into {@code out} (both advanced); a CR at the end of a chunk is
     * held until the next byte shows whether an LF follows it. Stops when {@code in} is empty or {@code out}
     * is full; makes progress whenever {@code out} has at least one free byte.
     *
     * @param in message content, from its position to its limit
     * @param out where the stuffed bytes go, from its position to its limit
     * @throws IllegalStateException if {@link #finish(ByteBuffer)} has already succeeded
     */
    public void encode(ByteBuffer in, ByteBuffer out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        if (finished) {
            throw new IllegalStateException("finish() has already written the terminator");
        }
        if (in.hasArray() && out.hasArray()) {
            // Heap buffers: work on their arrays directly.
            int inBase = in.arrayOffset();
            int outBase = out.arrayOffset();
            encodeArrays(in.array(), inBase + in.position(), inBase + in.limit(),
                    out.array(), outBase + out.position(), outBase + out.limit());
            in.position(inIndex - inBase);
            out.position(outIndex - outBase);
            return;
        }
        // Direct or read-only buffers: go through small heap copies, a slice at a time.
        if (scratchIn == null) {
            scratchIn = new byte[SCRATCH_SIZE];
            scratchOut = new byte[SCRATCH_SIZE];
        }
        do {
            int length = Math.min(in.remaining(), SCRATCH_SIZE);
            int room = Math.min(out.remaining(), SCRATCH_SIZE);
            in.get(in.position(), scratchIn, 0, length);
            encodeArrays(scratchIn, 0, length, scratchOut, 0, room);
            in.position(in.position() + inIndex);
            out.put(scratchOut, 0, outIndex);
        } while (in.hasRemaining() && out.hasRemaining());
    }

    /**
     * The encoder itself, over {@code src[i..end)} into {@code dst[o..outEnd)}: stops when the input is
     * used up or the output full. Leaves where it stopped in {@link #inIndex} and {@link #outIndex}.
     */
    private void encodeArrays(byte[] src, int i, int end, byte[] dst, int o, int outEnd) {
        while (true) {
            if (owed != NOTHING_OWED && o < outEnd) {
                dst[o++] = (byte) owed;
                owed = NOTHING_OWED;
            }
            if (owed != NOTHING_OWED || o == outEnd || i == end) {
                break;
            }
            byte next = src[i];
            if (crHeld) {
                // The previous byte was a CR: CRLF if this is its LF, a bare CR made into CRLF otherwise.
                crHeld = false;
                if (next == LF) {
                    i++;
                }
                o = writeTwo(dst, o, outEnd, CR, LF);
                atLineStart = true;
            } else if (next == CR) {
                i++;
                crHeld = true; // written once the next byte is known
            } else if (next == LF) {
                i++;
                o = writeTwo(dst, o, outEnd, CR, LF); // bare LF: never sent alone (RFC 5321 §2.3.8)
                atLineStart = true;
            } else if (atLineStart && next == DOT) {
                i++;
                o = writeTwo(dst, o, outEnd, DOT, DOT); // transparency (RFC 5321 §4.5.2)
                atLineStart = false;
            } else {
                int run = contentRun(src, i, i + Math.min(end - i, outEnd - o));
                System.arraycopy(src, i, dst, o, run);
                i += run;
                o += run;
                atLineStart = false;
            }
        }
        inIndex = i;
        outIndex = o;
    }

    /**
     * Ends the message: writes what is held, the final CRLF if the content did not end with one, and
     * ".CRLF". Writes all of it or nothing.
     *
     * @param out where the bytes go
     * @return true when done; false if {@code out} had no room for it (nothing was written: call again
     *     with at least 6 free bytes). Once it returned true, later calls write nothing and return true.
     */
    public boolean finish(ByteBuffer out) {
        Objects.requireNonNull(out, "out");
        if (finished) {
            return true;
        }
        boolean needsCrlf = crHeld || !atLineStart; // the content did not end with a line ending
        int needed = (owed == NOTHING_OWED ? 0 : 1) + (needsCrlf ? 2 : 0) + TERMINATOR_LINE.length;
        if (out.remaining() < needed) {
            return false;
        }
        payOwedByte(out);
        if (needsCrlf) {
            out.put(CR).put(LF);
        }
        out.put(TERMINATOR_LINE);
        crHeld = false;
        atLineStart = true;
        finished = true;
        return true;
    }

    /**
     * Convenience for small messages and tests: the whole stuffed form of {@code content}, terminator
     * included.
     *
     * @param content the message content
     * @return what a client sends after the 354 reply
     */
    public static byte[] stuff(byte[] content) {
        // Worst case every byte doubles ("." at line start, bare LF), plus CRLF and ".CRLF".
        int capacity = Math.addExact(Math.multiplyExact(content.length, 2), 2 + TERMINATOR_LINE.length);
        ByteBuffer out = ByteBuffer.allocate(capacity);
        DotStuffer stuffer = new DotStuffer();
        stuffer.encode(ByteBuffer.wrap(content), out);
        if (!stuffer.finish(out)) {
            throw new IllegalStateException("output buffer sized too small"); // cannot happen, see capacity
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Writes the owed byte if there is room; returns whether {@code out} still has room for more. */
    private boolean payOwedByte(ByteBuffer out) {
        if (owed != NOTHING_OWED && out.hasRemaining()) {
            out.put((byte) owed);
            owed = NOTHING_OWED;
        }
        return owed == NOTHING_OWED && out.hasRemaining();
    }

    /**
     * Writes two bytes at {@code dst[o]} (the caller checked there is room for one); if only the first
     * fits, owes the second. Returns the new output index.
     */
    private int writeTwo(byte[] dst, int o, int outEnd, byte first, byte second) {
        dst[o++] = first;
        if (o < outEnd) {
            dst[o++] = second;
        } else {
            owed = second;
        }
        return o;
    }

    /**
     * How many bytes from {@code src[start]} (content, not CR or LF) up to {@code stop} are sent as they
     * are. The run ends at the first CR or LF, except that it goes on across a CRLF when the next line
     * starts with an ordinary byte (not '.', CR or LF), which needs no stuffing. So stretches of ordinary
     * lines are copied with one {@code System.arraycopy}.
     */
    private static int contentRun(byte[] src, int start, int stop) {
        int k = start;
        while (true) {
            k = indexOfCrOrLf(src, k, stop);
            if (k + 2 < stop && src[k] == CR && src[k + 1] == LF && isOrdinaryLineStart(src[k + 2])) {
                k += 3; // a CRLF, and the next line goes on the run
            } else {
                break; // the end of the window, or a CR or LF that needs a decision
            }
        }
        return k - start;
    }

    /** A line starting with this byte needs nothing special: no dot to double, no line ending. */
    private static boolean isOrdinaryLineStart(byte b) {
        return b != DOT && !isCrOrLf(b);
    }

}
