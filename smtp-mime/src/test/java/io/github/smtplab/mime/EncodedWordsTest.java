package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    private static final Pattern WORD = Pattern.compile("=\\?[^?]+\\?[BQ]\\?[^?]*\\?=");

    /** RFC 2047 §8: the examples, decoded. */
    @Test
    void rfc2047Section8Examples() {
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a?=)")).isEqualTo("(a)");
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a?= b)")).isEqualTo("(a b)");
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)")).isEqualTo("(ab)");
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)")).isEqualTo("(ab)");
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)")).isEqualTo("(ab)");
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a_b?=)")).isEqualTo("(a b)");
        assertThat(EncodedWords.decode("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)")).isEqualTo("(a b)");
        assertThat(EncodedWords.decode("=?US-ASCII?Q?Keith_Moore?=")).isEqualTo("Keith Moore");
        assertThat(EncodedWords.decode("=?ISO-8859-1?Q?Andr=E9?= Pirard")).isEqualTo("André Pirard");
        assertThat(EncodedWords.decode("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
                + "    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?="))
                .isEqualTo("If you can read this you understand the example.");
        // RFC 2231 §5: a language tag after "*"
        assertThat(EncodedWords.decode("=?US-ASCII*EN?Q?Keith_Moore?=")).isEqualTo("Keith Moore");
    }

    /** §6.2: an unknown charset or a broken word is shown as it is; nothing throws. */
    @Test
    void undecodableWordsAreKept() {
        assertThat(EncodedWords.decode("=?x-unknown-charset?Q?abc?= z")).isEqualTo("=?x-unknown-charset?Q?abc?= z");
        assertThat(EncodedWords.decode("=?UTF-8?X?abc?=")).isEqualTo("=?UTF-8?X?abc?=");
        assertThat(EncodedWords.decode("=?UTF-8?Q?a b?=")).isEqualTo("=?UTF-8?Q?a b?=");
        assertThat(EncodedWords.decode("=?=?=?")).isEqualTo("=?=?=?");
        // a character split between two words (bad encoders do it) comes out whole
        assertThat(EncodedWords.decode("=?UTF-8?Q?R=C3?= =?UTF-8?Q?=A9union?=")).isEqualTo("Réunion");
    }

    /** Hostile input: a megabyte of would-be encoded words is decoded without hanging (the timeout is a hang guard only). */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void hostileTextIsDecodedWithoutHanging() {
        String hostile = "=?".repeat(500_000) + "?=";
        assertThat(EncodedWords.decode(hostile)).hasSize(hostile.length());
        String manyWords = "=?UTF-8?Q?a?= ".repeat(100_000);
        assertThat(EncodedWords.decode(manyWords)).isEqualTo("a".repeat(100_000) + " ");
        String unclosed = "=?UTF-8?Q?" + "a".repeat(1_000_000);
        assertThat(EncodedWords.decode(unclosed)).isEqualTo(unclosed);
    }

    @Test
    void seedSubject() {
        assertThat(EncodedWords.encodeText("Réunion demain")).isEqualTo("=?UTF-8?Q?R=C3=A9union?= demain");
        assertThat(EncodedWords.encodePhrase("Zoë")).isEqualTo("=?UTF-8?Q?Zo=C3=AB?=");
        assertThat(EncodedWords.encodePhrase("Alice")).isEqualTo("Alice");
        assertThat(EncodedWords.encodePhrase("Doe, John")).isEqualTo("\"Doe, John\"");
    }

    /** RFC 2047 §6: decode(encode(text)) = text for unstructured header text. */
    @Test
    void unstructuredRoundTrip() {
        qt().withExamples(3000).forAll(Gens.headerText(120)).checkAssert(text ->
                assertThat(EncodedWords.decode(EncodedWords.encodeText(text))).isEqualTo(text));
    }

    /**
     * RFC 2047 §2 and §5 (3): every encoded word is at most 75 characters, the output is printable ASCII,
     * and no word splits a UTF-8 character (each word decodes alone to valid UTF-8).
     */
    @Test
    void encodedWordsAreShortAsciiAndWhole() {
        qt().withExamples(3000).forAll(Gens.headerText(200)).checkAssert(text -> {
            String encoded = EncodedWords.encodeText(text);
            assertThat(encoded.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
            Matcher m = WORD.matcher(encoded);
            while (m.find()) {
                assertThat(m.group().length()).isLessThanOrEqualTo(EncodedWords.MAX_ENCODED_WORD_LENGTH);
                assertThat(EncodedWords.decode(m.group())).doesNotContain("\uFFFD");
            }
        });
    }

    /** RFC 2047 §4: B or Q, whichever is shorter, for the whole text. */
    @Test
    void choosesTheShorterEncoding() {
        qt().withExamples(1000).forAll(Gens.unicodeText(40).map(s -> s.isEmpty() ? "x" : s)).checkAssert(text -> {
            String words = EncodedWords.encodeWords(text);
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int b = Base64Codec.encodedLength(utf8.length);
            int q = 0;
            for (byte x : utf8) {
                q += Character.isLetterOrDigit(x) || "!*+-/ ".indexOf(x) >= 0 ? 1 : 3;
            }
            assertThat(words).contains(b < q ? "?B?" : "?Q?");
        });
    }

    /** RFC 5322 §2.1.1 with RFC 2047: a folded Subject has lines of at most 78 characters. */
    @Test
    void foldedSubjectLinesAreAtMost78() {
        qt().withExamples(2000).forAll(Gens.headerText(300)).checkAssert(text -> {
            HeaderField f = HeaderField.of("Subject", EncodedWords.encodeText(text));
            for (String line : new String(f.raw(), java.nio.charset.StandardCharsets.US_ASCII).split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(LineLimits.RECOMMENDED_LINE_LENGTH);
            }
            // leading and trailing white space of a field body is not significant (RFC 5322 §3.2.2)
            assertThat(EncodedWords.decode(f.value())).isEqualTo(text.strip());
        });
    }

    /** RFC 2047 §5 (3): a display name with any characters survives format and parse as a phrase. */
    @Test
    void displayNameRoundTripsThroughAddressParser() {
        qt().withExamples(3000).forAll(Gens.headerText(80).map(s -> s.isBlank() ? "x" + s : s)).checkAssert(name -> {
            Mailbox m = new Mailbox(name, "zoe", "exemple.com");
            ParseResult<Mailbox> parsed = AddressParser.parseMailbox(m.toHeaderText());
            assertThat(parsed).isEqualTo(new ParseResult.Ok<>(m));
        });
    }
}
