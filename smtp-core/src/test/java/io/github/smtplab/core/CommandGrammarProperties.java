package io.github.smtplab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Properties of the command grammar, RFC 5321 §4.1.1–§4.1.3 (and RFC 6531 §3.3, RFC 3030 §2, RFC 4954 §4). */
class CommandGrammarProperties {

    static final int EXAMPLES = 3000;
    final CommandParser parser = new CommandParser();

    /** §4.1.1, §4.1.2: every command the grammar generates is read back as itself from its wire form. */
    @Test
    void everyGrammaticalCommandRoundTrips() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.command())
                .checkAssert(c -> assertThat(parser.parse(c.format())).isEqualTo(c));
    }

    /** §2.4: verbs are case-insensitive; §4.1.1.2: so are "FROM:" and "TO:". */
    @Test
    void verbsAreCaseInsensitive() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.command(), Generate.booleans())
                .checkAssert((c, upper) -> {
                    String wire = c.format();
                    int colon = wire.indexOf(':');
                    int keywordEnd = (c instanceof Command.MailFrom || c instanceof Command.RcptTo) ? colon + 1 : Math.max(wire.indexOf(' '), 0);
                    if (keywordEnd == 0) {
                        keywordEnd = wire.length();
                    }
                    String head = wire.substring(0, keywordEnd);
                    String swapped = (upper ? head.toUpperCase() : head.toLowerCase()) + wire.substring(keywordEnd);
                    assertThat(parser.parse(swapped)).isEqualTo(c);
                });
    }

    /** §4.1.2: a mailbox written with a needlessly quoted local part is the same mailbox. */
    @Test
    void quotingADotStringChangesNothing() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.dotString(false), SmtpGenerators.domain())
                .checkAssert((local, domain) -> assertThat(Mailbox.parse("\"" + local + "\"@" + domain))
                        .isEqualTo(Mailbox.parse(local + "@" + domain)));
    }

    /** RFC 6531 §3.3: UTF-8 mailboxes round-trip and say they need SMTPUTF8. */
    @Test
    void utf8MailboxesRoundTrip() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.mailbox(true))
                .checkAssert(m -> {
                    assertThat(Mailbox.parse(m.toString())).isEqualTo(m);
                    assertThat(m.needsSmtpUtf8()).isEqualTo(!m.toString().chars().allMatch(ch -> ch < 0x80));
                });
    }

    /**
     * Hostile input: whatever a peer sends, the parser returns a command and never throws; a refusal is a
     * 5yz reply that explains itself.
     */
    @Test
    void arbitraryTextNeverThrows() {
        qt().withExamples(20_000).forAll(SmtpGenerators.hostileText())
                .checkAssert(line -> {
                    Command c = parser.parse(line);
                    assertThat(c).isNotNull();
                    if (c instanceof Command.Malformed m) {
                        assertThat(m.reply().isPermanentNegative()).isTrue();
                        assertThat(m.reply().text()).isNotBlank();
                        // §4.5.3.1.5: the reply that quotes the peer still fits a 512-octet line
                        assertThat(m.reply().toBytes().length).isLessThanOrEqualTo(Reply.MAX_REPLY_LINE);
                    }
                    // and a lenient parser copes just as well
                    assertThat(new CommandParser(ParsePolicy.LENIENT).parse(line)).isNotNull();
                });
    }

    /** Arbitrary bytes, including invalid UTF-8, give a command too. */
    @Test
    void arbitraryBytesNeverThrow() {
        qt().withExamples(20_000).forAll(Generate.byteArrays(Generate.range(0, 120), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)))
                .checkAssert(bytes -> assertThat(parser.parse(bytes)).isNotNull());
    }

    /** RFC 3461 §4: xtext carries any octet string. */
    @Test
    void xtextRoundTrips() {
        qt().withExamples(EXAMPLES).forAll(SourceDSL.strings().betweenCodePoints(0, 255).ofLengthBetween(0, 40))
                .checkAssert(s -> {
                    String x = Xtext.encode(s);
                    assertThat(x.chars().allMatch(ch -> ch >= 33 && ch <= 126 && ch != '=')).isTrue();
                    assertThat(Xtext.decode(x)).contains(s);
                });
    }

    /** UTF-8 bytes of any valid command parse like its text. */
    @Test
    void bytesAndTextAgree() {
        qt().withExamples(EXAMPLES).forAll(SmtpGenerators.command())
                .checkAssert(c -> assertThat(parser.parse(c.format().getBytes(StandardCharsets.UTF_8))).isEqualTo(c));
    }
}
