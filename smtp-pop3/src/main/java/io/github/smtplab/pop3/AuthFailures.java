package io.github.smtplab.pop3;

import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.internal.FailureTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Failed logins per client address, shared by every connection of a server (smtp-auth's counter, the
 * one SMTP's AUTH uses): after the n-th failure the reply waits {@code delay × 2^(n-1)}, and at the
 * policy's limit the server says {@code -ERR [AUTH]} and closes. Reconnecting does not reset the count;
 * a success or a quiet quarter of an hour does.
 */
public final class AuthFailures {

    private final FailureTracker tracker;
    private final int limit;

    /** Limits and pauses from {@code policy}, time from {@code clock}. */
    public AuthFailures(AuthPolicy policy, Supplier<Instant> clock) {
        this.tracker = new FailureTracker(policy.failureDelay(), policy.maxFailureDelay(), clock);
        this.limit = policy.maxFailures();
    }

    /** Records a failure; returns the pause before the reply and whether the connection must close. */
    Verdict fail(String address) {
        int count = tracker.fail(address);
        return new Verdict(tracker.delayAfter(count), count >= limit);
    }

    /** True when the address has no attempt left. */
    boolean exhausted(String address) {
        return tracker.failures(address) >= limit;
    }

    /** The address logged in: its failures are forgotten. */
    void succeed(String address) {
        tracker.succeed(address);
    }

    /** What a failure costs: a pause, and maybe the connection. */
    record Verdict(Duration pause, boolean close) {}
}
