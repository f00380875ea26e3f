package io.github.smtplab.core.delivery;

import io.github.smtplab.core.Mailbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which mailboxes of the local domains exist: an MX accepts only its own recipients and answers
 * {@code 550 5.1.1} to the others (RFC 5321 §3.3, RFC 3463 X.1.1 "bad destination mailbox address"),
 * instead of creating a mailbox for any local part a stranger makes up.
 *
 * <p>Either a list of addresses, or a catch-all (every local part exists) that a server must ask for
 * explicitly. {@code postmaster} of every local domain always exists (RFC 5321 §4.5.1).
 * Addresses are compared without regard to case: RFC 5321 §2.4 leaves the local part's case to the
 * destination, and this one does not tell {@code Bob} from {@code bob}.
 */
public sealed interface LocalRecipients {

    /** True when {@code mailbox} (of a local domain) exists here. */
    boolean exists(Mailbox mailbox);

    /** These recipients and {@code more} (a catch-all stays a catch-all). */
    LocalRecipients and(Collection<Mailbox> more);

    /** Every local part of the local domains exists. */
    record CatchAll() implements LocalRecipients {
        @Override
        public boolean exists(Mailbox mailbox) {
            return true;
        }

        @Override
        public LocalRecipients and(Collection<Mailbox> more) {
            return this;
        }
    }

    /**
     * The listed addresses, and postmaster.
     *
     * @param addresses the addresses, in the form {@link #key(Mailbox)} gives
     */
    record Listed(Set<String> addresses) implements LocalRecipients {
        public Listed {
            addresses = Set.copyOf(addresses);
        }

        @Override
        public boolean exists(Mailbox mailbox) {
            return mailbox.localPart().equalsIgnoreCase("postmaster") || addresses.contains(key(mailbox));
        }

        @Override
        public LocalRecipients and(Collection<Mailbox> more) {
            Set<String> all = new HashSet<>(addresses);
            more.forEach(m -> all.add(key(m)));
            return new Listed(all);
        }
    }

    /** The catch-all. */
    static LocalRecipients catchAll() {
        return new CatchAll();
    }

    /** Exactly these mailboxes (and postmaster). */
    static LocalRecipients of(Collection<Mailbox> mailboxes) {
        return new Listed(Set.of()).and(mailboxes);
    }

    /**
     * Reads a recipients file: one address per line ({@code bob@exemple.com}), blank lines and lines
     * starting with {@code #} ignored.
     *
     * @throws IllegalArgumentException naming the line when one is not an address
     */
    static LocalRecipients parse(String text) {
        List<String> lines = text.lines().map(String::strip).toList();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty() && !lines.get(i).startsWith("#")) {
                keys.add(keyOfLine(lines.get(i), i + 1));
            }
        }
        return new Listed(keys);
    }

    private static String keyOfLine(String line, int number) {
        try {
            return key(Mailbox.parse(line));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + number + ": not an address: " + e.getMessage(), e);
        }
    }

    /** {@link #parse(String)} of a file in UTF-8. */
    static LocalRecipients read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** How an address is compared: {@code local@domain}, both in lower case. */
    static String key(Mailbox mailbox) {
        return mailbox.localPart().toLowerCase(Locale.ROOT) + "@" + mailbox.domainLowerCase();
    }
}
