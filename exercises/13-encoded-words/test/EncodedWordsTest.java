import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 13: each assertion names the rule of RFC 2047 and shows the input, with CR and LF visible. */
class EncodedWordsTest {

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void decodes(String value, String expected, String rule) {
        assertThat(EncodedWords.decode(value)).as("%s; input \"%s\"", rule, visible(value)).isEqualTo(expected);
    }

    @Test
    @DisplayName("RFC 2047 2: a B encoded word in UTF-8")
    void decodesB() {
        decodes("=?UTF-8?B?UsOpdW5pb24gZGVtYWlu?=", "Réunion demain", "RFC 2047 2: encoded-word = \"=?\" charset \"?\" encoding \"?\" encoded-text \"?=\", B is base64");
    }

    @Test
    @DisplayName("RFC 2047 4.2: the Q encoding, with _ for a space")
    void decodesQ() {
        decodes("=?ISO-8859-1?Q?R=E9union_demain?=", "Réunion demain", "RFC 2047 4.2 (2): \"_\" always represents hexadecimal 20; =E9 is é in ISO-8859-1");
        decodes("=?utf-8?q?R=C3=A9union?=", "Réunion", "RFC 2047 2: charset and encoding are case-insensitive");
    }

    @Test
    @DisplayName("RFC 2047 6.2: white space between adjacent encoded words is ignored")
    void adjacentWords() {
        decodes("=?UTF-8?Q?R=C3=A9union?= =?UTF-8?Q?_demain?=", "Réunion demain", "RFC 2047 6.2: linear-white-space between adjacent encoded-words is ignored");
        decodes("=?UTF-8?B?UsOp?=\r\n =?UTF-8?B?dW5pb24=?=", "Réunion", "RFC 2047 6.2: CRLF SPACE between two words is ignored too");
    }

    @Test
    @DisplayName("RFC 2047 6.2: white space next to ordinary text stays")
    void mixedText() {
        decodes("Re: =?ISO-8859-1?Q?R=E9union?= demain", "Re: Réunion demain", "RFC 2047 6.2: only white space between two encoded words is dropped");
        decodes("Ordre du jour", "Ordre du jour", "RFC 2047 2: text without encoded words is unchanged");
    }

    @Test
    @DisplayName("RFC 2047 2: encoded words of at most 75 characters, separated by CRLF SPACE")
    void encodesInShortWords() {
        for (String text : List.of("Réunion demain", "é".repeat(100), "Ordre du jour de la réunion de demain matin : budget, recrutement, locaux")) {
            String encoded = EncodedWords.encode(text);
            List<String> words = List.of(encoded.split("\r\n "));
            assertThat(words).as("RFC 2047 2: an encoded-word may not be more than 75 characters long; input \"%s\", encoded \"%s\"", text, visible(encoded))
                    .allMatch(w -> w.length() <= 75 && w.startsWith("=?UTF-8?B?") && w.endsWith("?="));
            assertThat(EncodedWords.decode(encoded)).as("RFC 2047 6.2: the words decode back to the text; encoded \"%s\"", visible(encoded)).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("RFC 2047 5: each encoded word holds whole characters")
    void wholeCharacters() {
        String text = "é".repeat(40) + "😀".repeat(20);
        String encoded = EncodedWords.encode(text);
        for (String word : encoded.split("\r\n ")) {
            byte[] bytes = Base64.getDecoder().decode(word.substring("=?UTF-8?B?".length(), word.length() - 2));
            boolean whole;
            try {
                UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                whole = true;
            } catch (CharacterCodingException split) {
                whole = false;
            }
            assertThat(whole).as("RFC 2047 5: a multi-octet character may not be split across adjacent encoded-words; word %s of \"%s\"", word, visible(encoded)).isTrue();
        }
    }
}
