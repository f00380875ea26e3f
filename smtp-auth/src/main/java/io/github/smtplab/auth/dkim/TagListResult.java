package io.github.smtplab.auth.dkim;

import java.util.Objects;

/** The outcome of {@link TagList#parse}: a tag list, or why the text is not one (RFC 6376 §3.2). */
public sealed interface TagListResult {

    /** The text is a valid tag list. @param tags the tags */
    record Parsed(TagList tags) implements TagListResult {
        /** Requires the tags. */
        public Parsed {
            Objects.requireNonNull(tags, "tags");
        }
    }

    /** The text is not a tag list. @param reason what is wrong, citing the RFC */
    record Malformed(String reason) implements TagListResult {
        /** Requires the reason. */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
