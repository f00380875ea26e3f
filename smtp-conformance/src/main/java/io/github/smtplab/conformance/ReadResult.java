package io.github.smtplab.conformance;

import java.util.List;

/** What reading one reply gave: a reply, or a typed reason why there is none. */
public sealed interface ReadResult {

    /** A syntactically correct reply. */
    record Received(ServerReply reply) implements ReadResult {}

    /** Bytes that are not a reply by RFC 5321 section 4.2; {@code lines} are what was read. */
    record Malformed(String reason, List<String> lines) implements ReadResult {
        public Malformed {
            lines = List.copyOf(lines);
        }
    }

    /** The server closed the connection; {@code lines} holds a partial reply, if any. */
    record Closed(List<String> lines) implements ReadResult {
        public Closed {
            lines = List.copyOf(lines);
        }
    }

    /** The deadline passed before a complete reply arrived. */
    record TimedOut(List<String> lines) implements ReadResult {
        public TimedOut {
            lines = List.copyOf(lines);
        }
    }
}
