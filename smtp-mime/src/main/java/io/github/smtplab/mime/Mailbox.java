package io.github.smtplab.mime;

import io.github.smtplab.mime.internal.AddressChars;
import java.util.List;
import java.util.Objects;

/**
 * A mailbox of RFC 5322 §3.4: an optional display name and an addr-spec {@code local-part@domain}.
 *
 * @param displayName the decoded display name, or "" when there is none
 * @param localPart the local part, unquoted (RFC 5322 §3.4.1)
 * @param domain the domain (a dot-atom, or a domain literal with its brackets)
 */
public record Mailbox(String displayName, String localPart, String domain) implements Address {

    /** Checks that the parts are present and the addr-spec is not empty on either side of "@". */
    public Mailbox {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (localPart.isEmpty() || domain.isEmpty()) {
            throw new IllegalArgumentException("RFC 5322 §3.4.1: addr-spec is local-part \"@\" domain, both non-empty");
        }
    }

    /**
     * Parses one mailbox, e.g. {@code Alice <alice@monentreprise.fr>} or {@code bob@exemple.com}.
     *
     * @throws IllegalArgumentException if the text is not exactly one mailbox (for application input;
     *     use {@link AddressParser} for peer input)
     */
    public static Mailbox parse(String text) {
        return switch (AddressParser.parseMailbox(text)) {
            case ParseResult.Ok<Mailbox> ok -> ok.value();
            case ParseResult.Failed<Mailbox> failed -> throw new IllegalArgumentException(
                    "not a mailbox: " + text + " (" + failed.reason() + ")");
        };
    }

    /** The addr-spec, local part quoted if it is not a dot-atom (RFC 5322 §3.4.1). */
    public String address() {
        String local = AddressChars.isDotAtom(localPart) ? localPart : AddressChars.quote(localPart);
        return local + "@" + domain;
    }

    @Override
    public String toHeaderText() {
        if (displayName.isEmpty()) {
            return address();
        }
        return EncodedWords.encodePhrase(displayName) + " <" + address() + ">";
    }

    @Override
    public List<Mailbox> mailboxes() {
        return List.of(this);
    }
}
