package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.AddressChars;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the address fields of RFC 5322 §3.4 (From, To, Cc, Bcc, Reply-To, Sender...): address lists
 * of mailboxes ({@code addr-spec} or {@code name-addr}) and groups, with comments and folding white
 * space (CFWS, §3.2.2) anywhere between tokens, quoted strings (§3.2.4), domain literals (§3.4.1),
 * and the obsolete forms of §4.4 that real mail still carries: empty list elements ({@code a, , b}),
 * routes ({@code <@relay:user@host>}), phrases with dots. Display names are decoded (RFC 2047).
 *
 * <p>Works on an unfolded or folded field body; never throws on bad input, returns
 * {@link ParseResult.Failed}.
 */
public final class AddressParser {

    /** Comments nest (RFC 5322 §3.2.2); we stop at this depth so hostile input cannot exhaust the stack. */
    public static final int MAX_COMMENT_DEPTH = 64;

    /** At most this many addresses in one field; enough for any real list, bounded for hostile input. */
    public static final int MAX_ADDRESSES = 10_000;

    private final String s;
    private int pos;

    private AddressParser(String s) {
        this.s = s;
    }

    /** RFC 5322 §3.4 {@code address-list} (an empty list is allowed, as in an empty Bcc, §3.6.3). */
    public static ParseResult<List<Address>> parseList(String fieldBody) {
        AddressParser p = new AddressParser(fieldBody);
        try {
            return new ParseResult.Ok<>(p.addressList());
        } catch (Syntax e) {
            return new ParseResult.Failed<>(e.getMessage(), Math.min(p.pos, fieldBody.length()));
        }
    }

    /** Exactly one RFC 5322 §3.4 {@code mailbox}. */
    public static ParseResult<Mailbox> parseMailbox(String text) {
        AddressParser p = new AddressParser(text);
        try {
            p.skipCfws();
            Mailbox m = p.mailbox();
            p.skipCfws();
            if (p.pos < text.length()) {
                throw new Syntax("RFC 5322 §3.4: unexpected '" + text.charAt(p.pos) + "' after the mailbox");
            }
            return new ParseResult.Ok<>(m);
        } catch (Syntax e) {
            return new ParseResult.Failed<>(e.getMessage(), Math.min(p.pos, text.length()));
        }
    }

    /** A syntax error; internal control flow only, never escapes this class. */
    private static final class Syntax extends Exception {
        Syntax(String message) {
            super(message, null, false, false);
        }
    }

    private List<Address> addressList() throws Syntax {
        List<Address> out = new ArrayList<>();
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                return out;
            }
            if (peek() == ',') { // §4.4 obs-addr-list: empty elements
                pos++;
                continue;
            }
            if (out.size() >= MAX_ADDRESSES) {
                throw new Syntax("more than " + MAX_ADDRESSES + " addresses");
            }
            Address added = address();
            out.add(added);
            skipCfws();
            if (pos < s.length()) {
                if (added instanceof Address.Group && peek() != ',') {
                    continue; // tolerated: "A: a@x; B: b@y;" without the comma after a group's ";"
                }
                if (peek() != ',') {
                    throw new Syntax("RFC 5322 §3.4: expected ',' between addresses, found '" + peek() + "'");
                }
                pos++;
            }
        }
    }

    /** {@code address = mailbox / group}: decided by what follows the leading phrase. */
    private Address address() throws Syntax {
        int start = pos;
        String phrase = phrase();
        skipCfws();
        if (pos < s.length() && peek() == ':' && !phrase.isEmpty()) {
            pos++;
            return group(phrase);
        }
        pos = start;
        return mailbox();
    }

    /** {@code group = display-name ":" [group-list] ";" [CFWS]}; the name is already read. */
    private Address group(String name) throws Syntax {
        List<Mailbox> members = new ArrayList<>();
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                // tolerated: a group whose ";" was lost
                return new Address.Group(name, members);
            }
            char c = peek();
            if (c == ';') {
                pos++;
                return new Address.Group(name, members);
            }
            if (c == ',') {
                pos++;
                continue;
            }
            if (members.size() >= MAX_ADDRESSES) {
                throw new Syntax("more than " + MAX_ADDRESSES + " addresses");
            }
            members.add(mailbox());
        }
    }

    /** {@code mailbox = name-addr / addr-spec}. */
    private Mailbox mailbox() throws Syntax {
        int start = pos;
        String phrase = phrase();
        skipCfws();
        if (pos < s.length() && peek() == '<') {
            pos++;
            Mailbox spec = angleAddrRest();
            return new Mailbox(phrase, spec.localPart(), spec.domain());
        }
        pos = start;
        skipCfws();
        int specStart = pos;
        Mailbox spec = addrSpec();
        int specEnd = pos;
        skipCfws();
        if (pos < s.length() && peek() == '<') {
            // real-world mess: an unquoted display name with "@" in it, "bob@x.org <bob@x.org>"
            pos++;
            Mailbox real = angleAddrRest();
            return new Mailbox(s.substring(specStart, specEnd).strip(), real.localPart(), real.domain());
        }
        pos = specEnd;
        return spec;
    }

    /** After "<": {@code [obs-route] addr-spec ">"}. */
    private Mailbox angleAddrRest() throws Syntax {
        skipCfws();
        if (pos < s.length() && peek() == '@') { // §4.4 obs-route: "@a,@b:" is ignored
            int colon = s.indexOf(':', pos);
            int close = s.indexOf('>', pos);
            if (colon < 0 || (close >= 0 && close < colon)) {
                throw new Syntax("RFC 5322 §4.4: obs-route without ':'");
            }
            pos = colon + 1;
        }
        skipCfws();
        Mailbox spec = addrSpec();
        skipCfws();
        if (pos >= s.length() || peek() != '>') {
            throw new Syntax("RFC 5322 §3.4: expected '>' to close the angle-addr");
        }
        pos++;
        return spec;
    }

    /** {@code addr-spec = local-part "@" domain} (§3.4.1), with §4.4 obs-local-part (words and dots). */
    private Mailbox addrSpec() throws Syntax {
        StringBuilder local = new StringBuilder();
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                throw new Syntax("RFC 5322 §3.4.1: addr-spec ended before '@'");
            }
            char c = peek();
            if (c == '"') {
                local.append(quotedString());
            } else if (AddressChars.isAtext(c)) {
                local.append(atom());
            } else {
                throw new Syntax("RFC 5322 §3.4.1: unexpected '" + c + "' in local-part");
            }
            skipCfws();
            if (pos < s.length() && peek() == '.') {
                local.append('.');
                pos++;
                continue;
            }
            break;
        }
        if (pos >= s.length() || peek() != '@') {
            throw new Syntax("RFC 5322 §3.4.1: expected '@' after the local-part");
        }
        pos++;
        skipCfws();
        String domain = domain();
        if (local.isEmpty() || domain.isEmpty()) {
            // '""@x' is grammatical (a quoted-string may be empty) but names no mailbox; found by fuzzing
            throw new Syntax("RFC 5322 §3.4.1: an empty local-part or domain names no mailbox");
        }
        return new Mailbox("", local.toString(), domain);
    }

    /** {@code domain = dot-atom / domain-literal / obs-domain}. */
    private String domain() throws Syntax {
        if (pos < s.length() && peek() == '[') {
            int close = s.indexOf(']', pos);
            if (close < 0) {
                throw new Syntax("RFC 5322 §3.4.1: domain-literal without ']'");
            }
            String literal = s.substring(pos, close + 1);
            pos = close + 1;
            return literal;
        }
        StringBuilder domain = new StringBuilder();
        while (true) {
            if (pos >= s.length() || !AddressChars.isAtext(peek())) {
                if (!domain.isEmpty()) {
                    return domain.toString(); // tolerated: the trailing dot of an absolute name, "ceo@evil.test."
                }
                throw new Syntax("RFC 5322 §3.4.1: expected a domain");
            }
            domain.append(atom());
            int save = pos;
            skipCfws();
            if (pos < s.length() && peek() == '.') {
                pos++;
                domain.append('.');
                skipCfws();
                continue;
            }
            pos = save;
            skipCfws();
            return domain.toString();
        }
    }

    /**
     * {@code phrase = 1*word / obs-phrase} (§3.2.5, §4.1): atoms, quoted strings and dots, joined by
     * single spaces, then RFC 2047 decoded. Returns "" when there is no phrase here.
     */
    private String phrase() throws Syntax {
        StringBuilder words = new StringBuilder();
        while (true) {
            int before = pos;
            skipCfws();
            if (pos >= s.length()) {
                break;
            }
            char c = peek();
            boolean separated = pos > before && !words.isEmpty();
            if (c == '"') {
                words.append(separated ? " " : "").append(quotedString());
            } else if (AddressChars.isAtext(c) || (c == '.' && !words.isEmpty())) {
                words.append(separated ? " " : "").append(c == '.' ? dotsAndAtom() : atom());
            } else {
                break;
            }
        }
        return EncodedWords.decode(words.toString());
    }

    private String dotsAndAtom() {
        int start = pos;
        while (pos < s.length() && (peek() == '.' || AddressChars.isAtext(peek()))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private String atom() {
        int start = pos;
        while (pos < s.length() && AddressChars.isAtext(peek())) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** §3.2.4 quoted-string: returns the content with quoted-pairs resolved; folds removed. */
    private String quotedString() throws Syntax {
        pos++; // opening DQUOTE
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && pos < s.length()) {
                out.append(s.charAt(pos++));
            } else if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        throw new Syntax("RFC 5322 §3.2.4: quoted-string without closing '\"'");
    }

    /** §3.2.2 CFWS: white space, line breaks of folds, and (nested) comments. */
    private void skipCfws() throws Syntax {
        switch (Cfws.skip(s, pos, MAX_COMMENT_DEPTH)) {
            case ParseResult.Ok<Integer> ok -> pos = ok.value();
            case ParseResult.Failed<Integer> failed -> {
                pos = failed.offset();
                throw new Syntax(failed.reason());
            }
        }
    }

    private char peek() {
        return s.charAt(pos);
    }
}
