// mistake: each chunk is searched for "\r\n.\r\n" on its own, so an end split across two reads is missed.
// caught by: RFC 5321 4.1.1.4
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

final class DataReceiver {

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private byte[] rest = new byte[0];
    private boolean done;

    boolean feed(byte[] chunk) {
        if (done) {
            return true;
        }
        String text = new String(chunk, StandardCharsets.ISO_8859_1);
        if (text.replace("\r\n", "").contains("\n")) {
            throw new IllegalArgumentException("bare LF");
        }
        String all = message.toString(StandardCharsets.ISO_8859_1).isEmpty() ? "\r\n" + text : text;
        int end = all.indexOf("\r\n.\r\n");
        if (end < 0) {
            message.writeBytes(chunk);
            return false;
        }
        int offset = all.length() - text.length();
        String body = text.substring(0, Math.max(0, end - offset + 2));
        message.writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        rest = text.substring(end - offset + 5).getBytes(StandardCharsets.ISO_8859_1);
        done = true;
        return true;
    }

    byte[] message() {
        String text = message.toString(StandardCharsets.ISO_8859_1);
        String unstuffed = (text.startsWith(".") ? text.substring(1) : text).replace("\r\n.", "\r\n");
        return unstuffed.getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] rest() {
        return rest;
    }
}
