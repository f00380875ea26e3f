package io.github.smtplab.conformance;

/** The requirement level as the RFC words it (RFC 2119): a failed MUST fails, a failed SHOULD or MAY warns. */
public enum Level {
    /** An absolute requirement. */
    MUST,
    /** Recommended: there may be valid reasons to do otherwise, so a miss is a warning. */
    SHOULD,
    /** Optional behaviour the suite reports on; a miss is a warning. */
    MAY
}
