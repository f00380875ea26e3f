package io.github.smtplab.auth.dkim.internal;

import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.MessageParser;
import java.util.Arrays;
import java.util.List;

/**
 * A message cut where RFC 5322 §2.1 cuts it: the header fields (original octets kept, from smtp-mime's
 * parser) and the offset where the body starts, after the first empty line.
 *
 * @param fields    the header fields, top to bottom
 * @param message   the whole message (not copied)
 * @param bodyStart the index of the first body octet ({@code message.length} when there is no body)
 */
public record MessageSplit(List<HeaderField> fields, byte[] message, int bodyStart) {

    /** Copies the list. */
    public MessageSplit {
        fields = List.copyOf(fields);
    }

    /**
     * Splits {@code message}. Only the header is given to the MIME parser (the body is never parsed: DKIM hashes
     * its octets as they are), so the cost is the header's, whatever the body holds.
     */
    public static MessageSplit of(byte[] message) {
        int bodyStart = bodyStart(message);
        byte[] header = Arrays.copyOf(message, bodyStart);
        List<HeaderField> fields = MessageParser.parse(header).headers().fields();
        return new MessageSplit(fields, message, bodyStart);
    }

    /** The number of body octets. */
    public int bodyLength() {
        return message.length - bodyStart;
    }

    /** The index after the first empty line (CRLF, or a lone LF as smtp-mime tolerates), else the end. */
    private static int bodyStart(byte[] data) {
        int pos = 0;
        while (pos < data.length) {
            int lf = pos;
            while (lf < data.length && data[lf] != '\n') {
                lf++;
            }
            int contentEnd = lf > pos && data[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd == pos && lf < data.length) {
                return lf + 1;
            }
            pos = lf + 1;
        }
        return data.length;
    }
}
