package io.github.smtplab.pop3;

/**
 * TOP's cut (RFC 1939 §7): the header, the empty line that ends it, then at most {@code n} lines of the
 * body. Fed with chunks of the stored message, it says how much of each chunk belongs to the answer, and
 * then that the rest does not. A line ends at LF (a stored message may use CRLF or LF alone); a header
 * with no empty line after it is all header.
 */
final class TopFilter {

    private final int bodyLines;
    private boolean inHeader = true;
    private int lineLength;           // octets of the current line, CR not counted
    private int bodyLinesSent;
    private boolean done;

    TopFilter(int bodyLines) {
        this.bodyLines = bodyLines;
    }

    /** How many octets of {@code chunk[offset..offset+length)} to send; fewer than length once the cut is reached. */
    int accept(byte[] chunk, int offset, int length) {
        if (done) {
            return 0;
        }
        for (int i = 0; i < length; i++) {
            byte b = chunk[offset + i];
            if (b != '\n') {
                if (b != '\r') {
                    lineLength++;
                }
                continue;
            }
            if (inHeader) {
                inHeader = lineLength != 0;   // the empty line ends the header (RFC 5322 §2.1)
                done = !inHeader && bodyLines == 0;
            } else {
                bodyLinesSent++;
                done = bodyLinesSent >= bodyLines;
            }
            lineLength = 0;
            if (done) {
                return i + 1;
            }
        }
        return length;
    }

    /** True once the header and the lines asked for have gone by. */
    boolean done() {
        return done;
    }
}
