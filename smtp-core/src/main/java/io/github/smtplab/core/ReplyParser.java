package io.github.smtplab.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Client side: assembles reply lines into a {@link Reply} (RFC 5321 §4.2.1).
 *
 * <pre>
 * Reply-line     = *( Reply-code "-" [ textstring ] CRLF )
 *                  Reply-code [ SP textstring ] CRLF
 * Reply-code     = %x32-35 %x30-35 %x30-39
 * </pre>
 *
 * Every line of one reply carries the same code. When ENHANCEDSTATUSCODES was negotiated (RFC 2034 §3),
 * the text of each line starts with the enhanced status code; pass {@code enhancedStatusCodes = true}
 * to have it taken out of the text. Lines come with CRLF already removed (from a {@link LineReader}).
 *
 * <h2>Bounds</h2>
 *
 * A multi-line reply has no end until its last line comes, so a hostile server could send
 * {@code 220-xxx} lines forever. The parser keeps at most {@link #MAX_LINES_PER_REPLY} lines and
 * {@link #MAX_REPLY_OCTETS} octets of one reply, each line at most {@link Reply#MAX_REPLY_LINE} octets
 * with its CRLF (RFC 5321 §4.5.3.1.5); past any of them it throws {@link ReplyTooLargeException}. Once
 * thrown, the parser stays broken: every later line is refused too (the dialogue has lost its footing).
 */
public final class ReplyParser {

    /**
     * The most lines one reply may have: 100. RFC 5321 sets no number; the longest replies a real server
     * sends are EHLO replies, one line per service extension, about 10 to 20 lines (a large MTA offers
     * PIPELINING, SIZE, ETRN, STARTTLS, AUTH, ENHANCEDSTATUSCODES, 8BITMIME, DSN, SMTPUTF8, CHUNKING,
     * DELIVERBY, ...). 100 is five times that, and leaves room for a long multi-line 5yz explanation.
     */
    public static final int MAX_LINES_PER_REPLY = 100;

    /**
     * The most octets one reply may have, CRLFs included: 32,768. A real EHLO reply is under 1 KiB; 32 KiB
     * is thirty times that and keeps what one reply costs in memory small, whatever the line count.
     * (100 lines of 512 octets would be 51,200: this bound stops a reply of long lines first.)
     */
    public static final int MAX_REPLY_OCTETS = 32 * 1024;

    private final boolean enhancedStatusCodes;
    private final List<String> texts = new ArrayList<>();
    private int code = -1;
    private long octets;
    private ReplyTooLargeException broken;

    public ReplyParser(boolean enhancedStatusCodes) {
        this.enhancedStatusCodes = enhancedStatusCodes;
    }

    /** Parses the lines of one complete reply, for tests and transcripts. */
    public static Reply parse(List<String> lines, boolean enhancedStatusCodes) throws SmtpProtocolException {
        ReplyParser parser = new ReplyParser(enhancedStatusCodes);
        for (int i = 0; i < lines.size(); i++) {
            Optional<Reply> reply = parser.accept(lines.get(i));
            if (reply.isPresent()) {
                if (i != lines.size() - 1) {
                    throw new SmtpProtocolException("text after the last line of a reply: " + lines.get(i + 1));
                }
                return reply.get();
            }
        }
        throw new SmtpProtocolException("reply ends without a last line (\"NNN SP text\")");
    }

    /** Parses the text of a complete reply with CRLF line ends, e.g. {@code "250-a\r\n250 b\r\n"}. */
    public static Reply parse(String wire, boolean enhancedStatusCodes) throws SmtpProtocolException {
        if (!wire.endsWith("\r\n")) {
            throw new SmtpProtocolException("a reply ends with CRLF");
        }
        return parse(List.of(wire.substring(0, wire.length() - 2).split("\r\n", -1)), enhancedStatusCodes);
    }

    /**
     * Takes one line; returns the reply when the line was its last ({@code NNN SP} or a bare
     * {@code NNN}), empty when more lines follow ({@code NNN-}).
     */
    public Optional<Reply> accept(String line) throws SmtpProtocolException {
        checkBounds(line);
        if (line.length() < 3 || !isReplyCode(line)) {
            throw new SmtpProtocolException("not a reply line (RFC 5321 §4.2: a three-digit code first): " + quote(line));
        }
        int lineCode = Integer.parseInt(line.substring(0, 3));
        if (code >= 0 && lineCode != code) {
            throw new SmtpProtocolException("reply lines with different codes " + code + " and " + lineCode + " (RFC 5321 §4.2.1)");
        }
        code = lineCode;
        boolean last;
        String text;
        if (line.length() == 3) {
            last = true;
            text = "";
        } else if (line.charAt(3) == ' ' || line.charAt(3) == '-') {
            last = line.charAt(3) == ' ';
            text = line.substring(4);
        } else {
            throw new SmtpProtocolException("a reply code is followed by SP or \"-\": " + quote(line));
        }
        texts.add(text);
        if (!last) {
            return Optional.empty();
        }
        Reply reply = build();
        texts.clear();
        code = -1;
        octets = 0;
        return Optional.of(reply);
    }

    /** RFC 5321 §4.5.3.1.5 for the line, then this parser's bounds for the whole reply (see the class comment). */
    private void checkBounds(String line) throws ReplyTooLargeException {
        if (broken != null) {
            throw broken;
        }
        int lineOctets = line.getBytes(StandardCharsets.UTF_8).length + 2;   // + CRLF
        if (lineOctets > Reply.MAX_REPLY_LINE) {
            broken = new ReplyTooLargeException(ReplyTooLargeException.Limit.LINE_OCTETS, "reply line of " + lineOctets
                    + " octets, over the " + Reply.MAX_REPLY_LINE + " of RFC 5321 section 4.5.3.1.5");
        } else if (texts.size() >= MAX_LINES_PER_REPLY) {
            broken = new ReplyTooLargeException(ReplyTooLargeException.Limit.LINES, "reply of more than " + MAX_LINES_PER_REPLY
                    + " lines (the client's limit per reply): gave up reading it");
        } else if (octets + lineOctets > MAX_REPLY_OCTETS) {
            broken = new ReplyTooLargeException(ReplyTooLargeException.Limit.REPLY_OCTETS, "reply of more than " + MAX_REPLY_OCTETS
                    + " octets (the client's limit per reply): gave up reading it");
        }
        if (broken != null) {
            texts.clear();
            throw broken;
        }
        octets += lineOctets;
    }

    /** True while a multi-line reply has started and not ended. */
    public boolean inProgress() {
        return code >= 0;
    }

    private Reply build() {
        Optional<EnhancedStatus> status = Optional.empty();
        List<String> lines = texts;
        if (enhancedStatusCodes) {
            status = leadingStatus(texts.get(0)).filter(s -> s.statusClass() == code / 100);
            if (status.isPresent()) {
                String prefix = status.get().toString();
                lines = texts.stream().map(t -> stripStatus(t, prefix)).toList();
            }
        }
        return new Reply(code, status, lines.stream().map(Reply::printable).toList());   // RFC 5321 section 4.2: ASCII text
    }

    private static Optional<EnhancedStatus> leadingStatus(String text) {
        int space = text.indexOf(' ');
        return EnhancedStatus.parse(space < 0 ? text : text.substring(0, space));
    }

    private static String stripStatus(String text, String prefix) {
        if (text.equals(prefix)) {
            return "";
        }
        return text.startsWith(prefix + " ") ? text.substring(prefix.length() + 1) : text;
    }

    /** {@code Reply-code = %x32-35 %x30-35 %x30-39}. */
    private static boolean isReplyCode(String line) {
        char a = line.charAt(0);
        char b = line.charAt(1);
        char c = line.charAt(2);
        return a >= '2' && a <= '5' && b >= '0' && b <= '5' && c >= '0' && c <= '9';
    }

    private static String quote(String line) {
        return "\"" + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "\"";
    }
}
