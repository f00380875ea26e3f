package io.github.smtplab.auth.inbound;

import io.github.smtplab.core.Reply;
import io.github.smtplab.mime.HeaderField;
import io.github.smtplab.mime.Headers;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What to do with a checked message: store it with the trace fields on top, or refuse it with a reply. */
public sealed interface InboundVerdict {

    /**
     * Store the message: {@code added} on top, then its header ({@code rewrittenHeader} when forged result fields
     * had to be removed, else the original octets up to {@code bodyStart}), then the body from {@code bodyStart}.
     *
     * @param report          what the checks found
     * @param added           Authentication-Results and Received-SPF, to prepend (RFC 8601 §2.1, RFC 7208 §9.1)
     * @param rewrittenHeader the header without forged Authentication-Results fields (RFC 8601 §5), if any were found
     * @param bodyStart       where the body starts in the message as received (after the empty line)
     */
    record Deliver(InboundReport report, List<HeaderField> added, Optional<Headers> rewrittenHeader, int bodyStart)
            implements InboundVerdict {
        /** Copies the list; nothing may be null. */
        public Deliver {
            Objects.requireNonNull(report, "report");
            added = List.copyOf(added);
            Objects.requireNonNull(rewrittenHeader, "rewrittenHeader");
        }

        /** The octets that go before the body: the added fields, then the header (original or rewritten). */
        public byte[] headerOctets(byte[] originalHeader) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new Headers(added).toBytes());
            if (rewrittenHeader.isPresent()) {
                out.writeBytes(rewrittenHeader.get().toBytes());
                out.writeBytes(new byte[] {'\r', '\n'}); // the empty line that ends the header (RFC 5322 §2.1)
            } else {
                out.write(originalHeader, 0, Math.min(bodyStart, originalHeader.length));
            }
            return out.toByteArray();
        }

        /** The whole message to store, for a caller that holds {@code message} in memory. */
        public byte[] apply(byte[] message) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
            out.writeBytes(headerOctets(message));
            out.write(message, bodyStart, message.length - bodyStart);
            return out.toByteArray();
        }
    }

    /**
     * Refuse the message with this reply (its text is US-ASCII).
     *
     * @param reply  the 5yz reply for the end of DATA
     * @param report what the checks found, when they ran (a header over the limits is refused before them)
     */
    record Refuse(Reply reply, Optional<InboundReport> report) implements InboundVerdict {
        /** Nothing may be null. */
        public Refuse {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(report, "report");
        }
    }
}
