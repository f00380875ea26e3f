package io.github.smtplab.core;

/**
 * The size a client declares with {@code MAIL FROM:<...> SIZE=n} (RFC 1870 §3): the octets the server
 * will hold once the DATA stream is read back, "including CR-LF pairs, but not the SMTP DATA command's
 * terminating dot or doubled quoting dots" (RFC 1870 §4 note). RFC 1870 §4 also says the declared size
 * must not be smaller than the message actually sent.
 *
 * <p>That is not simply the length of the content handed to the client, because the {@link DotStuffer}
 * repairs line endings on the way out (RFC 5321 §2.3.8, §4.1.1.4). This counter applies the same rules:
 * <ul>
 *   <li>CRLF counts 2;</li>
 *   <li>a bare CR or a bare LF is sent as CRLF: it counts 2;</li>
 *   <li>content that does not end with a line ending gets CRLF added before the final dot: 2 more;</li>
 *   <li>empty content is sent as the lone dot: 0.</li>
 * </ul>
 *
 * <p>Streaming: feed the content in chunks of any size with {@link #add}, then read {@link #octets()}.
 */
public final class MessageSize {

    private long octets;
    /** The last byte was a CR, already counted as a CRLF: an LF right after it adds nothing. */
    private boolean afterCr;
    /** The last byte ended a line (CR or LF), or nothing was seen yet. */
    private boolean atLineEnd = true;
    private boolean empty = true;

    /** The declared size of a message held whole. */
    public static long of(byte[] content) {
        MessageSize size = new MessageSize();
        size.add(content, 0, content.length);
        return size.octets();
    }

    /** Counts {@code length} more octets of content. */
    public void add(byte[] content, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = content[i];
            if (b == '\n') {
                octets += afterCr ? 0 : 2;   // the LF of a CRLF was counted with its CR; a bare LF becomes CRLF
                afterCr = false;
                atLineEnd = true;
            } else if (b == '\r') {
                octets += 2;                 // CRLF, or a bare CR sent as CRLF
                afterCr = true;
                atLineEnd = true;
            } else {
                octets++;
                afterCr = false;
                atLineEnd = false;
            }
        }
        empty &= length == 0;
    }

    /** The size to declare for what was added so far, as if it were the whole message. */
    public long octets() {
        return empty || atLineEnd ? octets : octets + 2;
    }
}
