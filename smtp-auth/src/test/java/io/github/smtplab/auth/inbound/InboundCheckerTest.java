package io.github.smtplab.auth.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.dmarc.AuthorDomains;
import io.github.smtplab.auth.dmarc.DmarcResult;
import io.github.smtplab.dns.DnsResolver;
import io.github.smtplab.dns.LookupResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The inbound checks without a server: RFC 9989 §4.2, §5.3.1, §11.5 for From, RFC 8601 §5, the time budget. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InboundCheckerTest {

    private final InboundChecker enforcing = new InboundChecker("mx.exemple.com", HostileFrom.dns()).enforcingPolicy(true);
    private final InboundChecker reporting = new InboundChecker("mx.exemple.com", HostileFrom.dns());

    /** Issue 18 item 2: none of the From tricks escapes a p=reject policy; each gets a 5xx with its reason. */
    @Test
    void everyHostileFromIsRefusedWhenThePolicyIsEnforced() {
        HostileFrom.cases().forEach((name, header) -> {
            InboundVerdict verdict = enforcing.check(HostileFrom.SESSION, HostileFrom.message(header));
            assertThat(verdict).as(name).isInstanceOf(InboundVerdict.Refuse.class);
            InboundVerdict.Refuse refuse = (InboundVerdict.Refuse) verdict;
            assertThat(refuse.reply().code()).as(name).isIn(550, 552);
            assertThat(String.join(" ", refuse.reply().lines())).as(name).matches("\\p{ASCII}*").doesNotContain("§");
        });
    }

    /** Without enforcement the same messages are stored, but never without a DMARC verdict (or are refused for size). */
    @Test
    void withoutEnforcementEachCarriesADmarcResult() {
        HostileFrom.cases().forEach((name, header) -> {
            byte[] message = HostileFrom.message(header);
            switch (reporting.check(HostileFrom.SESSION, message)) {
                case InboundVerdict.Deliver d -> {
                    String stored = new String(d.apply(message), StandardCharsets.US_ASCII);
                    assertThat(stored).as(name).containsPattern("dmarc=(fail|permerror)");
                }
                case InboundVerdict.Refuse r -> assertThat(r.reply().code()).as(name).isEqualTo(552);
            }
        });
    }

    /** Header limits refuse the message with the limit named, enforced or not: a half-read header could hide a From. */
    @Test
    void headerLimitsRefuseWithTheirReason() {
        for (InboundChecker checker : java.util.List.of(enforcing, reporting)) {
            InboundVerdict.Refuse big = (InboundVerdict.Refuse) checker.check(HostileFrom.SESSION,
                    HostileFrom.message(HostileFrom.bigField(1_100_000) + "From: ceo@evil.test\r\n"));
            assertThat(big.reply().toString()).startsWith("552 5.3.4 Header block refused: more than 1048576 octets");
            InboundVerdict.Refuse many = (InboundVerdict.Refuse) checker.check(HostileFrom.SESSION,
                    HostileFrom.message("X-F: 1\r\n".repeat(10_001) + "From: ceo@evil.test\r\n"));
            assertThat(many.reply().toString()).startsWith("552 5.3.4 Header block refused: more than 10000 fields");
        }
    }

    /** RFC 9989 §5.3.1: the Author Domain is compared without case and without the trailing dot of an absolute name. */
    @Test
    void authorDomainIsNormalised() {
        InboundVerdict v = reporting.check(HostileFrom.SESSION, HostileFrom.message("From: ceo@EVIL.TEST.\r\n"));
        InboundReport report = ((InboundVerdict.Deliver) v).report();
        assertThat(report.authorDomains()).isEqualTo(new AuthorDomains.Found(java.util.List.of("evil.test")));
        assertThat(report.dmarc()).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo(DmarcResult.FAIL));
    }

    /** RFC 9989 §11.5: with several mailboxes, each domain is evaluated and the strictest failing policy applies. */
    @Test
    void severalAuthorDomainsAreEachEvaluated() {
        InboundVerdict v = reporting.check(HostileFrom.SESSION, HostileFrom.message("From: x@other.test, ceo@evil.test\r\n"));
        InboundReport report = ((InboundVerdict.Deliver) v).report();
        assertThat(report.dmarc()).extracting(o -> o.fromDomain()).containsExactly("other.test", "evil.test");
        assertThat(report.strictestFailure()).get().extracting(o -> o.fromDomain()).isEqualTo("evil.test");
    }

    /** A plain message from a domain without DMARC is delivered with the fields on top, dmarc=none. */
    @Test
    void anOrdinaryMessageIsDeliveredWithTheTraceFields() {
        byte[] message = HostileFrom.message("From: Alice <x@other.test>\r\n");
        InboundVerdict.Deliver d = (InboundVerdict.Deliver) enforcing.check(HostileFrom.SESSION, message);
        String stored = new String(d.apply(message), StandardCharsets.US_ASCII);
        assertThat(stored).startsWith("Authentication-Results: mx.exemple.com;").containsPattern("dmarc=none\\s+header.from=other.test")
                .contains("\r\nReceived-SPF: fail").endsWith("\r\nFrom: Alice <x@other.test>\r\nTo: bob@exemple.com\r\nSubject: pay now\r\n\r\nTransfer the money.\r\n");
    }

    /** RFC 8601 §5: a result field that claims our authserv-id is removed; another receiver's is kept. */
    @Test
    void forgedResultsAreRemoved() {
        byte[] message = HostileFrom.message("Authentication-Results: (x) MX.exemple.com; dkim=pass\r\n"
                + "Authentication-Results: mx.elsewhere.test; spf=pass\r\nFrom: x@other.test\r\n");
        InboundVerdict.Deliver d = (InboundVerdict.Deliver) reporting.check(HostileFrom.SESSION, message);
        String stored = new String(d.apply(message), StandardCharsets.US_ASCII);
        assertThat(stored).doesNotContain("dkim=pass").contains("Authentication-Results: mx.elsewhere.test; spf=pass\r\n")
                .contains("\r\n\r\nTransfer the money.");
    }

    /** Streaming in one-octet chunks gives the same verdict and octets as the whole message at once. */
    @Test
    void chunksDoNotChangeTheOutcome() {
        byte[] message = HostileFrom.message("From: x@other.test\r\nDKIM-Signature: v=1; a=rsa-sha256; d=other.test; s=s;"
                + " h=from; bh=AAAA; b=AAAA\r\n");
        InboundVerdict.Deliver whole = (InboundVerdict.Deliver) reporting.check(HostileFrom.SESSION, message);
        MessageCheck check = reporting.begin(HostileFrom.SESSION);
        for (byte b : message) {
            check.write(ByteBuffer.wrap(new byte[] {b}));
        }
        InboundVerdict.Deliver chunked = (InboundVerdict.Deliver) check.finish();
        assertThat(chunked.report().dkim()).isEqualTo(whole.report().dkim());
        assertThat(chunked.bodyStart()).isEqualTo(whole.bodyStart());
        assertThat(new String(chunked.headerOctets(check.headerOctets()), StandardCharsets.US_ASCII))
                .isEqualTo(new String(whole.headerOctets(message), StandardCharsets.US_ASCII));
    }

    /**
     * Issue 18 item 3: one budget for all the DNS of one message. Sixteen signatures whose key lookups each hang
     * end as temperror once the budget is spent, instead of one timeout after another.
     */
    @Test
    void oneBudgetForAllTheChecks() {
        AtomicInteger asked = new AtomicInteger();
        DnsResolver hanging = (name, type) -> {
            asked.incrementAndGet();
            try {
                Thread.sleep(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HostileFrom.dns().query(name, type);
        };
        StringBuilder header = new StringBuilder("From: x@other.test\r\n");
        for (int i = 0; i < 16; i++) {
            header.append("DKIM-Signature: v=1; a=rsa-sha256; d=other.test; s=s").append(i).append("; h=from; bh=AAAA; b=AAAA\r\n");
        }
        InboundChecker quick = new InboundChecker("mx.exemple.com", hanging).withBudget(Duration.ofMillis(300));
        InboundVerdict.Deliver d = (InboundVerdict.Deliver) quick.check(HostileFrom.SESSION, HostileFrom.message(header.toString()));
        assertThat(d.report().dkim()).hasSize(16).allSatisfy(r -> assertThat(r).isInstanceOf(DkimResult.TempError.class));
        assertThat(d.report().spfMailFrom().result().keyword()).isEqualTo("temperror");
        assertThat(d.report().dmarc()).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo(DmarcResult.TEMPERROR));
        assertThat(asked.get()).as("only the first question is waited for; the others find the budget spent").isLessThanOrEqualTo(2);
    }

    /** The budget's failure is a DNS failure like any other: the resolver says TIMEOUT. */
    @Test
    void outOfBudgetIsATimeout() {
        BudgetedResolver r = new BudgetedResolver(HostileFrom.dns(), Duration.ofNanos(1), java.time.Clock.systemUTC());
        r.start();
        assertThat(r.query("evil.test", io.github.smtplab.dns.RecordType.TXT)).isInstanceOfSatisfying(LookupResult.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(io.github.smtplab.dns.FailureKind.TIMEOUT));
    }
}
