package io.github.smtplab.mime;

import java.util.Objects;

/**
 * The outcome of parsing a piece of peer input (an address list, a date...): a value, or why the input
 * does not follow the grammar. Parsers return this instead of throwing.
 *
 * @param <T> the type of the parsed value
 */
public sealed interface ParseResult<T> {

    /**
     * The input was understood.
     *
     * @param value the parsed value
     * @param <T> its type
     */
    record Ok<T>(T value) implements ParseResult<T> {
        /** Checks that the value is present. */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The input does not follow the grammar.
     *
     * @param reason a sentence naming the rule broken (with its RFC section)
     * @param offset where in the input the problem was found
     * @param <T> the type that was expected
     */
    record Failed<T>(String reason, int offset) implements ParseResult<T> {
        /** Checks that a reason is given and the offset is not negative. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            if (offset < 0) {
                throw new IllegalArgumentException("offset < 0");
            }
        }
    }

    /** The value if parsing succeeded, else {@code fallback}. */
    default T orElse(T fallback) {
        return this instanceof Ok<T> ok ? ok.value() : fallback;
    }
}
