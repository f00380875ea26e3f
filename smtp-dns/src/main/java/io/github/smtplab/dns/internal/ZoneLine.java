package io.github.smtplab.dns.internal;

import java.util.List;

/**
 * One logical line of a master file: parentheses already joined (RFC 1035 §5.1).
 *
 * @param number          the 1-based number of the physical line it starts on
 * @param startsWithBlank true if the line began with a space or tab: the owner is the previous one
 * @param tokens          the tokens, never empty
 */
public record ZoneLine(int number, boolean startsWithBlank, List<ZoneToken> tokens) {

    /** Copies the tokens. */
    public ZoneLine {
        tokens = List.copyOf(tokens);
    }
}
