package io.github.smtplab.auth.dkim;

import java.util.Objects;

/** The outcome of {@link KeyRecord#parse}: a key record, or why the text is not one (RFC 6376 §3.6.1). */
public sealed interface KeyRecordResult {

    /** A valid key record. @param record the record */
    record Parsed(KeyRecord record) implements KeyRecordResult {
        /** Requires the record. */
        public Parsed {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Not a valid key record. @param reason what is wrong */
    record Invalid(String reason) implements KeyRecordResult {
        /** Requires the reason. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
