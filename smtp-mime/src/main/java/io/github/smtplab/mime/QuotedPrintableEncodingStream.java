package io.github.smtplab.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The one quoted-printable encoder of smtplab (RFC 2045 §6.7; the rules are listed in
 * {@link QuotedPrintableCodec}), incremental: {@link QuotedPrintableCodec#encodingStream} returns it and
 * {@link QuotedPrintableCodec#encodeToBytes} writes the whole input to it at once, so both give the same
 * output whatever the write sizes. It holds back one SPACE/TAB (rule 3) or CR (rule 4) until the next
 * octet tells what it is.
 */
final class QuotedPrintableEncodingStream extends FilterOutputStream {
    private final QuotedPrintableMode mode;
    /** Characters already on the current encoded line. */
    private int column;
    /** A SPACE or TAB held back until we know whether a line break follows (rule 3), or -1. */
    private int heldWhiteSpace = -1;
    /** In TEXT mode, a CR held back until we know whether LF follows (rule 4). */
    private boolean heldCr;
    private boolean closed;
    private final byte[] buffer = new byte[4096];
    private int used;

    QuotedPrintableEncodingStream(OutputStream out, QuotedPrintableMode mode) {
        super(out);
        this.mode = mode;
    }

    /**
     * Same result as {@link #write(int)} for each octet; runs of rule-2 literals (and single SPACE or
     * TAB between them) are copied in one go (speed only), everything else goes octet by octet.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int i = off;
        while (i < end) {
            if (heldCr || heldWhiteSpace >= 0 || !QuotedPrintableCodec.LITERAL[b[i] & 0xff]) {
                write(b[i++]);
                continue;
            }
            if (column >= QuotedPrintableCodec.MAX_LINE_LENGTH - 1) {
                makeRoom(1); // rule 5: soft line break
            }
            int stop = Math.min(end, i + (QuotedPrintableCodec.MAX_LINE_LENGTH - 1 - column));
            int j = i;
            while (j < stop) {
                if (QuotedPrintableCodec.LITERAL[b[j] & 0xff]) {
                    j++;
                } else if ((b[j] == ' ' || b[j] == '\t') && j + 1 < stop && QuotedPrintableCodec.LITERAL[b[j + 1] & 0xff]) {
                    j += 2; // rule 3: white space followed by a literal on the same line stays literal
                } else {
                    break;
                }
            }
            putRange(b, i, j);
            column += j - i;
            i = j;
        }
    }

    private void putRange(byte[] b, int from, int to) throws IOException {
        while (from < to) {
            if (used == buffer.length) {
                out.write(buffer, 0, used);
                used = 0;
            }
            int n = Math.min(to - from, buffer.length - used);
            System.arraycopy(b, from, buffer, used, n);
            used += n;
            from += n;
        }
    }

    @Override
    public void write(int octet) throws IOException {
        int b = octet & 0xff;
        if (heldCr) {
            heldCr = false;
            if (b == '\n') {
                releaseWhiteSpace(true);
                hardBreak();
                return;
            }
            releaseWhiteSpace(false);
            emitEncoded('\r');
        }
        if (mode == QuotedPrintableMode.TEXT && b == '\r') {
            heldCr = true;
            return;
        }
        releaseWhiteSpace(false);
        if (b == ' ' || b == '\t') {
            heldWhiteSpace = b;
        } else if (QuotedPrintableCodec.isLiteral(b)) {
            emitLiteral(b);
        } else {
            emitEncoded(b);
        }
    }

    /** Writes the held white space: encoded if it ends a line (rule 3), literally otherwise. */
    private void releaseWhiteSpace(boolean endOfLine) throws IOException {
        if (heldWhiteSpace < 0) {
            return;
        }
        int ws = heldWhiteSpace;
        heldWhiteSpace = -1;
        if (endOfLine) {
            emitEncoded(ws);
        } else {
            emitLiteral(ws);
        }
    }

    private void emitLiteral(int b) throws IOException {
        makeRoom(1);
        put(b);
        column += 1;
    }

    private void emitEncoded(int b) throws IOException {
        makeRoom(3);
        put('=');
        put(QuotedPrintableCodec.HEX[b >>> 4]);
        put(QuotedPrintableCodec.HEX[b & 0xf]);
        column += 3;
    }

    /**
     * Rule 5: keep 1 column for a soft break's "=", so a line is never longer than 76 characters;
     * "=XY" is never cut.
     */
    private void makeRoom(int width) throws IOException {
        if (column + width > QuotedPrintableCodec.MAX_LINE_LENGTH - 1) {
            put('=');
            put('\r');
            put('\n');
            column = 0;
        }
    }

    private void hardBreak() throws IOException {
        put('\r');
        put('\n');
        column = 0;
    }

    private void put(int b) throws IOException {
        if (used == buffer.length) {
            out.write(buffer, 0, used);
            used = 0;
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (heldCr) {
            heldCr = false;
            releaseWhiteSpace(false);
            emitEncoded('\r');
        }
        releaseWhiteSpace(true); // end of data is the end of a line
        flush();
        out.close();
    }
}
