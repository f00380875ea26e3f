package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.AddressChars;
import io.github.smtplab.mime.internal.Charsets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 2047 encoded words: non-ASCII text in header fields, written {@code =?charset?B|Q?text?=}.
 *
 * <p>Encoding always uses UTF-8, chooses the B (base64) or Q (quoted-printable-like) encoding,
 * whichever is shorter (§4), keeps each word within {@value #WRITTEN_WORD_LENGTH} characters (§2 allows
 * {@value #MAX_ENCODED_WORD_LENGTH})
 * and never splits a multi-byte character between two words (§5 (3)). Encoded words are allowed only in
 * unstructured text ({@link #encodeText}) and in phrases such as display names ({@link #encodePhrase}),
 * never inside a quoted-string or an addr-spec (§5).
 *
 * <p>Decoding ({@link #decode}) joins adjacent encoded words — the white space between them is not
 * part of the text (§6.2) — and leaves a word it cannot decode (unknown charset, bad syntax) as it is.
 */
public final class EncodedWords {

    /** RFC 2047 §2: "An 'encoded-word' may not be more than 75 characters long". */
    public static final int MAX_ENCODED_WORD_LENGTH = 75;

    /**
     * The length of the words we write: below the §2 maximum so that a word fits on the first line after
     * the field name ({@code "Reply-To: "} + 66 = 76), keeping every folded line within 78 characters
     * (RFC 5322 §2.1.1) without folding right after the colon, which some parsers read as a leading space.
     */
    public static final int WRITTEN_WORD_LENGTH = 66;

    /** Length of {@code =?UTF-8?Q?} plus {@code ?=}. */
    private static final int OVERHEAD = "=?UTF-8?Q??=".length();

    /** Room for the encoded text in one word. */
    private static final int MAX_PAYLOAD = WRITTEN_WORD_LENGTH - OVERHEAD;

    /** A plain word longer than this is encoded too, so that the field can always be folded (RFC 5322 §2.1.1). */
    private static final int MAX_PLAIN_WORD = WRITTEN_WORD_LENGTH;

    /**
     * The longest word the decoder accepts. §2 allows 75 characters; real mail has longer ones, so we
     * accept up to this many.
     */
    private static final int MAX_WORD_LENGTH = 2000;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private EncodedWords() {}

    /**
     * Encodes unstructured text (e.g. a Subject, RFC 5322 §3.2.5) for transmission. Text made of
     * printable ASCII words is returned unchanged; otherwise the span from the first to the last word that
     * needs encoding becomes encoded words, and the ASCII words around it stay readable.
     */
    public static String encodeText(String text) {
        String[] words = text.split(" ", -1);
        int first = -1;
        int last = -1;
        for (int i = 0; i < words.length; i++) {
            if (needsEncoding(words[i])) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < first; i++) {
            out.append(words[i]).append(' ');
        }
        // A space between an encoded word and a following plain word is kept by decoders, so
        // the spaces inside the span are encoded with the words.
        out.append(encodeWords(String.join(" ", java.util.Arrays.copyOfRange(words, first, last + 1))));
        for (int i = last + 1; i < words.length; i++) {
            out.append(' ').append(words[i]);
        }
        return out.toString();
    }

    /**
     * Encodes a phrase (RFC 5322 §3.2.5, e.g. a display name): atoms as they are, other ASCII as a
     * quoted-string (§3.2.4), non-ASCII as encoded words (RFC 2047 §5 (3)).
     */
    public static String encodePhrase(String phrase) {
        boolean ascii = true;
        boolean atoms = !phrase.isEmpty() && !phrase.startsWith(" ") && !phrase.endsWith(" ") && !phrase.contains("  ");
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                ascii = false;
            } else if (c != ' ' && !AddressChars.isAtext(c)) {
                atoms = false;
            }
        }
        if (!ascii || phrase.contains("=?") || phrase.length() > MAX_PLAIN_WORD) {
            return encodeWords(phrase);
        }
        if (atoms) {
            return phrase;
        }
        return AddressChars.quote(phrase);
    }

    private static boolean needsEncoding(String word) {
        if (word.length() > MAX_PLAIN_WORD || word.contains("=?")) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes the whole {@code text} as UTF-8 encoded words separated by single spaces; B or Q
     * whichever gives the shorter result.
     */
    public static String encodeWords(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int qLength = 0;
        for (byte b : utf8) {
            qLength += isQSafe(b) ? 1 : 3;
        }
        boolean useB = Base64Codec.encodedLength(utf8.length) < qLength;
        List<String> words = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int chunkCost = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            int after = chunk.size() + bytes.length;
            int cost = useB ? Base64Codec.encodedLength(after) : chunkCost + qCost(bytes);
            if (cost > MAX_PAYLOAD && chunk.size() > 0) {
                words.add(word(chunk.toByteArray(), useB));
                chunk.reset();
                chunkCost = 0;
            }
            chunk.writeBytes(bytes);
            chunkCost += qCost(bytes);
            i += Character.charCount(cp);
        }
        if (chunk.size() > 0 || words.isEmpty()) {
            words.add(word(chunk.toByteArray(), useB));
        }
        return String.join(" ", words);
    }

    private static int qCost(byte[] bytes) {
        int cost = 0;
        for (byte b : bytes) {
            cost += isQSafe(b) ? 1 : 3;
        }
        return cost;
    }

    /**
     * RFC 2047 §5 (3): the characters a Q-encoded word may carry literally in every context (the
     * strictest one, a phrase): letters, digits, "!", "*", "+", "-", "/"; SPACE is written "_" (§4.2 (2)).
     */
    private static boolean isQSafe(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '!' || b == '*' || b == '+' || b == '-' || b == '/' || b == ' ';
    }

    private static String word(byte[] bytes, boolean useB) {
        StringBuilder out = new StringBuilder("=?UTF-8?").append(useB ? "B?" : "Q?");
        if (useB) {
            out.append(Base64Codec.encode(bytes));
        } else {
            for (byte b : bytes) {
                if (b == ' ') {
                    out.append('_');
                } else if (isQSafe(b)) {
                    out.append((char) b);
                } else {
                    out.append('=').append((char) HEX[(b >>> 4) & 0xf]).append((char) HEX[b & 0xf]);
                }
            }
        }
        return out.append("?=").toString();
    }

    /**
     * Decodes every encoded word in {@code text} (RFC 2047 §6). White space between two adjacent encoded
     * words is dropped (§6.2); the octets of adjacent words in the same charset are joined before being
     * decoded, so a character split between words (against §5 (3), but seen) still comes out whole. A word
     * with an unknown charset or bad syntax is left as it is.
     */
    public static String decode(String text) {
        if (!text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        EndFinder ends = new EndFinder(text);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            Optional<Word> found = parseWordAt(text, i, ends);
            if (found.isPresent()) {
                Word w = found.get();
                if (pendingCharset != null && !pendingCharset.equals(w.charset)) {
                    out.append(new String(pending.toByteArray(), pendingCharset));
                    pending.reset();
                }
                pendingCharset = w.charset;
                pending.writeBytes(w.bytes);
                i = w.end;
                // §6.2: linear white space between adjacent encoded words is ignored
                int j = i;
                while (j < n && isLinearWhiteSpace(text.charAt(j))) {
                    j++;
                }
                if (j > i && j < n && parseWordAt(text, j, ends).isPresent()) {
                    i = j;
                }
                continue;
            }
            if (pendingCharset != null) {
                out.append(new String(pending.toByteArray(), pendingCharset));
                pending.reset();
                pendingCharset = null;
            }
            out.append(text.charAt(i));
            i++;
        }
        if (pendingCharset != null) {
            out.append(new String(pending.toByteArray(), pendingCharset));
        }
        return out.toString();
    }

    private static boolean isLinearWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private record Word(Charset charset, byte[] bytes, int end) {}

    /**
     * Finds the next {@code "?="} at or after a position. Positions asked for never decrease during one
     * decode, so the search moves forward only: decoding stays linear even on hostile text like
     * {@code "=?=?=?..."}.
     */
    private static final class EndFinder {
        private final String s;
        private int found = -2; // -2: not searched yet; -1: none after the last position asked for

        EndFinder(String s) {
            this.s = s;
        }

        int from(int position) {
            if (found == -2 || (found >= 0 && found < position)) {
                found = s.indexOf("?=", position);
            }
            return found;
        }
    }

    /** Parses {@code =?charset?enc?text?=} at {@code start} (§2); charset may carry "*lang" (RFC 2231 §5). */
    private static Optional<Word> parseWordAt(String s, int start, EndFinder ends) {
        if (!s.startsWith("=?", start)) {
            return Optional.empty();
        }
        int q1 = s.indexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') {
            return Optional.empty();
        }
        int q3 = ends.from(q1 + 3);
        if (q3 < 0 || q3 - start > MAX_WORD_LENGTH) {
            return Optional.empty();
        }
        String charsetName = s.substring(start + 2, q1);
        String encoded = s.substring(q1 + 3, q3);
        for (int k = 0; k < encoded.length(); k++) {
            char c = encoded.charAt(k);
            if (c <= ' ' || c > '~' || c == '?') {
                return Optional.empty(); // §2: no white space or "?" inside the encoded text
            }
        }
        int star = charsetName.indexOf('*');
        if (star >= 0) {
            charsetName = charsetName.substring(0, star);
        }
        Optional<Charset> charset = Charsets.lookup(charsetName);
        if (charset.isEmpty()) {
            return Optional.empty(); // §6.2: an unknown charset: show the word as it is
        }
        char encoding = Character.toUpperCase(s.charAt(q1 + 1));
        byte[] bytes;
        if (encoding == 'B') {
            bytes = Base64Codec.decodeLenient(encoded);
        } else if (encoding == 'Q') {
            bytes = decodeQ(encoded);
        } else {
            return Optional.empty();
        }
        return Optional.of(new Word(charset.get(), bytes, q3 + 2));
    }

    /** §4.2: "_" is SPACE, "=XY" an octet, anything else itself. */
    private static byte[] decodeQ(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
