package io.github.smtplab.auth.sasl;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the AUTH extension allows on a listener.
 *
 * @param mechanisms         the mechanisms offered at all (inside TLS)
 * @param inClear            those also offered without TLS. PLAIN and LOGIN belong here only in tests or
 *                           on a trusted network: they send the password (RFC 4954 §4, RFC 4616 §6)
 * @param requireTls         offer and accept nothing before TLS (a submission listener, RFC 8314 §3.3);
 *                           AUTH then gets {@code 538 5.7.11}
 * @param requireAuthForMail refuse MAIL before AUTH with {@code 530 5.7.0} (RFC 6409 §4.1, RFC 4954 §6)
 * @param senders            which envelope senders an authenticated user may use ({@code 553 5.7.1})
 * @param maxFailures        failed or malformed AUTH exchanges on one connection before {@code 421 4.7.0}
 * @param failureDelay       the pause after the first failure of one user from one address; it doubles
 *                           with each further one
 * @param maxFailureDelay    the longest pause
 * @param iterations         the iteration count shown to a SCRAM client for a user that does not exist
 */
public record AuthPolicy(Set<Mechanism> mechanisms, Set<Mechanism> inClear, boolean requireTls, boolean requireAuthForMail,
                         SenderRule senders, int maxFailures, Duration failureDelay, Duration maxFailureDelay, int iterations) {

    /** Failures per connection tolerated by default before the connection is closed. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    /** The first pause after a failure, by default; then 2 s, 4 s, ... */
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofSeconds(1);
    /** The longest pause, by default. */
    public static final Duration DEFAULT_MAX_FAILURE_DELAY = Duration.ofSeconds(8);

    /** Checks the limits; a mechanism offered in clear must be offered at all. */
    public AuthPolicy {
        mechanisms = Set.copyOf(mechanisms);
        inClear = Set.copyOf(inClear);
        Objects.requireNonNull(senders, "senders");
        Objects.requireNonNull(failureDelay, "failureDelay");
        Objects.requireNonNull(maxFailureDelay, "maxFailureDelay");
        if (!mechanisms.containsAll(inClear)) {
            throw new IllegalArgumentException("a mechanism offered in clear must be offered at all");
        }
        if (maxFailures < 1 || failureDelay.isNegative() || maxFailureDelay.compareTo(failureDelay) < 0) {
            throw new IllegalArgumentException("maxFailures >= 1 and 0 <= failureDelay <= maxFailureDelay");
        }
        if (iterations < ScramCredentials.MIN_ITERATIONS || iterations > ScramCredentials.MAX_ITERATIONS) {
            throw new IllegalArgumentException("RFC 7677 section 4: iterations of at least 4096");
        }
    }

    /**
     * A submission listener (RFC 6409): every mechanism but CRAM-MD5 inside TLS, nothing in clear, MAIL
     * only after AUTH, any sender, 5 failures, pauses of 1 s to 8 s.
     */
    public static AuthPolicy submission() {
        return new AuthPolicy(EnumSet.of(Mechanism.SCRAM_SHA_256, Mechanism.PLAIN, Mechanism.LOGIN), Set.of(), true, true,
                SenderRule.ANY, DEFAULT_MAX_FAILURES, DEFAULT_FAILURE_DELAY, DEFAULT_MAX_FAILURE_DELAY, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** The same policy offering {@code offered} inside TLS and {@code offeredInClear} without it. */
    public AuthPolicy withMechanisms(Set<Mechanism> offered, Set<Mechanism> offeredInClear) {
        return new AuthPolicy(offered, offeredInClear, requireTls, requireAuthForMail, senders, maxFailures, failureDelay, maxFailureDelay, iterations);
    }

    /** The same policy, requiring TLS before any AUTH or not. */
    public AuthPolicy withRequireTls(boolean required) {
        return new AuthPolicy(mechanisms, inClear, required, requireAuthForMail, senders, maxFailures, failureDelay, maxFailureDelay, iterations);
    }

    /** The same policy, refusing MAIL before AUTH (530) or not. */
    public AuthPolicy withRequireAuthForMail(boolean required) {
        return new AuthPolicy(mechanisms, inClear, requireTls, required, senders, maxFailures, failureDelay, maxFailureDelay, iterations);
    }

    /** The same policy with another sender rule. */
    public AuthPolicy withSenders(SenderRule rule) {
        return new AuthPolicy(mechanisms, inClear, requireTls, requireAuthForMail, rule, maxFailures, failureDelay, maxFailureDelay, iterations);
    }

    /** The same policy with another failure limit and pauses. */
    public AuthPolicy withFailures(int max, Duration delay, Duration maxDelay) {
        return new AuthPolicy(mechanisms, inClear, requireTls, requireAuthForMail, senders, max, delay, maxDelay, iterations);
    }

    /** The mechanisms allowed now, strongest first, given whether TLS is in place. */
    public Set<Mechanism> allowed(boolean tls) {
        if (!tls && requireTls) {
            return Set.of();
        }
        EnumSet<Mechanism> out = EnumSet.noneOf(Mechanism.class);
        out.addAll(tls ? mechanisms : inClear);
        return out;
    }
}
