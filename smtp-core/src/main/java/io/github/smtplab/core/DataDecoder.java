package io.github.smtplab.core;

import static io.github.smtplab.core.internal.LineEndings.indexOfCrOrLf;
import static io.github.smtplab.core.internal.LineEndings.isCrOrLf;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Server side of DATA (RFC 5321 §4.1.1.4, §4.5.2): removes the dot-stuffing and finds the end of data.
 *
 * <p><b>The end of data is ONLY {@code <CRLF>.<CRLF>}</b> (RFC 5321 §4.1.1.4). The CRLF before the dot
 * ends the last line and belongs to the message; the ".CRLF" line is the terminator. A "." line as the
 * very first line therefore ends an empty message.
 *
 * <p><b>Transparency</b> (RFC 5321 §4.5.2): "If the first character is a period and there are other
 * characters on the line, the first character is deleted." So {@code "..x"} becomes {@code ".x"} and
 * {@code ".x"} becomes {@code "x"}.
 *
 * <p><b>SMTP smuggling defence</b>: RFC 5321 §2.3.8 forbids a CR or an LF except as the pair CRLF.
 * Servers that accepted look-alike terminators such as {@code <LF>.<LF>} or {@code <LF>.<CRLF>} let an
 * attacker hide a second message inside the first (CVE-2023-51764, -51765, -51766). This decoder stops at
 * the first bare CR or bare LF anywhere in the data with {@link Status#BARE_LINE_ENDING}; the engine then
 * replies {@code 521 5.5.2} and closes the connection (as Postfix does). Nothing but the exact bytes
 * {@code 0D 0A 2E 0D 0A} can ever produce {@link Status#END_OF_DATA}.
 *
 * <p>It is "sans-I/O": a state machine over {@link ByteBuffer}s, fed with chunks of any size, split at
 * any byte. The states, one per thing we may be waiting to learn:
 *
 * <pre>
 *  LINE_START --'.'--> DOT --CR--> DOT_CR --LF--> DONE           (".CRLF" line: end of data)
 *      |                |            \--other--> FAILED         (bare CR)
 *      |                \--other--> IN_LINE                     (the dot was a stuffing dot: dropped)
 *      |--CR--> CR_HELD                                         (an empty line)
 *      \--other--> IN_LINE --CR--> CR_HELD --LF--> LINE_START    (CRLF written)
 *                                     \--other--> FAILED        (bare CR)
 *  any LF not after a CR --> FAILED                             (bare LF)
 * </pre>
 *
 * <p>One more state, {@code CR_WRITTEN}, covers an output buffer with room for the CR of a CRLF but not
 * its LF: the LF is written by the next call. Nothing is ever lost or duplicated when {@code out} fills.
 *
 * <p>Speed: inside a line ({@code IN_LINE}) the decoder does not step through the states byte by byte.
 * It scans ahead for the next CR or LF and copies the whole run with one {@code System.arraycopy}; the
 * run even continues across a CRLF when the next line starts with an ordinary byte, since nothing would
 * be removed there. Only CRs, LFs and dots at line starts go through the state machine one at a time.
 * Heap buffers are worked on through their arrays; direct buffers go through a small heap copy.
 *
 * <p>Not thread-safe: one decoder per connection; {@link #reset()} between messages.
 */
public final class DataDecoder {

    /** RFC 5321 §4.5.3.1.6: the maximum total length of a text line, including the CRLF, is 1000 octets. */
    public static final int MAX_TEXT_LINE = 1000;

    /** The smallest line limit that makes sense: room for the CRLF of an empty line (RFC 5321 §2.3.8). */
    static final int MIN_LINE_LENGTH = 2;

    /** What {@link #decode(ByteBuffer, ByteBuffer)} reached. */
    public enum Status {
        /** {@code in} is empty or {@code out} is full: drain {@code out} and/or read more, then call again. */
        NEED_MORE,
        /** The terminator {@code <CRLF>.<CRLF>} has been consumed: the message is complete. */
        END_OF_DATA,
        /** A bare CR or bare LF (RFC 5321 §2.3.8) was seen: decoding stopped; reply 521 and close. */
        BARE_LINE_ENDING
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    /** Size of the heap copies used for direct buffers (see decodeThroughScratch). */
    private static final int SCRATCH_SIZE = 8192;

    /** Where the decoder is in the grammar of the DATA stream (see the diagram in the class comment). */
    private enum State {
        /** At the start of a line, where a '.' is special (RFC 5321 §4.5.2). */
        LINE_START,
        /** A '.' began the line and was removed; the next byte decides whether it was the terminator. */
        DOT,
        /** ".CR" began the line: an LF now completes the terminator, anything else is a bare CR. */
        DOT_CR,
        /** Inside a line: ordinary content. */
        IN_LINE,
        /** A CR was read and held back (not written): only an LF may follow it (RFC 5321 §2.3.8). */
        CR_HELD,
        /** The CR of a CRLF has been written; the LF (still first in {@code in}) is written next. */
        CR_WRITTEN,
        /** The terminator has been consumed. */
        DONE,
        /** A bare CR or LF was seen. */
        FAILED
    }

    /** Longest line content allowed, i.e. the limit minus the CRLF. */
    private final long maxLineContent;

    private State state = State.LINE_START;
    /** Content bytes of the current line so far (a removed stuffing dot does not count, §4.5.3.1.6). */
    private long lineLength;
    private boolean lineTooLong;
    private long contentLength;

    /** Where {@link #decodeArrays} stopped, in its input and output arrays. */
    private int inIndex;
    private int outIndex;

    private byte[] scratchIn;
    private byte[] scratchOut;

    /**
     * Creates a decoder at the start of a message.
     *
     * @param maxLineLength the longest text line, counting its CRLF, e.g. {@link #MAX_TEXT_LINE};
     *     {@link Integer#MAX_VALUE} for no limit. Over-long lines do NOT stop decoding: they only set
     *     {@link #lineTooLong()}, so the engine can reject the message after reading all of it.
     * @throws IllegalArgumentException if {@code maxLineLength < 2}
     */
    public DataDecoder(int maxLineLength) {
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must leave room for CRLF (>= 2): " + maxLineLength);
        }
        this.maxLineContent = maxLineLength == Integer.MAX_VALUE ? Long.MAX_VALUE : maxLineLength - 2L;
    }

    /**
     * Decodes from {@code in} into {@code out} (both advanced) until {@code in} is empty or {@code out} is
     * full ({@link Status#NEED_MORE}), the terminator has been consumed ({@link Status#END_OF_DATA}:
     * {@code in.position()} is just after its final LF, so pipelined commands after it stay in {@code in}),
     * or a bare CR or LF is seen ({@link Status#BARE_LINE_ENDING}: {@code in.position()} is just past the
     * offending CR or LF).
     *
     * <p>Content bytes are written to {@code out} exactly, minus the removed leading dots; a CR at the end
     * of a chunk is held until the next byte decides what it is. The result is the same however the input
     * is split into chunks. Once {@code END_OF_DATA} or {@code BARE_LINE_ENDING} has been returned, later
     * calls return it again without consuming anything, until {@link #reset()}.
     *
     * @param in bytes received from the client, from its position to its limit
     * @param out where the message content goes, from its position to its limit
     * @return how far decoding got
     */
    public Status decode(ByteBuffer in, ByteBuffer out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        if (in.hasArray() && out.hasArray()) {
            // Heap buffers: run the state machine on their arrays directly.
            int inBase = in.arrayOffset();
            int outBase = out.arrayOffset();
            Status status = decodeArrays(in.array(), inBase + in.position(), inBase + in.limit(),
                    out.array(), outBase + out.position(), outBase + out.limit());
            in.position(inIndex - inBase);
            out.position(outIndex - outBase);
            return status;
        }
        return decodeThroughScratch(in, out);
    }

    /**
     * Direct (off-heap) or read-only buffers: copy a slice of {@code in} to a heap array, decode it, copy
     * the content to {@code out}; repeat. The scratch arrays are small and allocated once, on first use.
     */
    private Status decodeThroughScratch(ByteBuffer in, ByteBuffer out) {
        if (scratchIn == null) {
            scratchIn = new byte[SCRATCH_SIZE];
            scratchOut = new byte[SCRATCH_SIZE];
        }
        while (true) {
            int length = Math.min(in.remaining(), SCRATCH_SIZE);
            int room = Math.min(out.remaining(), SCRATCH_SIZE);
            in.get(in.position(), scratchIn, 0, length);
            Status status = decodeArrays(scratchIn, 0, length, scratchOut, 0, room);
            in.position(in.position() + inIndex);
            out.put(scratchOut, 0, outIndex);
            if (status != Status.NEED_MORE || !in.hasRemaining() || !out.hasRemaining()) {
                return status;
            }
        }
    }

    /**
     * The state machine itself, over {@code src[i..end)} into {@code dst[o..outEnd)}. Leaves where it
     * stopped in {@link #inIndex} and {@link #outIndex}.
     */
    private Status decodeArrays(byte[] src, int i, int end, byte[] dst, int o, int outEnd) {
        int outStart = o;
        Status result = Status.NEED_MORE;
        if (state == State.DONE) {
            result = Status.END_OF_DATA;
        } else if (state == State.FAILED) {
            result = Status.BARE_LINE_ENDING;
        }
        decoding:
        while (result == Status.NEED_MORE && i < end) {
            byte next = src[i]; // look first; each state decides whether to consume it
            switch (state) {
                case IN_LINE -> {
                    if (next == CR) {
                        i++;
                        state = State.CR_HELD;
                    } else if (next == LF) {
                        i++;
                        state = State.FAILED; // bare LF inside a line (§2.3.8)
                    } else if (o == outEnd) {
                        break decoding; // out is full
                    } else {
                        int run = contentRun(src, i, i + Math.min(end - i, outEnd - o));
                        System.arraycopy(src, i, dst, o, run);
                        i += run;
                        o += run;
                    }
                }
                case LINE_START -> {
                    if (next == DOT) {
                        i++; // removed: either a stuffing dot or the start of the terminator
                        state = State.DOT;
                    } else if (next == CR) {
                        i++;
                        state = State.CR_HELD;
                    } else if (next == LF) {
                        i++;
                        state = State.FAILED; // bare LF at the start of a line (e.g. "\r\n\n")
                    } else {
                        state = State.IN_LINE;
                    }
                }
                case DOT -> {
                    if (next == CR) {
                        i++;
                        state = State.DOT_CR;
                    } else if (next == LF) {
                        i++;
                        state = State.FAILED; // "<CRLF>.<LF>": a bare LF, not a terminator
                    } else {
                        state = State.IN_LINE; // "..x" or ".x": the first dot was transparency (§4.5.2)
                    }
                }
                case DOT_CR -> {
                    if (next == LF) {
                        i++;
                        state = State.DONE; // <CRLF>.<CRLF>: the only end of data (§4.1.1.4)
                    } else {
                        state = State.FAILED; // "<CRLF>.<CR>x": a bare CR
                    }
                }
                case CR_HELD -> {
                    if (next != LF) {
                        state = State.FAILED; // a CR not followed by LF (§2.3.8)
                    } else if (outEnd - o >= 2) {
                        dst[o++] = CR;
                        dst[o++] = LF;
                        i++;
                        startLine();
                    } else if (o < outEnd) {
                        dst[o++] = CR; // room for the CR only: the LF is written in the next step
                        state = State.CR_WRITTEN;
                    } else {
                        break decoding; // out is full
                    }
                }
                case CR_WRITTEN -> {
                    if (o == outEnd) {
                        break decoding; // out is full
                    }
                    dst[o++] = LF;
                    i++;
                    startLine();
                }
                default -> throw new IllegalStateException("unreachable: " + state);
            }
            if (state == State.DONE) {
                result = Status.END_OF_DATA;
            } else if (state == State.FAILED) {
                result = Status.BARE_LINE_ENDING;
            }
        }
        contentLength += o - outStart;
        inIndex = i;
        outIndex = o;
        return result;
    }

    /**
     * The hot path: how many bytes from {@code src[start]} (content, not CR or LF) up to {@code stop} can
     * be copied as they are. The run ends at the first CR or LF, except that it goes on across a CRLF
     * when the next line starts with an ordinary byte (not '.', CR or LF): there the state machine would
     * only go CR_HELD, LINE_START, IN_LINE and write the same bytes. So whole stretches of ordinary lines
     * are copied with one {@code System.arraycopy}. Tracks line lengths (RFC 5321 §4.5.3.1.6) on the way.
     */
    private int contentRun(byte[] src, int start, int stop) {
        long lineBegin = start - lineLength; // where the current line's content began (may be before start)
        int k = start;
        while (true) {
            k = indexOfCrOrLf(src, k, stop);
            if (k + 2 < stop && src[k] == CR && src[k + 1] == LF && isOrdinaryLineStart(src[k + 2])) {
                noteLineLength(k - lineBegin); // a line ends at this CRLF; the next one goes on the run
                lineBegin = k + 2;
                k += 3;
            } else {
                break; // the end of the window, or a CR or LF the state machine must look at
            }
        }
        noteLineLength(k - lineBegin);
        lineLength = k - lineBegin;
        return k - start;
    }

    /** Sets {@link #lineTooLong()} if a line's content is over the limit (RFC 5321 §4.5.3.1.6). */
    private void noteLineLength(long contentBytes) {
        if (contentBytes > maxLineContent) {
            lineTooLong = true; // decoding goes on: the engine decides what to reply after the end
        }
    }

    /** A line starting with this byte needs nothing special: no dot to remove, no line ending. */
    private static boolean isOrdinaryLineStart(byte b) {
        return b != DOT && !isCrOrLf(b);
    }

    /** A CRLF has been written: the next byte starts a new line. */
    private void startLine() {
        lineLength = 0;
        state = State.LINE_START;
    }

    /**
     * Whether some line of this message was over the limit given to the constructor (RFC 5321
     * §4.5.3.1.6), its CRLF counted and a removed stuffing dot not. Set as soon as the line grows past it.
     *
     * @return true if a line was too long
     */
    public boolean lineTooLong() {
        return lineTooLong;
    }

    /**
     * How many content bytes have been written to {@code out} since the start of the message (or the
     * last {@link #reset()}).
     *
     * @return the content length so far
     */
    public long contentLength() {
        return contentLength;
    }

    /** Gets ready for the next message: at the start of a line, no content yet, no over-long line. */
    public void reset() {
        state = State.LINE_START;
        lineLength = 0;
        lineTooLong = false;
        contentLength = 0;
    }

    /**
     * Convenience for small messages and tests: the content of a complete DATA stream.
     *
     * @param dataWithTerminator the bytes sent after the 354 reply, ending with {@code <CRLF>.<CRLF>} (or
     *     just {@code ".\r\n"} for an empty message), with nothing after it
     * @return the message content, dot-stuffing removed
     * @throws IllegalArgumentException on a bare CR or LF, a missing terminator, or bytes after it
     */
    public static byte[] unstuff(byte[] dataWithTerminator) {
        ByteBuffer in = ByteBuffer.wrap(dataWithTerminator);
        ByteBuffer out = ByteBuffer.allocate(dataWithTerminator.length); // content is never longer
        Status status = new DataDecoder(Integer.MAX_VALUE).decode(in, out);
        switch (status) {
            case BARE_LINE_ENDING -> throw new IllegalArgumentException(
                    "bare CR or LF at offset " + (in.position() - 1) + " (RFC 5321 section 2.3.8)");
            case NEED_MORE -> throw new IllegalArgumentException("no <CRLF>.<CRLF> terminator (RFC 5321 section 4.1.1.4)");
            case END_OF_DATA -> {
                if (in.hasRemaining()) {
                    throw new IllegalArgumentException(in.remaining() + " bytes after the terminator");
                }
            }
        }
        byte[] content = new byte[out.position()];
        out.flip().get(content);
        return content;
    }

}
