package io.github.smtplab.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.range;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tag lists (RFC 6376 §3.2), generated from the grammar, and hostile text. */
class TagListPropertiesTest {

    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String FWS_CHOICES[] = {"", " ", "\t", "\r\n ", " \r\n\t "};

    private static String pick(org.quicktheories.core.RandomnessSource in, String chars) {
        return String.valueOf(chars.charAt(range(0, chars.length() - 1).generate(in)));
    }

    /** tag-name = ALPHA *ALNUMPUNC. */
    private static String tagName(org.quicktheories.core.RandomnessSource in) {
        StringBuilder b = new StringBuilder(pick(in, ALPHA));
        int n = range(0, 4).generate(in);
        for (int i = 0; i < n; i++) {
            b.append(pick(in, ALPHA + "0123456789_"));
        }
        return b.toString();
    }

    /** tag-value = [ tval *( 1*(WSP / FWS) tval ) ], tval = 1*VALCHAR (%x21-3A / %x3C-7E). */
    private static String tagValue(org.quicktheories.core.RandomnessSource in) {
        StringBuilder b = new StringBuilder();
        int tvals = range(0, 3).generate(in);
        for (int t = 0; t < tvals; t++) {
            if (t > 0) {
                b.append(range(0, 1).generate(in) == 0 ? " " : "\r\n\t");
            }
            int n = range(1, 8).generate(in);
            for (int i = 0; i < n; i++) {
                char c = (char) (int) range(0x21, 0x7D).generate(in);
                b.append(c == ';' ? 'x' : c);
            }
        }
        return b.toString();
    }

    private static String fws(org.quicktheories.core.RandomnessSource in) {
        return FWS_CHOICES[range(0, FWS_CHOICES.length - 1).generate(in)];
    }

    /** §3.2: a generated tag list parses back to its names and values, in order, white space around removed. */
    @Test
    void generatedTagListsParse() {
        qt().withExamples(1000).forAll(in -> {
            Map<String, String> tags = new LinkedHashMap<>();
            int n = range(1, 8).generate(in);
            while (tags.size() < n) {
                tags.putIfAbsent(tagName(in), tagValue(in));
            }
            StringBuilder text = new StringBuilder();
            for (var e : tags.entrySet()) {
                if (!text.isEmpty()) {
                    text.append(';');
                }
                text.append(fws(in)).append(e.getKey()).append(fws(in)).append('=').append(fws(in))
                        .append(e.getValue()).append(fws(in));
            }
            if (range(0, 1).generate(in) == 0) {
                text.append(';'); // §3.2: a trailing ";" is allowed
            }
            return Map.entry(tags, text.toString());
        }).checkAssert(pair -> {
            TagListResult r = TagList.parse(pair.getValue());
            assertThat(r).isInstanceOf(TagListResult.Parsed.class);
            assertThat(((TagListResult.Parsed) r).tags().tags()).containsExactlyEntriesOf(pair.getKey());
        });
    }

    /** §3.2: "Tags with duplicate names MUST NOT occur within a single tag-list": the whole list is invalid. */
    @Test
    void duplicateTagsAreMalformed() {
        qt().withExamples(500).forAll(in -> {
            String name = tagName(in);
            return "v=1; " + name + "=" + tagValue(in) + "; x" + name + "=1; " + name + " = " + tagValue(in);
        }).checkAssert(text -> assertThat(TagList.parse(text)).isInstanceOf(TagListResult.Malformed.class));
    }

    /** Hostile text never throws; the DKIM-Signature and key record parsers neither. */
    @Test
    void hostileTextNeverThrows() {
        qt().withExamples(2000).forAll(DkimGenerators.hostileOctets(300)).checkAssert(octets -> {
            String text = new String(octets, StandardCharsets.ISO_8859_1);
            assertThat(TagList.parse(text)).isNotNull();
            assertThat(DkimSignature.parse(text)).isNotNull();
            assertThat(KeyRecord.parse(text)).isNotNull();
        });
    }
}
