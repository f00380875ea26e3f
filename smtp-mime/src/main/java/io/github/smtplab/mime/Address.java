package io.github.smtplab.mime;

import java.util.List;
import java.util.Objects;

/**
 * An address of RFC 5322 §3.4: a single {@link Mailbox} or a named {@link Group} of mailboxes
 * (possibly empty, as in {@code undisclosed-recipients:;}).
 */
public sealed interface Address permits Mailbox, Address.Group {

    /** This address as it is written in a header field (display names encoded per RFC 2047 if needed). */
    String toHeaderText();

    /** The mailboxes this address stands for: itself, or the group's members. */
    List<Mailbox> mailboxes();

    /**
     * RFC 5322 §3.4: {@code display-name ":" [group-list] ";"}.
     *
     * @param displayName the group's name (decoded)
     * @param members the mailboxes in the group, possibly none
     */
    record Group(String displayName, List<Mailbox> members) implements Address {
        /** Copies the member list; the name must not be blank. */
        public Group {
            Objects.requireNonNull(displayName, "displayName");
            if (displayName.isBlank()) {
                throw new IllegalArgumentException("RFC 5322 §3.4: a group has a display name");
            }
            members = List.copyOf(members);
        }

        @Override
        public String toHeaderText() {
            StringBuilder out = new StringBuilder(EncodedWords.encodePhrase(displayName)).append(':');
            for (int i = 0; i < members.size(); i++) {
                out.append(i == 0 ? " " : ", ").append(members.get(i).toHeaderText());
            }
            return out.append(';').toString();
        }

        @Override
        public List<Mailbox> mailboxes() {
            return members;
        }
    }
}
