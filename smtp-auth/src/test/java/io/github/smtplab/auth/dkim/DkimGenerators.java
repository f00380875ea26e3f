package io.github.smtplab.auth.dkim;

import static org.quicktheories.generators.Generate.range;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * Messages from the grammar of RFC 5322 §2.2 and §3.6 (header fields, folded with FWS) and bodies of CRLF
 * lines with white space runs, trailing white space and trailing empty lines: what canonicalization
 * (RFC 6376 §3.4) must deal with. All with CRLF line ends.
 */
final class DkimGenerators {

    private DkimGenerators() {}

    private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,@<>()!?'\"-";
    private static final List<String> NAMES = List.of("From", "To", "Subject", "Date", "Cc", "Message-ID",
            "X-Mailer", "Received", "Reply-To", "MIME-Version", "Content-Type", "X-Custom");

    /** A word: 1-12 printable characters, no white space. */
    static String word(org.quicktheories.core.RandomnessSource in) {
        int n = range(1, 12).generate(in);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(WORD_CHARS.charAt(range(0, WORD_CHARS.length() - 1).generate(in)));
        }
        return b.toString();
    }

    /** White space: mostly one SP, sometimes runs of SP and HTAB, sometimes a fold (CRLF then WSP). */
    static String space(org.quicktheories.core.RandomnessSource in, boolean foldAllowed) {
        return switch (range(0, 9).generate(in)) {
            case 0 -> "\t";
            case 1 -> "  \t ";
            case 2 -> foldAllowed ? "\r\n\t" : "   ";
            case 3 -> foldAllowed ? " \r\n " : "\t\t";
            default -> " ";
        };
    }

    /** A header field: a name, optional WSP before the colon (obsolete syntax), a value of words, CRLF. */
    static String field(org.quicktheories.core.RandomnessSource in, String name) {
        return field(in, name, true);
    }

    /** The same; {@code obsolete} allows WSP before the colon (RFC 5322 §4.5.8, which some peers refuse). */
    static String field(org.quicktheories.core.RandomnessSource in, String name, boolean obsolete) {
        StringBuilder b = new StringBuilder(name);
        if (obsolete && range(0, 9).generate(in) == 0) {
            b.append(' ');
        }
        b.append(':');
        int words = range(1, 6).generate(in);
        for (int i = 0; i < words; i++) {
            b.append(i == 0 && range(0, 5).generate(in) == 0 ? "" : space(in, i > 0)).append(word(in));
        }
        if (range(0, 9).generate(in) == 0) {
            b.append(" \t"); // trailing WSP
        }
        return b.append("\r\n").toString();
    }

    /** A body: 0-12 lines of words and WSP (leading, inner, trailing), then 0-3 empty lines. */
    static String body(org.quicktheories.core.RandomnessSource in) {
        StringBuilder b = new StringBuilder();
        int lines = range(0, 12).generate(in);
        for (int i = 0; i < lines; i++) {
            int words = range(0, 6).generate(in);
            for (int w = 0; w < words; w++) {
                if (w > 0 || range(0, 5).generate(in) == 0) {
                    b.append(space(in, false));
                }
                b.append(word(in));
            }
            if (range(0, 6).generate(in) == 0) {
                b.append(" \t");
            }
            b.append("\r\n");
        }
        int empty = range(0, 3).generate(in);
        b.append("\r\n".repeat(empty));
        if (range(0, 9).generate(in) == 0) {
            b.append(word(in)); // a last line without CRLF
        }
        return b.toString();
    }

    /** A message: From first, 0-8 more fields drawn from common names (repeats allowed), an empty line, a body. */
    static Gen<byte[]> messages() {
        return messages(true);
    }

    /**
     * Messages; without {@code obsolete}: no WSP before a colon (RFC 5322 §4.5.8), one From with a real mailbox —
     * the shape independent peers accept.
     */
    static Gen<byte[]> messages(boolean obsolete) {
        return in -> {
            List<String> fields = new ArrayList<>();
            fields.add(obsolete ? field(in, "From", true) : mailboxFrom(in));
            int more = range(0, 8).generate(in);
            for (int i = 0; i < more; i++) {
                String name = NAMES.get(range(0, NAMES.size() - 1).generate(in));
                // a second From is legal to sign (and over-signing covers it) but peers refuse it (RFC 5322 §3.6)
                fields.add(field(in, !obsolete && name.equals("From") ? "X-Custom" : name, obsolete));
            }
            java.util.Collections.rotate(fields, range(0, fields.size() - 1).generate(in));
            return (String.join("", fields) + "\r\n" + body(in)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    /**
     * A From field with a parsable mailbox (RFC 5322 §3.4) at example.com: peers such as OpenDKIM refuse a From
     * without a domain, and sign only mail from their own domain.
     */
    static String mailboxFrom(org.quicktheories.core.RandomnessSource in) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder local = new StringBuilder();
        int n = range(1, 10).generate(in);
        for (int i = 0; i < n; i++) {
            local.append(letters.charAt(range(0, letters.length() - 1).generate(in)));
        }
        String display = range(0, 1).generate(in) == 0 ? "" : "Joe" + space(in, true) + "Q. Public ";
        return "From:" + space(in, false) + display + "<" + local + "@example.com>\r\n";
    }

    /** Bodies alone. */
    static Gen<byte[]> bodies() {
        return in -> body(in).getBytes(StandardCharsets.US_ASCII);
    }

    /** Arbitrary octets, biased towards the ones that matter to the parsers: CR, LF, SP, HTAB, ':', ';', '='. */
    static Gen<byte[]> hostileOctets(int maxLength) {
        byte[] special = {'\r', '\n', ' ', '\t', ':', ';', '=', 'a', 'b', 'h', 'd', 's', '0'};
        return in -> {
            int n = range(0, maxLength).generate(in);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = range(0, 2).generate(in) == 0 ? (byte) (int) range(0, 255).generate(in)
                        : special[range(0, special.length - 1).generate(in)];
            }
            return out;
        };
    }
}
