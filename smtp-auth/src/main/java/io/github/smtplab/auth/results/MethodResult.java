package io.github.smtplab.auth.results;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code resinfo} of the field (RFC 8601 §2.2): a method with its result, an optional reason and the
 * properties that say what was checked, e.g. {@code dkim=pass header.d=example.com header.s=s1}.
 *
 * @param method     the method, e.g. {@code spf}, {@code dkim}, {@code dmarc} (§2.7), lower case
 * @param version    the method version, when given ({@code dkim/1})
 * @param result     the result keyword, e.g. {@code pass} (§2.7), lower case
 * @param reason     the {@code reason=} text (§2.2)
 * @param properties the properties, in order
 */
public record MethodResult(String method, Optional<String> version, String result, Optional<String> reason,
                           List<ResultProperty> properties) {

    /** Checks the method and result are tokens; lowers their case (they are case-insensitive, §2.2). */
    public MethodResult {
        if (!Tokens.isToken(method) || !Tokens.isToken(result)) {
            throw new IllegalArgumentException("method and result are keywords (RFC 8601 §2.2): " + method + "=" + result);
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        method = method.toLowerCase(Locale.ROOT);
        result = result.toLowerCase(Locale.ROOT);
        properties = List.copyOf(properties);
    }

    /** A result without version or reason. */
    public MethodResult(String method, String result, List<ResultProperty> properties) {
        this(method, Optional.empty(), result, Optional.empty(), properties);
    }

    /** The value of the first property {@code type.property}, if present. */
    public Optional<String> property(String type, String property) {
        return properties.stream()
                .filter(p -> p.type().equalsIgnoreCase(type) && p.property().equalsIgnoreCase(property))
                .map(ResultProperty::value).findFirst();
    }
}
