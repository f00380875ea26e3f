import java.io.ByteArrayOutputStream;

/**
 * Exercise 04, reference solution: end of data and unstuffing, byte by byte (RFC 5321 4.1.1.4, 4.5.2, 2.3.8).
 */
final class DataReceiver {

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream rest = new ByteArrayOutputStream();
    private boolean pendingCr;
    private boolean done;

    boolean feed(byte[] chunk) {
        for (byte b : chunk) {
            if (done) {
                rest.write(b);
                continue;
            }
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    endOfLine();
                    continue;
                }
                line.write('\r'); // RFC 5321 2.3.8: a CR without LF is not a line end
            }
            if (b == '\r') {
                pendingCr = true;
            } else if (b == '\n') {
                throw new IllegalArgumentException("RFC 5321 2.3.8: bare LF in the data (only <CRLF> ends a line)");
            } else {
                line.write(b);
            }
        }
        return done;
    }

    private void endOfLine() {
        byte[] text = line.toByteArray();
        line.reset();
        if (text.length == 1 && text[0] == '.') {
            done = true; // RFC 5321 4.1.1.4: <CRLF>.<CRLF>
            return;
        }
        int skip = text.length > 0 && text[0] == '.' ? 1 : 0; // RFC 5321 4.5.2: the first period is deleted
        message.write(text, skip, text.length - skip);
        message.write('\r');
        message.write('\n');
    }

    byte[] message() {
        if (!done) {
            throw new IllegalStateException("the end of data has not been received yet");
        }
        return message.toByteArray();
    }

    byte[] rest() {
        return rest.toByteArray();
    }
}
