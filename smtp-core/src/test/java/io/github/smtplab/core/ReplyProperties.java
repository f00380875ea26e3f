package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Replies, RFC 5321 §4.2 (format, multi-line §4.2.1) with RFC 3463 / RFC 2034 enhanced status codes. */
class ReplyProperties {

    static final int EXAMPLES = 5000;

    /** {@code Reply-code = %x32-35 %x30-35 %x30-39}. */
    static Gen<Integer> code() {
        return Generate.range(2, 5).zip(Generate.range(0, 5), Generate.range(0, 9), (a, b, c) -> a * 100 + b * 10 + c);
    }

    /** {@code textstring = 1*(%d09 / %d32-126)}, possibly empty. */
    static Gen<String> text() {
        return SmtpGenerators.charsFrom(SmtpGenerators.ALPHA_DIGIT + " \t.-:;,()[]<>@!?~", 0, 60);
    }

    static Gen<Reply> reply(boolean withStatus) {
        return code().flatMap(code -> {
            Gen<Optional<EnhancedStatus>> status = withStatus
                    ? Generate.range(0, 999).zip(Generate.range(0, 999), (s, d) -> Optional.of(new EnhancedStatus(code / 100 == 3 ? 2 : code / 100, s, d)))
                    : Generate.constant(Optional.empty());
            return status.zip(lists().of(text()).ofSizeBetween(1, 6), (st, lines) ->
                    new Reply(code / 100 == 3 && withStatus ? 250 : code, st, lines));
        });
    }

    /** §4.2.1: reading a formatted reply gives the reply back, single- and multi-line. */
    @Test
    void plainRepliesRoundTrip() {
        qt().withExamples(EXAMPLES).forAll(reply(false))
                .checkAssert(r -> assertThat(parse(r.format(), false)).isEqualTo(r));
    }

    /** RFC 2034 §4: with ENHANCEDSTATUSCODES, every line starts with the status; it is read back. */
    @Test
    void enhancedRepliesRoundTrip() {
        qt().withExamples(EXAMPLES).forAll(reply(true))
                .checkAssert(r -> assertThat(parse(r.format(), true)).isEqualTo(r));
    }

    /** §4.2.1: every line but the last has "-" after the code; the last has SP. */
    @Test
    void continuationMarks() {
        qt().withExamples(EXAMPLES).forAll(reply(false)).checkAssert(r -> {
            String[] lines = r.format().split("\r\n");
            for (int i = 0; i < lines.length; i++) {
                assertThat(lines[i].charAt(3)).isEqualTo(i == lines.length - 1 ? ' ' : '-');
                assertThat(lines[i]).startsWith(String.valueOf(r.code()));
            }
        });
    }

    /** RFC 3463 §2: {@code class.subject.detail} reads back. */
    @Test
    void enhancedStatusRoundTrips() {
        qt().withExamples(EXAMPLES).forAll(Generate.pick(List.of(2, 4, 5)), Generate.range(0, 999), Generate.range(0, 999))
                .checkAssert((c, s, d) -> assertThat(EnhancedStatus.parse(c + "." + s + "." + d)).contains(new EnhancedStatus(c, s, d)));
    }

    /** Hostile replies from a server: the parser says what is wrong with a typed exception, never anything else. */
    @Test
    void garbageIsASmtpProtocolException() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.hostileText()).checkAssert(line -> {
            ReplyParser p = new ReplyParser(true);
            try {
                p.accept(line);
            } catch (SmtpProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }

    /**
     * §4.2: reply text is a {@code textstring}, printable US-ASCII and HTAB. Text with anything else (a
     * "§" of an RFC reference, UTF-8, a control character) cannot become a Reply: building it is a
     * programming error, caught before anything reaches the wire.
     */
    @Test
    void replyTextOutsideTextStringIsRefusedWhenBuilt() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.hostileText(), code())
                .checkAssert((text, code) -> {
                    boolean ascii = text.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E));
                    if (ascii) {
                        assertThat(Reply.of(code, null, text).lines()).containsExactly(text);
                    } else {
                        assertThatThrownBy(() -> Reply.of(code, null, text)).isInstanceOf(IllegalArgumentException.class);
                    }
                });
    }

    /** §4.2: {@link Reply#printable} makes any peer text fit for a reply, and leaves a textstring as it is. */
    @Test
    void printableTextAlwaysMakesAReply() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.hostileText()).checkAssert(text -> {
            Reply reply = Reply.of(550, "5.1.1", "Unknown " + Reply.printable(text));
            String wire = reply.format();
            assertThat(wire.chars().allMatch(c -> c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c <= 0x7E)))
                    .as(wire).isTrue();
            assertThat(Reply.printable(Reply.printable(text))).isEqualTo(Reply.printable(text));
        });
    }

    /** A peer's reply with UTF-8 text (RFC 6531 servers may send it) is read, with its text made printable. */
    @Test
    void aPeersUtf8ReplyTextIsReadAsPrintableAscii() {
        assertThat(parse("550 5.1.1 zo\u00eb@exemple.com unknown \u00a7\r\n", true))
                .isEqualTo(Reply.of(550, "5.1.1", "zo?@exemple.com unknown ?"));
    }

    @Test
    void examples() throws SmtpProtocolException {
        assertThat(parse("250-mx.exemple.com greets c\r\n250-PIPELINING\r\n250 SIZE 1000\r\n", false).lines())
                .containsExactly("mx.exemple.com greets c", "PIPELINING", "SIZE 1000");
        assertThat(parse("550 5.1.1 No such user\r\n", true)).isEqualTo(Reply.of(550, "5.1.1", "No such user"));
        assertThat(parse("250 2.0.0\r\n", true)).isEqualTo(Reply.of(250, "2.0.0", ""));
        assertThat(parse("220\r\n", false)).isEqualTo(Reply.of(220, null, ""));
        // a status whose class differs from the code's is text, not a status
        assertThat(parse("250 5.0.0 odd\r\n", true)).isEqualTo(Reply.of(250, null, "5.0.0 odd"));
        assertThatThrownBy(() -> ReplyParser.parse("250-a\r\n251 b\r\n", false)).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> ReplyParser.parse("2500 x\r\n", false)).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> ReplyParser.parse("600 x\r\n", false)).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> ReplyParser.parse("250-a\r\n", false)).isInstanceOf(SmtpProtocolException.class);
        assertThatThrownBy(() -> Reply.of(250, "5.0.0", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.of(250, null, "a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.of(503, null, "Need MAIL (RFC 5321 \u00a74.1.4)")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Reply parse(String wire, boolean enhanced) {
        try {
            return ReplyParser.parse(wire, enhanced);
        } catch (SmtpProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
