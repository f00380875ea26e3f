package io.github.smtplab.auth.dkim;

import java.util.Objects;

/** The outcome of {@link SigningKey#read}: a key, or why the text is not one. */
public sealed interface KeyReadResult {

    /** The text held a usable private key. @param key the key */
    record Read(SigningKey key) implements KeyReadResult {
        /** Requires the key. */
        public Read {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The text is not a usable key. @param reason what is wrong */
    record Unreadable(String reason) implements KeyReadResult {
        /** Requires the reason. */
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
