package io.github.smtplab.auth.inbound;

import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.Question;
import io.github.smtplab.dns.RecordType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One time budget for all the DNS questions of one message's checks (SPF, every DKIM key, DMARC): a
 * resolver whose answers must all come before one deadline. A question asked after it, or still unanswered
 * when it passes, gets a {@link FailureKind#TIMEOUT} failure at once, which each check reports as
 * {@code temperror} (RFC 7208 §2.6.6, RFC 6376 §6.1.2 TEMPFAIL, RFC 9989 §4.10.1). So sixteen DKIM keys
 * that each take 10 s cost the budget, not 160 s.
 *
 * <p>The clock starts at {@link #start()} (or at the first question). Each question runs on a virtual thread
 * so that waiting can stop at the deadline; a question abandoned there ends by the resolver's own timeout.
 */
final class BudgetedResolver implements DnsResolver {

    private static final ExecutorService QUESTIONS = Executors.newVirtualThreadPerTaskExecutor();
    /** DNS class IN (RFC 1035 §3.2.4). */
    private static final int CLASS_IN = 1;

    private final DnsResolver next;
    private final Duration budget;
    private final Clock clock;
    private Instant deadline;

    BudgetedResolver(DnsResolver next, Duration budget, Clock clock) {
        this.next = next;
        this.budget = budget;
        this.clock = clock;
    }

    /** Starts the clock, if no question has yet. */
    synchronized void start() {
        if (deadline == null) {
            deadline = clock.instant().plus(budget);
        }
    }

    private synchronized Duration left() {
        start();
        return Duration.between(clock.instant(), deadline);
    }

    @Override
    public LookupResult query(DomainName name, RecordType type) {
        Duration left = left();
        if (left.isNegative() || left.isZero()) {
            return outOfTime(name, type);
        }
        CompletableFuture<LookupResult> answer = CompletableFuture.supplyAsync(() -> next.query(name, type), QUESTIONS);
        try {
            return answer.get(left.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return outOfTime(name, type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outOfTime(name, type);
        } catch (ExecutionException e) {
            return new LookupResult.Failure(new Question(name, type, CLASS_IN), FailureKind.SERVFAIL,
                    "lookup failed: " + e.getCause());
        }
    }

    private LookupResult outOfTime(DomainName name, RecordType type) {
        return new LookupResult.Failure(new Question(name, type, CLASS_IN), FailureKind.TIMEOUT,
                "the " + budget.toSeconds() + " s budget for this message's checks ran out");
    }
}
