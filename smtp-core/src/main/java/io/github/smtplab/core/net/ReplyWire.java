package io.github.smtplab.core.net;

import io.github.smtplab.core.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The octets of a group of replies, as both shells send them: one write for all (RFC 2920 §3.2). */
final class ReplyWire {

    private ReplyWire() {}

    /** The replies, formatted in order; reply text is ASCII (RFC 5321 §4.2). Empty for no reply. */
    static byte[] bytes(List<Reply> replies) {
        if (replies.size() == 1) {
            return replies.getFirst().format().getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder all = new StringBuilder();
        replies.forEach(r -> all.append(r.format()));
        return all.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
