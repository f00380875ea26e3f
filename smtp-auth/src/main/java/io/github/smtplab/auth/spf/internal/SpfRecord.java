package io.github.smtplab.auth.spf.internal;

import java.util.List;
import java.util.Optional;

/**
 * A syntactically valid SPF record (RFC 7208 §4.6.1, §12): its directives in order and the two modifiers
 * this version defines. Unknown modifiers are checked for syntax and then dropped (§6).
 *
 * @param directives  the directives, evaluated left to right (§4.6.2)
 * @param redirect    the unexpanded {@code redirect=} domain spec (§6.1)
 * @param explanation the unexpanded {@code exp=} domain spec (§6.2)
 */
public record SpfRecord(List<Directive> directives, Optional<String> redirect, Optional<String> explanation) {

    /** Copies the list. */
    public SpfRecord {
        directives = List.copyOf(directives);
    }

    /** True if an {@code all} mechanism appears anywhere: then {@code redirect} is ignored (§6.1). */
    public boolean hasAll() {
        return directives.stream().anyMatch(d -> d.mechanism() instanceof Mechanism.All);
    }
}
