package io.github.smtplab.auth.sasl.internal;

import java.util.Objects;

/** What a server-side mechanism says after each client message (RFC 4422 §3: challenge, outcome). */
public sealed interface ServerStep {

    /** Send this challenge (in a {@code 334}) and wait for the next client response. */
    record Challenge(byte[] data) implements ServerStep {
        public Challenge {
            Objects.requireNonNull(data, "data");
        }
    }

    /** The client proved it is {@code identity}. */
    record Success(String identity) implements ServerStep {
        public Success {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** The exchange failed; {@code reason} is for logs and transcripts, never sent to the client. */
    record Failure(FailureKind kind, String reason) implements ServerStep {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why an exchange failed, which decides the reply (RFC 4954 §4, §6). */
    enum FailureKind {
        /** Wrong user, wrong password, or authorization refused: {@code 535 5.7.8}. */
        INVALID_CREDENTIALS,
        /** The client's message breaks the mechanism's grammar: {@code 501 5.5.2}. */
        MALFORMED,
        /** An initial response for a mechanism where the server speaks first: {@code 501 5.7.0}. */
        UNEXPECTED_INITIAL_RESPONSE,
        /** The credential store could not answer: {@code 454 4.7.0}. */
        TEMPORARY,
        /**
         * The client asked for an option of the mechanism this server does not offer (SCRAM channel binding,
         * RFC 5802 §6): {@code 504 5.5.4}, and not counted as a credential failure.
         */
        UNSUPPORTED_OPTION
    }
}
