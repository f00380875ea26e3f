package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.AddressChars;
import io.github.smtplab.mime.internal.Charsets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Structured MIME header values with parameters: {@code value *(";" attribute "=" value)}, as in
 * Content-Type (RFC 2045 §5.1) and Content-Disposition (RFC 2183 §2).
 *
 * <p>A parameter value is a token or a quoted-string (RFC 2045 §5.1). RFC 2231 adds continuations
 * ({@code name*0=, name*1=}, §3) and charset/language-tagged, percent-encoded values
 * ({@code filename*=UTF-8''rapport%20d%C3%A9c.pdf}, §4); {@link #parse} joins and decodes them, and
 * {@link #format} produces them when a value is not plain short ASCII.
 *
 * @param value the main value (e.g. {@code text/plain}, {@code attachment}), as written
 * @param parameters decoded parameters by lower-case name, in order of first appearance
 */
public record MimeParameters(String value, Map<String, String> parameters) {

    /** RFC 2045 §5.1 tspecials: characters that end a token. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    /** A bound on continuation sections per parameter (RFC 2231 §3 sets none); hostile input stays small. */
    public static final int MAX_SECTIONS = 1000;

    /** A bound on distinct parameters per field. */
    public static final int MAX_PARAMETERS = 1000;

    /** Encoded text per continuation line: keeps each line of the folded field within 78 characters. */
    private static final int SECTION_LENGTH = 56;

    /** Copies the map, keeping its order. */
    public MimeParameters {
        Objects.requireNonNull(value, "value");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter's decoded value by name, ignoring case. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses a field body such as {@code text/plain; charset="utf-8"} leniently: comments are skipped,
     * a parameter without "=" or with a broken value is dropped, the first occurrence of a name wins.
     * Never throws.
     */
    public static MimeParameters parse(String fieldBody) {
        Cursor c = new Cursor(HeaderFolding.unfold(fieldBody));
        c.skipCfws();
        int start = c.pos;
        while (!c.atEnd() && c.peek() != ';') {
            if (c.peek() == '(') {
                c.skipCfws();
            } else if (c.peek() == '"') {
                c.quoted();
            } else {
                c.pos++;
            }
        }
        String value = stripComments(c.s.substring(start, c.pos)).strip();
        // name -> section number -> (extended?, raw text)
        Map<String, TreeMap<Integer, Section>> sectioned = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        while (!c.atEnd()) {
            c.pos++; // ';'
            c.skipCfws();
            int nameStart = c.pos;
            while (!c.atEnd() && isTokenChar(c.peek())) {
                c.pos++;
            }
            String name = c.s.substring(nameStart, c.pos).toLowerCase(Locale.ROOT);
            c.skipCfws();
            if (name.isEmpty() || c.atEnd() || c.peek() != '=') {
                c.skipTo(';');
                continue;
            }
            c.pos++;
            c.skipCfws();
            String raw;
            boolean quoted = !c.atEnd() && c.peek() == '"';
            if (quoted) {
                raw = c.quoted();
            } else {
                int vs = c.pos;
                while (!c.atEnd() && c.peek() != ';' && !Character.isWhitespace(c.peek()) && c.peek() != '(') {
                    c.pos++;
                }
                raw = c.s.substring(vs, c.pos);
            }
            c.skipTo(';');
            if (order.size() >= MAX_PARAMETERS) {
                continue;
            }
            addParameter(name, raw, quoted, sectioned, plain, order);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : order) {
            if (result.containsKey(name)) {
                continue;
            }
            if (sectioned.containsKey(name)) {
                result.put(name, joinSections(sectioned.get(name)));
            } else {
                result.put(name, plain.get(name));
            }
        }
        return new MimeParameters(value, result);
    }

    private record Section(boolean extended, String text) {}

    /** RFC 2231 §3, §4: {@code name*} is extended, {@code name*N} a section, {@code name*N*} an extended section. */
    private static void addParameter(String name, String raw, boolean quoted,
            Map<String, TreeMap<Integer, Section>> sectioned, Map<String, String> plain, List<String> order) {
        int star = name.indexOf('*');
        if (star < 0) {
            order.add(name);
            plain.putIfAbsent(name, raw);
            return;
        }
        String base = name.substring(0, star);
        String rest = name.substring(star + 1);
        boolean extended = rest.endsWith("*") || rest.isEmpty();
        String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
        int section;
        if (number.isEmpty()) {
            section = 0;
        } else if (number.length() <= 4 && number.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                && (number.equals("0") || !number.startsWith("0"))) {
            section = Integer.parseInt(number);
        } else {
            return; // not an RFC 2231 name: ignore
        }
        if (section >= MAX_SECTIONS || base.isEmpty()) {
            return;
        }
        order.add(base);
        sectioned.computeIfAbsent(base, k -> new TreeMap<>())
                .putIfAbsent(section, new Section(extended, raw)); // quoted extended values: tolerated
    }

    /**
     * RFC 2231 §3–4: sections are joined in number order (stopping at a gap); extended sections are
     * percent-decoded, and the first one's {@code charset'language'} prefix names the charset of all.
     */
    private static String joinSections(TreeMap<Integer, Section> sections) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Charset charset = StandardCharsets.UTF_8;
        int expected = 0;
        for (Map.Entry<Integer, Section> e : sections.entrySet()) {
            if (e.getKey() != expected) {
                break; // a gap: later sections are unusable
            }
            expected++;
            Section s = e.getValue();
            String text = s.text();
            if (s.extended()) {
                if (e.getKey() == 0) {
                    int q1 = text.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : text.indexOf('\'', q1 + 1);
                    if (q2 >= 0) {
                        charset = Charsets.lookup(text.substring(0, q1)).orElse(StandardCharsets.UTF_8);
                        text = text.substring(q2 + 1);
                    }
                }
                percentDecode(text, bytes);
            } else {
                bytes.writeBytes(text.getBytes(charset));
            }
        }
        return new String(bytes.toByteArray(), charset);
    }

    private static void percentDecode(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        Cursor c = new Cursor(s);
        StringBuilder out = new StringBuilder();
        while (!c.atEnd()) {
            if (c.peek() == '(') {
                c.skipCfws();
            } else {
                out.append(c.peek());
                c.pos++;
            }
        }
        return out.toString();
    }

    /** RFC 2045 §5.1 token character: printable US-ASCII except SPACE and tspecials. */
    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && TSPECIALS.indexOf(c) < 0;
    }

    /** Letters, digits, "-", ".", "_", "/" and "+": tokens that every parser reads the same way. */
    private static boolean isPlainToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '+');
    }

    /** Whether {@code s} can be written as a bare RFC 2045 token. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Formats one parameter, starting with {@code "; "}: {@code ; name=token}, {@code ; name="quoted"},
     * or for non-ASCII or long values the RFC 2231 form in UTF-8, split into continuation sections
     * ({@code ; name*0*=UTF-8''...; name*1*=...}) that fold within 78 characters. A section never splits
     * a character.
     */
    public static String format(String name, String value) {
        if (!isToken(name) || name.contains("*") || name.contains("'") || name.contains("%")) {
            throw new IllegalArgumentException("RFC 2231 §7: a parameter name is an attribute-char token: " + name);
        }
        boolean printableAscii = value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
        // Interop: some parsers (mime4j 0.8) apply RFC 2231 to any value with two "'", even a quoted one;
        // the RFC 2231 form below is valid for every value, so values with "'" use it.
        if (printableAscii && value.length() <= SECTION_LENGTH && value.indexOf('\'') < 0) {
            // A bare token is valid for any RFC 2045 token, but some parsers mis-read tokens with "'" or "%"
            // (taking them for RFC 2231); quoting is always allowed, so only plain names stay bare.
            return "; " + name + "=" + (isPlainToken(value) ? value : AddressChars.quote(value));
        }
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder("UTF-8''");
        int i = 0;
        while (i < value.length()) {
            int cp = value.codePointAt(i);
            String encoded = percentEncode(new String(Character.toChars(cp)));
            if (current.length() + encoded.length() > SECTION_LENGTH && current.length() > 0
                    && !(sections.isEmpty() && current.toString().equals("UTF-8''"))) {
                sections.add(current.toString());
                current.setLength(0);
            }
            current.append(encoded);
            i += Character.charCount(cp);
        }
        sections.add(current.toString());
        if (sections.size() == 1) {
            return "; " + name + "*=" + sections.get(0);
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < sections.size(); k++) {
            out.append("; ").append(name).append('*').append(k).append("*=").append(sections.get(k));
        }
        return out.toString();
    }

    /** RFC 2231 §7: everything but attribute-char (and "+") is written %XX. */
    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            // "+" is an attribute-char, but some decoders (mime4j 0.8) read it as a space, URL-style;
            // any octet may be written as ext-octet, so "+" is encoded too.
            if (isTokenChar(c) && c != '*' && c != '\'' && c != '%' && c != '+') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The whole field body: {@code value; name=...; ...}, each parameter formatted by {@link #format}. */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(value);
        parameters.forEach((k, v) -> out.append(format(k, v)));
        return out.toString();
    }

    /** A tiny scanner over a field body. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipTo(char stop) {
            while (!atEnd() && peek() != stop) {
                if (peek() == '"') {
                    quoted();
                } else if (peek() == '(') {
                    skipCfws();
                } else {
                    pos++;
                }
            }
        }

        /** White space and comments (RFC 822 comments are allowed in MIME fields, RFC 2045 §5.1). */
        void skipCfws() {
            while (!atEnd()) {
                char c = peek();
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    pos++;
                } else if (c == '(') {
                    int depth = 0;
                    while (!atEnd()) {
                        char d = s.charAt(pos++);
                        if (d == '\\') {
                            pos = Math.min(pos + 1, s.length());
                        } else if (d == '(') {
                            depth++;
                        } else if (d == ')' && --depth == 0) {
                            break;
                        }
                    }
                } else {
                    return;
                }
            }
        }

        /** A quoted-string at pos; returns its content; tolerates a missing closing quote. */
        String quoted() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && !atEnd()) {
                    out.append(s.charAt(pos++));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
