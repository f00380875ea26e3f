import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise 13, reference solution: RFC 2047 encoded words.
 */
final class EncodedWords {

    /** RFC 2047 2: encoded-word = "=?" charset "?" encoding "?" encoded-text "?=". */
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    /** RFC 2047 2: 75 characters at most, of which "=?UTF-8?B?" and "?=" take 12: 63 left, 15 quanta of 3 bytes. */
    private static final int MAX_BYTES_PER_WORD = 45;

    private EncodedWords() {}

    static String decode(String value) {
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(value);
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(previousWasWord && between.isBlank())) { // RFC 2047 6.2: white space between two words is ignored
                out.append(between);
            }
            out.append(word(m.group(1), m.group(2), m.group(3)));
            last = m.end();
            previousWasWord = true;
        }
        return out.append(value.substring(last)).toString();
    }

    private static String word(String charset, String encoding, String text) {
        byte[] bytes;
        if (encoding.equalsIgnoreCase("B")) {
            bytes = Base64.getDecoder().decode(text);
        } else {
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            String spaced = text.replace('_', ' '); // RFC 2047 4.2 (2): "_" always represents 0x20
            for (int i = 0; i < spaced.length(); i++) {
                char c = spaced.charAt(i);
                if (c == '=' && i + 2 < spaced.length()) {
                    q.write(Integer.parseInt(spaced.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    q.write(c);
                }
            }
            bytes = q.toByteArray();
        }
        return new String(bytes, Charset.forName(charset));
    }

    static String encode(String text) {
        List<String> words = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int codePoint : text.codePoints().toArray()) {
            byte[] bytes = new String(Character.toChars(codePoint)).getBytes(UTF_8);
            if (chunk.size() + bytes.length > MAX_BYTES_PER_WORD) { // RFC 2047 5: whole characters per word
                words.add(word(chunk.toByteArray()));
                chunk.reset();
            }
            chunk.writeBytes(bytes);
        }
        if (chunk.size() > 0 || words.isEmpty()) {
            words.add(word(chunk.toByteArray()));
        }
        return String.join("\r\n ", words); // RFC 2047 2: separated by CRLF SPACE
    }

    private static String word(byte[] bytes) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }
}
