package io.github.smtplab.mime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@link QuotedPrintableCodec#decodingStream}: reads one encoded line at a time (at most
 * {@value QuotedPrintableCodec#STREAM_LINE_BUFFER} octets) and decodes it with the one decoder,
 * {@link QuotedPrintableCodec#decode(byte[], int, int)}, so its output is what the one-call decoder returns
 * for the whole input, whatever the read sizes.
 */
final class QuotedPrintableDecodingStream extends InputStream {
    private final InputStream in;
    private final byte[] line = new byte[QuotedPrintableCodec.STREAM_LINE_BUFFER];
    private int lineLength;
    private byte[] decoded = new byte[0];
    private int decodedPos;
    private boolean eof;

    QuotedPrintableDecodingStream(InputStream in) {
        this.in = new BufferedInputStream(in); // fill() reads octet by octet
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (decodedPos == decoded.length) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, decoded.length - decodedPos);
        System.arraycopy(decoded, decodedPos, b, off, n);
        decodedPos += n;
        return n;
    }

    @Override
    public int available() {
        return decoded.length - decodedPos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads up to the end of a line (or a full buffer, or the end) and decodes what is safe to decode. */
    private void fill() throws IOException {
        decodedPos = 0;
        decoded = new byte[0];
        while (lineLength < line.length) {
            int c = in.read();
            if (c < 0) {
                eof = true;
                decoded = QuotedPrintableCodec.decode(line, 0, lineLength); // the last line, as the batch decoder sees it
                lineLength = 0;
                return;
            }
            line[lineLength++] = (byte) c;
            if (c == '\n') {
                decoded = QuotedPrintableCodec.decode(line, 0, lineLength);
                lineLength = 0;
                return;
            }
        }
        // A full buffer without a line end: keep back what the rest of the line could change —
        // trailing white space (rule 3), a final "=" or "=X" (rules 1 and 5), a CR before a LF.
        int keep = lineLength;
        while (keep > 0 && (line[keep - 1] == ' ' || line[keep - 1] == '\t' || line[keep - 1] == '\r'
                || line[keep - 1] == '=' || (keep > 1 && line[keep - 2] == '='))) {
            keep--;
        }
        if (keep == 0) {
            keep = lineLength; // a buffer of nothing but white space and "=": give up holding it (bounded memory)
        }
        decoded = QuotedPrintableCodec.decode(line, 0, keep);
        System.arraycopy(line, keep, line, 0, lineLength - keep);
        lineLength -= keep;
    }
}
