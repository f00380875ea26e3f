package io.github.smtplab.auth.results.internal;

import io.github.smtplab.mime.Cfws;
import io.github.smtplab.mime.ParseResult;

import io.github.smtplab.auth.results.AuthenticationResults;
import io.github.smtplab.auth.results.AuthenticationResultsParse;
import io.github.smtplab.auth.results.MethodResult;
import io.github.smtplab.auth.results.ResultProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recursive-descent parser for {@code authres-payload} (RFC 8601 §2.2):
 *
 * <pre>
 * authres-payload = [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo ) [CFWS] CRLF
 * no-result       = [CFWS] ";" [CFWS] "none"
 * resinfo         = [CFWS] ";" methodspec [ CFWS reasonspec ] [ CFWS 1*propspec ]
 * methodspec      = [CFWS] method [CFWS] "=" [CFWS] result
 * method          = Keyword [ [CFWS] "/" [CFWS] method-version ]
 * reasonspec      = "reason" [CFWS] "=" [CFWS] value
 * propspec        = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue
 * pvalue          = [CFWS] ( value / [ [ local-part ] "@" ] domain-name ) [CFWS]
 * </pre>
 *
 * Comments nest (RFC 5322 §3.2.2) and hold quoted-pairs. The input is bounded in length and nesting.
 */
public final class PayloadParser {

    /** Longest field body accepted; a header field line is at most 998 octets (RFC 5322 §2.1.1), folded fields can be longer. */
    public static final int MAX_LENGTH = 64 * 1024;
    /** Deepest nesting of comments accepted (RFC 5322 §3.2.2 sets none; this bounds hostile input). */
    public static final int MAX_COMMENT_DEPTH = 32;

    private final String in;
    private int pos;

    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private PayloadParser(String in) {
        this.in = in;
    }

    /** Parses a field body; never throws. */
    public static AuthenticationResultsParse parse(String value) {
        if (value.length() > MAX_LENGTH) {
            return new AuthenticationResultsParse.Invalid("longer than " + MAX_LENGTH + " characters", 0);
        }
        PayloadParser p = new PayloadParser(value);
        try {
            return p.payload();
        } catch (Malformed e) {
            return new AuthenticationResultsParse.Invalid(e.getMessage(), p.pos);
        }
    }

    private AuthenticationResultsParse payload() throws Malformed {
        cfws();
        String authservId = value("authserv-id");
        if (authservId.isBlank()) {
            throw new Malformed("empty authserv-id (§2.5)");
        }
        cfws();
        int version = 1;
        if (pos < in.length() && isDigit(in.charAt(pos))) {
            int start = pos;
            while (pos < in.length() && isDigit(in.charAt(pos))) {
                pos++;
            }
            if (pos - start > 9) {
                throw new Malformed("version too long");
            }
            version = Integer.parseInt(in.substring(start, pos));
            cfws();
        }
        List<MethodResult> results = new ArrayList<>();
        expect(';');
        cfws();
        int save = pos;
        String first = pos < in.length() ? keyword() : "";
        cfws();
        if (first.equalsIgnoreCase("none") && atEnd()) {
            return new AuthenticationResultsParse.Parsed(new AuthenticationResults(authservId, results), version);
        }
        pos = save;
        while (true) {
            cfws();
            if (atEnd()) {
                break; // a final ";" is tolerated
            }
            results.add(resinfo());
            cfws();
            if (atEnd()) {
                break;
            }
            expect(';');
        }
        if (results.isEmpty()) {
            throw new Malformed("no result and no \"none\" (§2.2)");
        }
        return new AuthenticationResultsParse.Parsed(new AuthenticationResults(authservId, results), version);
    }

    private MethodResult resinfo() throws Malformed {
        String method = keyword();
        cfws();
        Optional<String> version = Optional.empty();
        if (peek('/')) {
            pos++;
            cfws();
            int start = pos;
            while (pos < in.length() && isDigit(in.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw new Malformed("method-version expected after / (§2.2)");
            }
            version = Optional.of(in.substring(start, pos));
            cfws();
        }
        expect('=');
        cfws();
        String result = keyword();
        Optional<String> reason = Optional.empty();
        List<ResultProperty> properties = new ArrayList<>();
        while (true) {
            cfws();
            if (atEnd() || peek(';')) {
                break;
            }
            String name = keyword();
            cfws();
            if (name.equalsIgnoreCase("reason") && peek('=') && properties.isEmpty() && reason.isEmpty()) {
                pos++;
                cfws();
                reason = Optional.of(value("reason"));
                continue;
            }
            // ptype [CFWS] "." [CFWS] property: the lexer may have read "smtp.mailfrom" as one token.
            String type;
            String property;
            int dot = name.indexOf('.');
            if (dot > 0 && dot < name.length() - 1) {
                type = name.substring(0, dot);
                property = name.substring(dot + 1);
            } else {
                type = dot > 0 ? name.substring(0, dot) : name;
                if (dot < 0) {
                    expect('.');
                }
                cfws();
                property = keyword();
                cfws();
            }
            expect('=');
            cfws();
            properties.add(new ResultProperty(type, property, propertyValue()));
        }
        return new MethodResult(method, version, result, reason, properties);
    }

    /** pvalue: a quoted-string, or a run of token characters and "@" (§2.2). */
    private String propertyValue() throws Malformed {
        if (peek('"')) {
            return quotedString();
        }
        int start = pos;
        while (pos < in.length() && (isTokenChar(in.charAt(pos)) || in.charAt(pos) == '@')) {
            pos++;
        }
        if (start == pos) {
            throw new Malformed("property value expected (§2.2)");
        }
        return in.substring(start, pos);
    }

    /** value = token / quoted-string (RFC 2045 §5.1). */
    private String value(String what) throws Malformed {
        if (peek('"')) {
            return quotedString();
        }
        int start = pos;
        while (pos < in.length() && isTokenChar(in.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new Malformed(what + " expected");
        }
        return in.substring(start, pos);
    }

    /** A Keyword: letters, digits, "-", "." and "_" as tokens allow (§2.2 uses RFC 5321's Keyword; we accept a token). */
    private String keyword() throws Malformed {
        int start = pos;
        while (pos < in.length() && isTokenChar(in.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new Malformed("keyword expected");
        }
        return in.substring(start, pos);
    }

    private String quotedString() throws Malformed {
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= in.length()) {
                    break;
                }
                out.append(in.charAt(pos++));
            } else if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        throw new Malformed("unterminated quoted-string");
    }

    /** Skips folding white space and comments (RFC 5322 §3.2.2), with smtp-mime's skipper. */
    private void cfws() throws Malformed {
        switch (Cfws.skip(in, pos, MAX_COMMENT_DEPTH)) {
            case ParseResult.Ok<Integer> ok -> pos = ok.value();
            case ParseResult.Failed<Integer> failed -> throw new Malformed(failed.reason());
        }
    }

    private void expect(char c) throws Malformed {
        if (!peek(c)) {
            throw new Malformed("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= in.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }
}
