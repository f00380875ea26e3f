package io.github.smtplab.pop3;

import io.github.smtplab.core.DotStuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a POP3 server says (RFC 1939 §3): a status indicator {@code +OK} or {@code -ERR} with text, maybe
 * followed by a multi-line block ended by a line holding only "." (byte-stuffed: a line starting with "."
 * gets one more, the same rule as SMTP's DATA, done by smtp-core's {@link DotStuffer}); or, during AUTH,
 * a continuation {@code + base64} (RFC 5034 §4).
 *
 * <p>Every text here is US-ASCII; a response line is at most 512 octets with its CRLF (RFC 2449 §4).
 */
public sealed interface Pop3Response {

    /** The first line, without CRLF. */
    String firstLine();

    /** {@code +OK text}. */
    record Ok(String text) implements Pop3Response {
        public Ok {
            text = Pop3Text.checked(text);
        }

        @Override
        public String firstLine() {
            return text.isEmpty() ? "+OK" : "+OK " + text;
        }
    }

    /** {@code -ERR [CODE] text}: the code, when present, is for the client's program (RFC 2449 §8). */
    record Err(Optional<ResponseCode> code, String text) implements Pop3Response {
        public Err {
            Objects.requireNonNull(code, "code");
            text = Pop3Text.checked(text);
        }

        /** An error without a response code. */
        public static Err of(String text) {
            return new Err(Optional.empty(), text);
        }

        /** An error with a response code. */
        public static Err of(ResponseCode code, String text) {
            return new Err(Optional.of(code), text);
        }

        @Override
        public String firstLine() {
            return "-ERR " + code.map(c -> "[" + c.wire() + "] ").orElse("") + text;
        }
    }

    /** {@code +OK text}, then {@code lines} (byte-stuffed on the wire), then ".". CAPA, LIST, UIDL. */
    record MultiLine(String text, List<String> lines) implements Pop3Response {
        public MultiLine {
            text = Pop3Text.checked(text);
            lines = List.copyOf(lines);
            lines.forEach(Pop3Text::checked);
        }

        @Override
        public String firstLine() {
            return "+OK " + text;
        }

        /** The whole response as sent, terminator included. */
        public byte[] toBytes() {
            StringBuilder block = new StringBuilder();
            lines.forEach(line -> block.append(line).append("\r\n"));
            byte[] stuffed = DotStuffer.stuff(block.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] first = (firstLine() + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[first.length + stuffed.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(stuffed, 0, all, first.length, stuffed.length);
            return all;
        }
    }

    /**
     * {@code +OK text}, then a message read from {@code source} (RETR), or only its header and first
     * {@code bodyLines} body lines (TOP), byte-stuffed, then ".". Written by {@link ResponseWriter}, in
     * chunks.
     */
    record Content(String text, MessageSource source, OptionalInt bodyLines) implements Pop3Response {
        public Content {
            text = Pop3Text.checked(text);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(bodyLines, "bodyLines");
        }

        @Override
        public String firstLine() {
            return "+OK " + text;
        }
    }

    /** {@code + base64}: the next SASL challenge (RFC 5034 §4); an empty challenge is {@code "+ "}. */
    record Challenge(String base64) implements Pop3Response {
        public Challenge {
            base64 = Pop3Text.checked(base64);
        }

        @Override
        public String firstLine() {
            return "+ " + base64;
        }
    }
}
