package io.github.smtplab.auth.dkim;

import java.io.ByteArrayOutputStream;

/** Line ends: DKIM hashes the message as sent, with CRLF (RFC 5322 §2.1, RFC 6376 §5.3). */
public final class LineEndings {

    private LineEndings() {}

    /**
     * The message with each lone LF turned into CRLF (files on Unix usually have LF only). A CRLF already
     * present is kept; a lone CR is kept.
     */
    public static byte[] toCrlf(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 32 + 2);
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
