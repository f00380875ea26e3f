package io.github.smtplab.mime;

import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators shared by the property tests: raw octets, text from several scripts, grammar pieces. */
final class Gens {

    private Gens() {}

    /** Any octets, up to {@code max} of them. */
    static Gen<byte[]> bytes(int max) {
        return Generate.byteArrays(Generate.range(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** Octets drawn from a small alphabet that stresses a codec: CR, LF, SPACE, TAB, "=", ".", "-", letters, 8-bit. */
    static Gen<byte[]> trickyBytes(int max) {
        List<Byte> alphabet = List.of((byte) '\r', (byte) '\n', (byte) ' ', (byte) '\t', (byte) '=', (byte) '.',
                (byte) '-', (byte) 'a', (byte) 'Z', (byte) 0, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) '_', (byte) '?');
        return Generate.byteArrays(Generate.range(0, max), Generate.pick(alphabet));
    }

    /** Unicode text without lone surrogates or control characters: ASCII, Latin, Greek/Cyrillic, CJK, emoji. */
    static Gen<String> unicodeText(int maxLength) {
        Gen<String> ascii = strings().basicLatinAlphabet().ofLengthBetween(0, maxLength);
        Gen<String> latin = strings().betweenCodePoints(0x20, 0x24F).ofLengthBetween(0, maxLength);
        Gen<String> mixed = strings().betweenCodePoints(0x20, 0x4FF).ofLengthBetween(0, maxLength);
        Gen<String> cjk = strings().betweenCodePoints(0x4E00, 0x4E80).ofLengthBetween(0, maxLength);
        Gen<String> emoji = strings().betweenCodePoints(0x1F600, 0x1F64F).ofLengthBetween(0, maxLength);
        return Generate.oneOf(ascii, latin, mixed, cjk, emoji).map(Gens::withoutControls);
    }

    /** Text as in a one-line header: {@link #unicodeText} with single spaces between words. */
    static Gen<String> headerText(int maxLength) {
        return unicodeText(maxLength).map(s -> s.replaceAll("\\s+", " "));
    }

    private static String withoutControls(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xA0))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Lines of (mostly) text with CRLF line ends, as a text body in canonical form (RFC 2046 §4.1.1). */
    static Gen<String> textBody(int maxLines) {
        Gen<String> line = Generate.oneOf(unicodeText(120), strings().basicLatinAlphabet().ofLengthBetween(0, 200),
                Generate.pick(List.of("", ".", "From here", "--", "=_", "  trailing  ", "\tTab")));
        return org.quicktheories.generators.SourceDSL.lists().of(line).ofSizeBetween(0, maxLines)
                .map(lines -> String.join("\r\n", lines.stream().map(l -> l.replace("\r", "").replace("\n", "")).toList()));
    }
}
