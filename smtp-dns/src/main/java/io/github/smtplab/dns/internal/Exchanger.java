package io.github.smtplab.dns.internal;

import io.github.smtplab.dns.Question;

/** Sends one question somewhere (the network, or zones in memory) and returns what came back. */
@FunctionalInterface
public interface Exchanger {

    /** Asks {@code question}; never throws for network or protocol problems. */
    ExchangeOutcome exchange(Question question);
}
