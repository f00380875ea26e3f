package io.github.smtplab.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * The parameters after the path of MAIL or RCPT (RFC 5321 §4.1.2):
 *
 * <pre>
 * Mail-parameters = esmtp-param *(SP esmtp-param)
 * esmtp-param     = esmtp-keyword ["=" esmtp-value]
 * esmtp-keyword   = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 * esmtp-value     = 1*(%d33-60 / %d62-126)     ; RFC 6531 §3.3 adds UTF8-non-ascii
 * </pre>
 *
 * Keywords are case-insensitive and kept upper-case, in the order given; a value is kept as written.
 * The typed accessors read the parameters of the extensions smtp-core knows; whether a parameter is
 * allowed on this session (its extension advertised) is the session's decision, not this record's.
 *
 * @param values keyword (upper case) to value; a keyword without {@code =value} maps to an empty Optional
 */
public record EsmtpParameters(Map<String, Optional<String>> values) {

    /** No parameters. */
    public static final EsmtpParameters NONE = new EsmtpParameters(Map.of());

    public EsmtpParameters {
        LinkedHashMap<String, Optional<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k.toUpperCase(Locale.ROOT), v));
        values = Collections.unmodifiableMap(copy);
    }

    /** True when the keyword is present, with or without a value. */
    public boolean has(String keyword) {
        return values.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The value of a keyword, as written. */
    public Optional<String> value(String keyword) {
        return values.getOrDefault(keyword.toUpperCase(Locale.ROOT), Optional.empty());
    }

    /** {@code SIZE=n} of RFC 1870 §3 ({@code size-value = 1*20DIGIT}); empty when absent or not a number. */
    public OptionalLong size() {
        Optional<String> v = value("SIZE");
        if (v.isEmpty() || v.get().length() > 20 || !v.get().chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get()));
        } catch (NumberFormatException tooLargeForALong) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }

    /** {@code BODY=7BIT|8BITMIME} (RFC 6152 §2) or {@code BINARYMIME} (RFC 3030), upper-cased. */
    public Optional<String> body() {
        return value("BODY").map(b -> b.toUpperCase(Locale.ROOT));
    }

    /** {@code SMTPUTF8} (RFC 6531 §3.4): the transaction may carry UTF-8 addresses and headers. */
    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    /** {@code AUTH=<mailbox>} or {@code AUTH=<>} of RFC 4954 §5, xtext-decoded. */
    public Optional<String> auth() {
        return value("AUTH").flatMap(Xtext::decode);
    }

    /** {@code ENVID} of RFC 3461 §4.4, xtext-decoded. */
    public Optional<String> envid() {
        return value("ENVID").flatMap(Xtext::decode);
    }

    /** {@code RET=FULL|HDRS} of RFC 3461 §4.3, upper-cased. */
    public Optional<String> ret() {
        return value("RET").map(r -> r.toUpperCase(Locale.ROOT));
    }

    /** {@code NOTIFY=NEVER} or a comma list of SUCCESS, FAILURE, DELAY (RFC 3461 §4.1), upper-cased. */
    public Optional<String> notifyConditions() {
        return value("NOTIFY").map(n -> n.toUpperCase(Locale.ROOT));
    }

    /** {@code ORCPT=addr-type;xtext} of RFC 3461 §4.2, with the address part xtext-decoded. */
    public Optional<String> orcpt() {
        return value("ORCPT").flatMap(o -> {
            int semi = o.indexOf(';');
            return semi <= 0 ? Optional.empty() : Xtext.decode(o.substring(semi + 1)).map(a -> o.substring(0, semi) + ";" + a);
        });
    }

    /** The parameters as written after a path: a leading space, then {@code KEY[=value]} separated by spaces. */
    public String format() {
        StringJoiner out = new StringJoiner(" ", values.isEmpty() ? "" : " ", "");
        values.forEach((k, v) -> out.add(v.map(value -> k + "=" + value).orElse(k)));
        return out.toString();
    }
}
