package io.github.smtplab.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code, an optional enhanced status code (RFC 3463,
 * announced by ENHANCEDSTATUSCODES, RFC 2034) and one or more lines of text.
 *
 * <p>On the wire every line but the last is written {@code code "-" text} and the last
 * {@code code SP text} (§4.2.1); with an enhanced status, each line's text starts with it (RFC 2034 §4).
 * Replies are values: handlers return them, they are never assembled from string literals on the fly.
 *
 * @param code   the reply code, {@code 2yz}..{@code 5yz} with a second digit 0..5 (§4.2, §4.2.1)
 * @param status the enhanced status code, when there is one; its class matches the code's first digit
 * @param lines  the text lines, at least one, each a {@code textstring} of §4.2: printable US-ASCII
 *               and HTAB only (no CR, no LF, nothing above 0x7E). Quote peer text through
 *               {@link #printable(String)}; a reply built from other text is a programming error
 *               ({@link IllegalArgumentException}), never something sent.
 */
public record Reply(int code, Optional<EnhancedStatus> status, List<String> lines) {

    /** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, including the reply code and CRLF. */
    public static final int MAX_REPLY_LINE = 512;

    public Reply {
        if (code < 200 || code > 599 || (code / 10) % 10 > 5) {
            throw new IllegalArgumentException("RFC 5321 section 4.2: not a reply code: " + code);
        }
        if (status.isPresent() && status.get().statusClass() != code / 100) {
            throw new IllegalArgumentException("RFC 3463 section 2: status class " + status.get() + " does not match " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            if (!isTextString(line)) {
                throw new IllegalArgumentException(
                        "RFC 5321 section 4.2: reply text is printable US-ASCII or HTAB only: " + printable(line));
            }
        }
    }

    /** §4.2 {@code textstring = 1*(%d09 / %d32-126)} (empty text is allowed here: {@code "250 "}). */
    private static boolean isTextString(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Text that came from a peer (a domain, an address, a received reply) made fit for a reply line:
     * every character outside printable US-ASCII becomes {@code ?} (§4.2 {@code textstring}).
     */
    public static String printable(String peerText) {
        StringBuilder out = new StringBuilder(peerText.length());
        peerText.codePoints().forEach(c -> out.append(c == '\t' || (c >= 0x20 && c <= 0x7E) ? (char) c : '?'));
        return out.toString();
    }

    /** {@code Reply.of(250, "2.1.0", "Sender OK")}; pass {@code null} for no enhanced status. */
    public static Reply of(int code, String enhancedStatus, String... lines) {
        return new Reply(code, Optional.ofNullable(enhancedStatus).map(EnhancedStatus::of), List.of(lines));
    }

    /** 2yz: the requested action has been successfully completed (§4.2.1). */
    public boolean isPositiveCompletion() {
        return code / 100 == 2;
    }

    /** 3yz: the command is accepted, the server waits for more (354 after DATA, 334 during AUTH). */
    public boolean isPositiveIntermediate() {
        return code / 100 == 3;
    }

    /** 4yz: transient failure, try again later (§4.2.1). */
    public boolean isTransientNegative() {
        return code / 100 == 4;
    }

    /** 5yz: permanent failure, do not repeat the same request (§4.2.1). */
    public boolean isPermanentNegative() {
        return code / 100 == 5;
    }

    /** The same reply without its enhanced status, for sessions that did not negotiate ENHANCEDSTATUSCODES. */
    public Reply withoutStatus() {
        return status.isEmpty() ? this : new Reply(code, Optional.empty(), lines);
    }

    /** The same code and status with other text. */
    public Reply withText(String... newLines) {
        return new Reply(code, status, List.of(newLines));
    }

    /** The reply as it travels: each line {@code NNN-} or, for the last, {@code NNN SP}, ending in CRLF. */
    public String format() {
        StringBuilder out = new StringBuilder(64 * lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            String text = lines.get(i);
            status.ifPresent(s -> out.append(s).append(text.isEmpty() ? "" : " "));
            out.append(text).append("\r\n");
        }
        return out.toString();
    }

    /** {@link #format()} in US-ASCII, the only character set of reply text (§4.2, checked when built). */
    public byte[] toBytes() {
        return format().getBytes(StandardCharsets.US_ASCII);
    }

    /** The text of all lines joined by a space, for messages and logs. */
    public String text() {
        return String.join(" ", lines);
    }

    @Override
    public String toString() {
        return code + status.map(s -> " " + s).orElse("") + " " + text();
    }
}
