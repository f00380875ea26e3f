package io.github.smtplab.tls;

import java.util.Objects;

/** What reading a PEM certificate chain and key gave: the key material, or why it cannot be used. */
public sealed interface PemLoadResult {

    /** The chain and key were read and belong together. */
    record Loaded(KeyMaterial material) implements PemLoadResult {
        public Loaded {
            Objects.requireNonNull(material, "material");
        }
    }

    /** The files could not be used; {@code reason} says why, for a human. */
    record Invalid(String reason) implements PemLoadResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
