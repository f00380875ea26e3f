package io.github.smtplab.auth.results;

import io.github.smtplab.auth.results.internal.PayloadParser;
import io.github.smtplab.mime.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Authentication-Results header field (RFC 8601 §2.2): who checked ({@code authserv-id}) and what each
 * method found.
 *
 * <pre>
 * Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net;
 *  dkim=pass header.d=example.net header.s=s1; dmarc=pass header.from=example.net
 * </pre>
 *
 * @param authservId the authentication service identifier, usually this host's name (§2.5)
 * @param results    the results, in order; empty means "none" (§2.2)
 */
public record AuthenticationResults(String authservId, List<MethodResult> results) {

    /** The field name (§2.2). */
    public static final String FIELD_NAME = "Authentication-Results";

    /** Checks the identifier is not blank and copies the list. */
    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        if (authservId.isBlank()) {
            throw new IllegalArgumentException("an authserv-id is required (RFC 8601 §2.2)");
        }
        results = List.copyOf(results);
    }

    /**
     * The field body without the name and final CRLF: {@code authserv-id; method=result prop=value; ...} or
     * {@code authserv-id; none}, folded at white space by smtp-mime's {@link io.github.smtplab.mime.HeaderFolding} (78 characters a line where the words allow).
     */
    public String value() {
        return toHeaderField().body().substring(1);
    }

    /** The field body on one line, words separated by single spaces. */
    private String unfolded() {
        List<String> words = new ArrayList<>();
        if (results.isEmpty()) {
            words.add(Tokens.value(authservId) + ";");
            words.add("none");
        } else {
            words.add(Tokens.value(authservId) + ";");
            for (int i = 0; i < results.size(); i++) {
                MethodResult r = results.get(i);
                List<String> parts = new ArrayList<>();
                parts.add(r.method() + r.version().map(v -> "/" + v).orElse("") + "=" + r.result());
                r.reason().ifPresent(reason -> parts.add("reason=" + Tokens.value(reason)));
                for (ResultProperty p : r.properties()) {
                    parts.add(p.type() + "." + p.property() + "=" + Tokens.propertyValue(p.value()));
                }
                if (i < results.size() - 1) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + ";");
                }
                words.addAll(parts);
            }
        }
        return String.join(" ", words);
    }

    /** The whole field as smtp-mime's {@link HeaderField}, folded by smtp-mime (RFC 5322 §2.2.3), ending with CRLF. */
    public HeaderField toHeaderField() {
        return HeaderField.of(FIELD_NAME, unfolded());
    }

    /** The whole field, {@code Authentication-Results: ...} ending with CRLF. */
    public String toField() {
        return FIELD_NAME + ": " + value() + "\r\n";
    }

    /**
     * Parses a field body (after {@code Authentication-Results:}; unfolding is done here), comments and all
     * (§2.2). Never throws: malformed input gives {@link AuthenticationResultsParse.Invalid}.
     */
    public static AuthenticationResultsParse parse(String value) {
        return PayloadParser.parse(value);
    }

    /** The results of one method, e.g. every {@code dkim} result. */
    public List<MethodResult> resultsFor(String method) {
        return results.stream().filter(r -> r.method().equalsIgnoreCase(method)).toList();
    }
}
