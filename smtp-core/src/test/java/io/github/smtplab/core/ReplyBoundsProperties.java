package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The client's bounds on one reply: RFC 5321 §4.5.3.1.5 (512 octets per reply line, CRLF included) and
 * {@link ReplyParser#MAX_LINES_PER_REPLY} lines, {@link ReplyParser#MAX_REPLY_OCTETS} octets per reply.
 */
class ReplyBoundsProperties {

    static final int EXAMPLES = 300;

    /** A reply of up to MAX_LINES_PER_REPLY short lines is read whole, whatever its code. */
    @Test
    void repliesWithinTheLineBoundAreRead() {
        qt().withExamples(EXAMPLES).forAll(ReplyProperties.code(), Generate.range(1, ReplyParser.MAX_LINES_PER_REPLY))
                .checkAssert((code, count) -> {
                    ReplyParser parser = new ReplyParser(false);
                    Optional<Reply> reply = Optional.empty();
                    for (int i = 1; i <= count; i++) {
                        reply = accept(parser, code + (i == count ? " " : "-") + "line " + i);
                    }
                    assertThat(reply).hasValueSatisfying(r -> assertThat(r.lines()).hasSize(count));
                });
    }

    /** One continuation line more than the bound, of any length, is refused with a typed error naming it. */
    @Test
    void oneLineTooManyIsRefused() {
        qt().withExamples(EXAMPLES).forAll(ReplyProperties.code(), Generate.range(0, 500)).checkAssert((code, width) -> {
            ReplyParser parser = new ReplyParser(false);
            String line = code + "-" + "x".repeat(width);
            int accepted = 0;
            try {
                while (true) {
                    assertThat(parser.accept(line)).isEmpty();
                    accepted++;
                }
            } catch (SmtpProtocolException e) {
                assertThat(e).isInstanceOf(ReplyTooLargeException.class);
                ReplyTooLargeException tooLarge = (ReplyTooLargeException) e;
                long octets = (long) accepted * (line.length() + 2);
                assertThat(accepted).isLessThanOrEqualTo(ReplyParser.MAX_LINES_PER_REPLY);
                assertThat(octets).isLessThanOrEqualTo(ReplyParser.MAX_REPLY_OCTETS);
                assertThat(tooLarge.limit()).isIn(ReplyTooLargeException.Limit.LINES, ReplyTooLargeException.Limit.REPLY_OCTETS);
                assertThat(tooLarge).hasMessageContaining(tooLarge.limit() == ReplyTooLargeException.Limit.LINES
                        ? String.valueOf(ReplyParser.MAX_LINES_PER_REPLY) : String.valueOf(ReplyParser.MAX_REPLY_OCTETS));
                // the bound that fired is the first one reached
                boolean linesFirst = (long) ReplyParser.MAX_LINES_PER_REPLY * (line.length() + 2) <= ReplyParser.MAX_REPLY_OCTETS;
                assertThat(tooLarge.limit()).isEqualTo(linesFirst ? ReplyTooLargeException.Limit.LINES : ReplyTooLargeException.Limit.REPLY_OCTETS);
            }
        });
    }

    /** §4.5.3.1.5: a line of 511 octets or more (with CRLF: over 512) is refused; 510 + CRLF is read. */
    @Test
    void lineOctetBound() {
        qt().withExamples(EXAMPLES).forAll(Generate.range(0, 1200)).checkAssert(width -> {
            String line = "250 " + "y".repeat(width);
            int octets = line.length() + 2;
            ReplyParser parser = new ReplyParser(false);
            if (octets <= Reply.MAX_REPLY_LINE) {
                assertThat(accept(parser, line)).isPresent();
            } else {
                assertThatThrownBy(() -> parser.accept(line)).isInstanceOfSatisfying(ReplyTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(ReplyTooLargeException.Limit.LINE_OCTETS));
            }
        });
    }

    /** Octets, not characters: a UTF-8 text (RFC 6531) of 200 two-octet letters is 400 octets and over the bound at 256. */
    @Test
    void lineBoundCountsOctets() throws SmtpProtocolException {
        assertThat(new ReplyParser(false).accept("250 " + "é".repeat(253))).isPresent();   // 4 + 506 + 2 = 512 octets
        assertThatThrownBy(() -> new ReplyParser(false).accept("250 " + "é".repeat(254)))
                .isInstanceOf(ReplyTooLargeException.class);
    }

    /** After a refusal the parser stays broken: a "last line" cannot revive a reply that lost its start. */
    @Test
    void brokenParserRefusesEverythingAfter() throws SmtpProtocolException {
        ReplyParser parser = new ReplyParser(false);
        for (int i = 0; i < ReplyParser.MAX_LINES_PER_REPLY; i++) {
            parser.accept("220-filler");
        }
        assertThatThrownBy(() -> parser.accept("220-one more")).isInstanceOf(ReplyTooLargeException.class);
        assertThatThrownBy(() -> parser.accept("220 the end")).isInstanceOf(ReplyTooLargeException.class);
    }

    /**
     * The engine over an endless {@code 220-} stream, fed in 64 KiB reads: it throws after a bounded number
     * of octets (the reply bound plus one read), and the session is closed.
     */
    @Test
    void engineStopsAnEndlessGreeting() {
        qt().withExamples(50).forAll(Generate.range(1, 500)).checkAssert(width -> {
            ClientSession session = new ClientSession("client.monentreprise.fr");
            byte[] line = ("220-" + "z".repeat(width) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer read = ByteBuffer.allocate(64 * 1024);
            long fed = 0;
            try {
                while (fed < 10_000_000) {
                    read.clear();
                    while (read.remaining() >= line.length) {
                        read.put(line);
                    }
                    read.flip();
                    fed += read.remaining();
                    session.receive(read);
                }
            } catch (SmtpProtocolException e) {
                assertThat(e).isInstanceOf(ReplyTooLargeException.class);
            }
            assertThat(fed).isLessThanOrEqualTo(ReplyParser.MAX_REPLY_OCTETS + 64 * 1024);
            assertThat(session.state()).isEqualTo(ClientSession.State.CLOSED);
        });
    }

    private static Optional<Reply> accept(ReplyParser parser, String line) {
        try {
            return parser.accept(line);
        } catch (SmtpProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
