package io.github.smtplab.conformance;

import java.util.List;
import java.util.Set;

/**
 * One check of one RFC rule: what to send, what to expect, and the sentence of the RFC it rests on.
 *
 * @param id          unique, {@code group.name}; the group is what {@code --only} selects (e.g. {@code smuggling})
 * @param title       one line saying what the server should do
 * @param rfc         the RFC number, e.g. {@code 5321}
 * @param section     the section, e.g. {@code 4.1.4}
 * @param level       MUST, SHOULD or MAY, as the RFC words the rule
 * @param profiles    the profiles the probe applies to
 * @param needs       conditions, each an EHLO keyword that must be offered ({@code SIZE}) or one of
 *                    {@code login} (credentials given), {@code tls} (a TLS mode given), {@code maildir}
 * @param slow        runs only with {@code --slow} (it waits minutes)
 * @param quote       the RFC sentence the probe checks
 * @param expectation what a conforming server does, in words
 * @param steps       what the client does and checks, in order
 */
public record Probe(String id, String title, String rfc, String section, Level level, Set<Profile> profiles,
                    List<String> needs, boolean slow, String quote, String expectation, List<Step> steps) {

    public Probe {
        profiles = Set.copyOf(profiles);
        needs = List.copyOf(needs);
        steps = List.copyOf(steps);
        if (!id.matches("[a-z0-9-]+\\.[a-z0-9.-]+")) {
            throw new IllegalArgumentException("a probe id is group.name in lower case: " + id);
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException(id + ": no profile");
        }
    }

    /** The part of the id before the first dot, e.g. {@code smuggling}. */
    public String group() {
        return id.substring(0, id.indexOf('.'));
    }

    /** "RFC 5321 4.1.4": how reports name the rule (ASCII only, no section sign). */
    public String reference() {
        return "RFC " + rfc + " " + section;
    }
}
