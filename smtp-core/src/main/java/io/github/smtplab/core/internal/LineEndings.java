package io.github.smtplab.core.internal;

/**
 * The scan both directions of DATA share (the server's {@code DataDecoder} and the client's
 * {@code DotStuffer}): find the next byte that can end a run of ordinary content.
 */
public final class LineEndings {

    public static final byte CR = '\r';
    public static final byte LF = '\n';

    private LineEndings() {}

    /**
     * Index of the first CR or LF in {@code src[from..to)}, or {@code to}. A plain counted loop, which the
     * JIT compiles to tight machine code; this is where nearly all the time of DATA goes.
     */
    public static int indexOfCrOrLf(byte[] src, int from, int to) {
        for (int k = from; k < to; k++) {
            if (isCrOrLf(src[k])) {
                return k;
            }
        }
        return to;
    }

    /**
     * CR and LF are the only bytes that end a run of content. Both are below 14, so the first test alone
     * rejects almost every byte of text (8-bit bytes are negative in Java and fail the second test).
     */
    public static boolean isCrOrLf(byte b) {
        return b <= CR && (b == CR || b == LF);
    }
}
