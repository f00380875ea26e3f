package io.github.smtplab.core.internal;

import io.github.smtplab.core.EsmtpParameters;
import io.github.smtplab.core.ForwardPath;
import io.github.smtplab.core.Mailbox;
import io.github.smtplab.core.ReversePath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cursor over the argument of a MAIL or RCPT command, one method per production of RFC 5321 §4.1.2
 * and §4.1.3 (with RFC 6531 §3.3's UTF-8 additions). Each method consumes its production or throws a
 * {@link GrammarException} naming it.
 *
 * <pre>
 * Reverse-path   = Path / "&lt;&gt;"
 * Forward-path   = Path
 * Path           = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"
 * A-d-l          = At-domain *( "," At-domain )      ; source route: parsed, then ignored (Appendix C)
 * At-domain      = "@" Domain
 * Mailbox        = Local-part "@" ( Domain / address-literal )
 * Local-part     = Dot-string / Quoted-string
 * Dot-string     = Atom *("."  Atom)
 * Quoted-string  = DQUOTE *QcontentSMTP DQUOTE
 * Domain         = sub-domain *("." sub-domain)
 * sub-domain     = Let-dig [Ldh-str]                 ; RFC 6531: =/ U-label
 * </pre>
 */
public final class PathGrammar {

    /** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
    public static final int MAX_LOCAL_PART = 64;
    /** RFC 5321 §4.5.3.1.2: a domain is at most 255 octets. */
    public static final int MAX_DOMAIN = 255;
    /** RFC 5321 §4.5.3.1.3: a reverse-path or forward-path is at most 256 octets, punctuation included. */
    public static final int MAX_PATH = 256;
    /** RFC 1035 §2.3.4: a label is at most 63 octets. */
    public static final int MAX_LABEL = 63;

    private final String text;
    private int pos;

    public PathGrammar(String text) {
        this.text = text;
    }

    // ---- entry points -----------------------------------------------------------------------------------

    /** Parses a whole {@code local@domain}; application input, so a mistake is an IllegalArgumentException. */
    public static Mailbox parseMailbox(String text) {
        PathGrammar g = new PathGrammar(text);
        try {
            Mailbox m = g.mailbox();
            g.expectEnd("Mailbox");
            return m;
        } catch (GrammarException e) {
            throw new IllegalArgumentException("not a mailbox (RFC 5321 section 4.1.2, rule " + e.rule() + ", column "
                    + e.column() + "): " + e.getMessage());
        }
    }

    /** True when the cursor has consumed everything. */
    public boolean atEnd() {
        return pos >= text.length();
    }

    /** The rest of the text, unconsumed. */
    public String rest() {
        return text.substring(pos);
    }

    public int position() {
        return pos;
    }

    public void expectEnd(String rule) {
        if (!atEnd()) {
            throw error(rule, "unexpected text \"" + shown(rest()) + "\"");
        }
    }

    // ---- productions ------------------------------------------------------------------------------------

    /** {@code Reverse-path = Path / "<>"}; {@code bracketsOptional} is the lenient policy's "a@b". */
    public ReversePath reversePath(boolean bracketsOptional) {
        if (text.startsWith("<>", pos)) {
            pos += 2;
            return ReversePath.NULL;
        }
        return path(bracketsOptional);
    }

    /**
     * {@code Forward-path}, plus the special {@code "<Postmaster>"} of §4.1.1.3 (case-insensitive,
     * §4.5.1).
     */
    public ForwardPath forwardPath(boolean bracketsOptional) {
        String postmaster = "<postmaster>";
        if (text.regionMatches(true, pos, postmaster, 0, postmaster.length())) {
            pos += postmaster.length();
            return ForwardPath.POSTMASTER;
        }
        return path(bracketsOptional);
    }

    /** {@code Path = "<" [ A-d-l ":" ] Mailbox ">"}. The source route is read and dropped (§4.1.1.3, Appendix C). */
    public Mailbox path(boolean bracketsOptional) {
        int start = pos;
        boolean bracketed = peek() == '<';
        if (!bracketed && !bracketsOptional) {
            throw error("Path", "expected \"<\"");
        }
        if (bracketed) {
            pos++;
            if (peek() == '@') {
                adl();
                expect(':', "A-d-l");
            }
        }
        Mailbox mailbox = mailbox();
        if (bracketed) {
            expect('>', "Path");
        }
        if (utf8Length(text.substring(start, pos)) > MAX_PATH) {
            pos = start;
            throw error("Path", "longer than " + MAX_PATH + " octets (RFC 5321 section 4.5.3.1.3)");
        }
        return mailbox;
    }

    /** {@code A-d-l = At-domain *( "," At-domain )}, {@code At-domain = "@" Domain}. */
    void adl() {
        do {
            expect('@', "At-domain");
            domain();
        } while (consume(','));
    }

    /** {@code Mailbox = Local-part "@" ( Domain / address-literal )}. */
    public Mailbox mailbox() {
        String local = localPart();
        expect('@', "Mailbox");
        int start = pos;
        String domain = peek() == '[' ? addressLiteral() : domain();
        try {
            return new Mailbox(local, domain);
        } catch (IllegalArgumentException e) {
            throw new GrammarException("Mailbox", start + 1, e.getMessage());
        }
    }

    /** {@code Local-part = Dot-string / Quoted-string}; returns the value (quotes and escapes removed). */
    String localPart() {
        int start = pos;
        String value = peek() == '"' ? quotedString() : dotString();
        if (utf8Length(value) > MAX_LOCAL_PART) {
            pos = start;
            throw error("Local-part", "longer than " + MAX_LOCAL_PART + " octets (RFC 5321 section 4.5.3.1.1)");
        }
        return value;
    }

    /** {@code Dot-string = Atom *("." Atom)}. */
    String dotString() {
        int start = pos;
        atom();
        while (peek() == '.') {
            pos++;
            atom();
        }
        return text.substring(start, pos);
    }

    /** {@code Atom = 1*atext}. */
    void atom() {
        int start = pos;
        while (!atEnd() && isAtext(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("Atom", atEnd() ? "expected a character" : "unexpected \"" + shown(text.substring(pos, pos + 1)) + "\"");
        }
    }

    /**
     * {@code Quoted-string = DQUOTE *QcontentSMTP DQUOTE}, {@code qtextSMTP = %d32-33 / %d35-91 /
     * %d93-126}, {@code quoted-pairSMTP = %d92 %d32-126}.
     */
    String quotedString() {
        expect('"', "Quoted-string");
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error("Quoted-string", "missing closing quote");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd() || text.charAt(pos) < 32 || text.charAt(pos) > 126) {
                    throw error("quoted-pairSMTP", "backslash must be followed by a printable character");
                }
                value.append(text.charAt(pos++));
            } else if (isQtext(c)) {
                value.append(c);
            } else {
                pos--;
                throw error("qtextSMTP", "character not allowed in a quoted string");
            }
        }
    }

    /** {@code Domain = sub-domain *("." sub-domain)}, at most 255 octets. */
    public String domain() {
        int start = pos;
        subDomain();
        while (peek() == '.') {
            pos++;
            subDomain();
        }
        String domain = text.substring(start, pos);
        if (utf8Length(domain) > MAX_DOMAIN) {
            pos = start;
            throw error("Domain", "longer than " + MAX_DOMAIN + " octets (RFC 5321 section 4.5.3.1.2)");
        }
        return domain;
    }

    /** {@code sub-domain = Let-dig [Ldh-str]}, {@code Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig}. */
    void subDomain() {
        int start = pos;
        if (atEnd() || !isLetDig(text.charAt(pos))) {
            throw error("sub-domain", "must start with a letter or digit");
        }
        while (!atEnd() && (isLetDig(text.charAt(pos)) || text.charAt(pos) == '-')) {
            pos++;
        }
        if (text.charAt(pos - 1) == '-') {
            throw error("Ldh-str", "a label must not end with \"-\"");
        }
        if (utf8Length(text.substring(start, pos)) > MAX_LABEL) {
            pos = start;
            throw error("sub-domain", "label longer than " + MAX_LABEL + " octets (RFC 1035 section 2.3.4)");
        }
    }

    /**
     * {@code address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
     * General-address-literal ) "]"} (§4.1.3). Returned with its brackets.
     */
    public String addressLiteral() {
        int start = pos;
        expect('[', "address-literal");
        int close = text.indexOf(']', pos);
        if (close < 0) {
            throw error("address-literal", "missing \"]\"");
        }
        String inside = text.substring(pos, close);
        if (!AddressLiterals.isValid(inside)) {
            throw error("address-literal", "not an IPv4, IPv6 or general address literal (RFC 5321 section 4.1.3)");
        }
        pos = close + 1;
        return text.substring(start, pos);
    }

    /**
     * {@code Mail-parameters = esmtp-param *(SP esmtp-param)} after the single SP that follows the path.
     * Duplicate keywords are refused: a parameter has one meaning per command.
     */
    public EsmtpParameters parameters() {
        if (atEnd()) {
            return EsmtpParameters.NONE;
        }
        expect(' ', "Mail-parameters");
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        do {
            int start = pos;
            String keyword = esmtpKeyword();
            Optional<String> value = Optional.empty();
            if (consume('=')) {
                value = Optional.of(esmtpValue());
            }
            if (values.put(keyword.toUpperCase(Locale.ROOT), value) != null) {
                pos = start;
                throw error("esmtp-param", "parameter " + keyword + " given twice");
            }
        } while (consume(' '));
        expectEnd("Mail-parameters");
        return new EsmtpParameters(values);
    }

    /** {@code esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}. */
    String esmtpKeyword() {
        int start = pos;
        if (atEnd() || !isAlphaDigit(text.charAt(pos))) {
            throw error("esmtp-keyword", "must start with a letter or digit");
        }
        while (!atEnd() && (isAlphaDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** {@code esmtp-value = 1*(%d33-60 / %d62-126)}; RFC 6531 §3.3 adds UTF8-non-ascii. */
    String esmtpValue() {
        int start = pos;
        while (!atEnd() && isEsmtpValueChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("esmtp-value", "empty value after \"=\"");
        }
        return text.substring(start, pos);
    }

    // ---- character classes (RFC 5321 §4.1.2, RFC 5234 core rules, RFC 6531 §3.3) -------------------

    /** {@code atext} of RFC 5322 §3.2.3, plus UTF8-non-ascii (RFC 6531 §3.3). */
    public static boolean isAtext(char c) {
        return isAlphaDigit(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    static boolean isQtext(char c) {
        return (c >= 32 && c <= 126 && c != '"' && c != '\\') || c >= 0x80;
    }

    static boolean isLetDig(char c) {
        return isAlphaDigit(c) || c >= 0x80;   // RFC 6531: U-labels, checked no further here
    }

    static boolean isAlphaDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isEsmtpValueChar(char c) {
        return (c >= 33 && c <= 126 && c != '=') || c >= 0x80;
    }

    // ---- checks and formatting used by Mailbox --------------------------------------------------------

    /** Checks that a local-part value can be written as a Dot-string or a Quoted-string. */
    public static void checkLocalPartValue(String value) {
        if (value == null) {
            throw new IllegalArgumentException("local part is required");
        }
        // an empty value is allowed: Quoted-string = DQUOTE *QcontentSMTP DQUOTE, so ""@example.com is a mailbox
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 32 || c == 127) {
                throw new IllegalArgumentException("RFC 5321 section 4.1.2: control character in local part");
            }
        }
        if (utf8Length(value) > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("RFC 5321 section 4.5.3.1.1: local part over 64 octets");
        }
    }

    /** Checks a Domain or an address literal. */
    public static void checkDomainOrLiteral(String domain) {
        if (domain == null) {
            throw new IllegalArgumentException("domain is required");
        }
        PathGrammar g = new PathGrammar(domain);
        try {
            if (g.peek() == '[') {
                g.addressLiteral();
            } else {
                g.domain();
            }
            g.expectEnd("Domain");
        } catch (GrammarException e) {
            throw new IllegalArgumentException("RFC 5321 section 4.1.2: bad domain \"" + domain + "\": " + e.getMessage());
        }
    }

    /** The local part as a Dot-string when its value is one, else as a Quoted-string. */
    public static String formatLocalPart(String value) {
        if (isDotString(value)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    static boolean isDotString(String value) {
        PathGrammar g = new PathGrammar(value);
        try {
            g.dotString();
            return g.atEnd();
        } catch (GrammarException e) {
            return false;
        }
    }

    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static int utf8Length(String s) {
        return isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ---- cursor primitives -----------------------------------------------------------------------------

    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    boolean consume(char c) {
        if (peek() == c && !atEnd()) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c, String rule) {
        if (!consume(c)) {
            throw error(rule, "expected \"" + c + "\"" + (atEnd() ? " before the end" : ""));
        }
    }

    /**
     * Peer text made safe to quote in a reply: anything but printable US-ASCII becomes "?" (reply text
     * is a {@code textstring}, §4.2) and long text is cut, so a reply never exceeds its 512 octets (§4.5.3.1.5).
     */
    static String shown(String peerText) {
        StringBuilder out = new StringBuilder();
        peerText.codePoints().limit(40).forEach(c -> out.append(c < 32 || c > 126 ? '?' : (char) c));
        return peerText.codePointCount(0, peerText.length()) > 40 ? out + "..." : out.toString();
    }

    GrammarException error(String rule, String message) {
        return new GrammarException(rule, pos + 1, message);
    }
}
