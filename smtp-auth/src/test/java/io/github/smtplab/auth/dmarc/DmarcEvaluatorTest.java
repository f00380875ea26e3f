package io.github.smtplab.auth.dmarc;

import io.github.smtplab.auth.dkim.DkimResult;
import io.github.smtplab.auth.spf.SpfResult;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.dns.FailureKind;
import io.github.smtplab.dns.LookupResult;
import io.github.smtplab.dns.Question;
import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DMARC evaluation: the tree-walk examples of RFC 9989 Appendix B.4, policy selection (§4.10.1), test mode, errors. */
class DmarcEvaluatorTest {

    private static final String RECORD = "v=DMARC1; p=reject";

    private static Optional<SpfInput> spfPass(String domain) {
        return Optional.of(new SpfInput(domain, SpfResult.PASS));
    }

    private static List<DkimResult> dkimPass(String domain) {
        return List.of(new DkimResult.Pass(domain, "s1", "rsa-sha256", ""));
    }

    /** Appendix B.4.1: example.com and signing.example.com publish; both SPF and DKIM align (relaxed). */
    @Test
    void b41SimpleOrganizationalAndPolicy() {
        TestZone zone = new TestZone(Map.of("_dmarc.example.com", RECORD, "_dmarc.signing.example.com", RECORD));
        DmarcOutcome o = new DmarcEvaluator(zone).evaluate("example.com", spfPass("example.com"), dkimPass("signing.example.com"));
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        assertThat(o.spfAligned()).isTrue();
        assertThat(o.dkimAligned()).isTrue();
        assertThat(o.policyDomain()).contains("example.com");
        assertThat(o.organizationalDomain()).contains("example.com");
    }

    /** Appendix B.4.2: a 13-label Author Domain; the walk skips to 7 labels and asks at most 8 names. */
    @Test
    void b42DeepTreeWalk() {
        TestZone zone = new TestZone(Map.of("_dmarc.example.com", RECORD, "_dmarc.signing.example.com", RECORD));
        String author = "a.b.c.d.e.f.g.h.i.j.k.example.com";
        DmarcOutcome o = new DmarcEvaluator(zone).evaluate(author, spfPass("example.com"), dkimPass("signing.example.com"));
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        assertThat(o.spfAligned()).isTrue();
        assertThat(o.dkimAligned()).isTrue();
        assertThat(o.policyDomain()).contains("example.com");
        assertThat(zone.txtQuestions()).startsWith("_dmarc." + author, "_dmarc.g.h.i.j.k.example.com",
                "_dmarc.h.i.j.k.example.com", "_dmarc.i.j.k.example.com", "_dmarc.j.k.example.com",
                "_dmarc.k.example.com", "_dmarc.example.com", "_dmarc.com");
    }

    /** Appendix B.4.3: psd=y at bank.example; SPF (mail.giant.bank.example) aligns, DKIM (mail.mega.bank.example) does not. */
    @Test
    void b43PsdRecord() {
        TestZone zone = new TestZone(Map.of("_dmarc.bank.example", "v=DMARC1; p=reject; psd=y",
                "_dmarc.giant.bank.example", "v=DMARC1; p=quarantine"));
        DmarcOutcome o = new DmarcEvaluator(zone).evaluate("giant.bank.example", spfPass("mail.giant.bank.example"),
                dkimPass("mail.mega.bank.example"));
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        assertThat(o.spfAligned()).isTrue();
        assertThat(o.dkimAligned()).isFalse();
        assertThat(o.organizationalDomain()).contains("giant.bank.example");
        assertThat(o.policyDomain()).contains("giant.bank.example");
        DmarcOutcome dkimOnly = new DmarcEvaluator(zone).evaluate("giant.bank.example", Optional.empty(), dkimPass("mail.mega.bank.example"));
        assertThat(dkimOnly.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(dkimOnly.disposition()).contains(DmarcPolicy.QUARANTINE);
    }

    /** §4.10.1: p for the Author Domain's own record, sp for an existing subdomain, np for a non-existent one. */
    @Test
    void subdomainAndNonexistentPolicies() {
        Map<String, String> data = new HashMap<>();
        data.put("_dmarc.example.com", "v=DMARC1; p=none; sp=quarantine; np=reject");
        data.put("exists.example.com", "some data");
        TestZone zone = new TestZone(data);
        DmarcEvaluator dmarc = new DmarcEvaluator(zone);
        assertThat(dmarc.evaluate("example.com", Optional.empty(), List.of()).disposition()).contains(DmarcPolicy.NONE);
        assertThat(dmarc.evaluate("exists.example.com", Optional.empty(), List.of()).disposition()).contains(DmarcPolicy.QUARANTINE);
        assertThat(dmarc.evaluate("nope.example.com", Optional.empty(), List.of()).disposition()).contains(DmarcPolicy.REJECT);
    }

    /** §4.7 tag t: t=y applies one level below the stated policy. */
    @Test
    void testingModeLowersThePolicy() {
        TestZone zone = new TestZone(Map.of("_dmarc.example.com", "v=DMARC1; p=reject; t=y"));
        DmarcOutcome o = new DmarcEvaluator(zone).evaluate("example.com", Optional.of(new SpfInput("other.net", SpfResult.PASS)), List.of());
        assertThat(o.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(o.disposition()).contains(DmarcPolicy.QUARANTINE);
    }

    /** §4.4.1/§4.4.2: strict alignment needs the identical domain; a non-pass never aligns. */
    @Test
    void strictAlignmentAndNonPass() {
        TestZone zone = new TestZone(Map.of("_dmarc.example.com", "v=DMARC1; p=reject; adkim=s; aspf=s"));
        DmarcEvaluator dmarc = new DmarcEvaluator(zone);
        assertThat(dmarc.evaluate("example.com", spfPass("mail.example.com"), dkimPass("mail.example.com")).result())
                .isEqualTo(DmarcResult.FAIL);
        assertThat(dmarc.evaluate("example.com", spfPass("EXAMPLE.com"), List.of()).result()).isEqualTo(DmarcResult.PASS);
        assertThat(dmarc.evaluate("example.com", Optional.of(new SpfInput("example.com", SpfResult.SOFTFAIL)),
                List.of(new DkimResult.Fail("example.com", "s", "rsa-sha256", "bad"))).result()).isEqualTo(DmarcResult.FAIL);
    }

    /** §4.10.1: no record anywhere gives none; a record without a valid p and without rua gives no processing. */
    @Test
    void noneAndUnusableRecords() {
        assertThat(new DmarcEvaluator(new TestZone(Map.of())).evaluate("example.com", Optional.empty(), List.of()).result())
                .isEqualTo(DmarcResult.NONE);
        assertThat(new DmarcEvaluator(new TestZone(Map.of("_dmarc.example.com", "v=DMARC1; p=bogus")))
                .evaluate("example.com", Optional.empty(), List.of()).result()).isEqualTo(DmarcResult.PERMERROR);
        DmarcOutcome withRua = new DmarcEvaluator(new TestZone(Map.of("_dmarc.example.com", "v=DMARC1; p=bogus; rua=mailto:r@example.com")))
                .evaluate("example.com", Optional.empty(), List.of());
        assertThat(withRua.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(withRua.disposition()).contains(DmarcPolicy.NONE);
    }

    /** A DNS failure during discovery is a temperror (§4.10.1 leaves the handling to the receiver). */
    @Test
    void dnsFailureIsTemperror() {
        DmarcOutcome o = new DmarcEvaluator((name, type) -> new LookupResult.Failure(new Question(name, type), FailureKind.SERVFAIL, "test"))
                .evaluate("example.com", spfPass("example.com"), List.of());
        assertThat(o.result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    /**
     * A DNS failure while walking for one identifier's Organizational Domain does not hide another aligned
     * pass; when nothing aligns, it is a temperror rather than a fail (the answer is unknown, not negative).
     */
    @Test
    void dnsFailureOnOneIdentifierOnly() {
        TestZone zone = new TestZone(Map.of("_dmarc.example.com", RECORD));
        io.github.smtplab.dns.DnsResolver flaky = (name, type) -> name.toString().endsWith("broken.net.")
                ? new LookupResult.Failure(new Question(name, type), FailureKind.TIMEOUT, "test")
                : zone.query(name, type);
        DmarcEvaluator dmarc = new DmarcEvaluator(flaky);
        assertThat(dmarc.evaluate("example.com", spfPass("broken.net"), dkimPass("mail.example.com")).result()).isEqualTo(DmarcResult.PASS);
        assertThat(dmarc.evaluate("example.com", spfPass("broken.net"), List.of()).result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    /**
     * RFC 7489 Appendix B vectors that still hold under RFC 9989: the alignment table of B.1 (with the
     * registrable domains publishing records, so the tree walk finds the same Organizational Domains the PSL
     * gave), the records of B.2 (pct ignored) and the evaluation of B.3.1.
     */
    @Test
    @RequiresSharedData("dmarc/rfc7489-appendix-B-vectors.txt")
    void rfc7489AppendixBVectors() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.path("dmarc/rfc7489-appendix-B-vectors.txt"));
        int alignment = 0;
        int records = 0;
        int evaluations = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" \\| ");
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            switch (f[0]) {
                case "alignment" -> {
                    for (boolean strict : new boolean[] {false, true}) {
                        String policy = "v=DMARC1; p=reject" + (strict ? "; adkim=s; aspf=s" : "");
                        TestZone zone = new TestZone(Map.of("_dmarc.example.com", policy, "_dmarc.example.net", policy,
                                "_dmarc.sample.net", policy));
                        boolean spf = f[2].equals("spf");
                        DmarcOutcome o = new DmarcEvaluator(zone).evaluate(f[4], spf ? spfPass(f[3]) : Optional.empty(),
                                spf ? List.of() : dkimPass(f[3]));
                        String expected = strict ? f[6] : f[5];
                        assertThat(o.result()).as(line + (strict ? " strict" : " relaxed"))
                                .isEqualTo(expected.equals("yes") ? DmarcResult.PASS : DmarcResult.FAIL);
                    }
                    alignment++;
                }
                case "record" -> {
                    Optional<DmarcRecord> r = DmarcRecord.parse(f[3]);
                    assertThat(r).as(line).isPresent();
                    if (f[3].contains("p=")) {
                        assertThat(r.get().policyTagsValid()).as(line).isTrue();
                    }
                    records++;
                }
                case "evaluation" -> {
                    TestZone zone = new TestZone(Map.of("_dmarc." + f[2], f[5]));
                    DmarcOutcome o = new DmarcEvaluator(zone).evaluate(f[2], spfPass(f[3]), dkimPass(f[4]));
                    assertThat(o.result().keyword()).as(line).isEqualTo(f[6].split(" ")[0]);
                    evaluations++;
                }
                default -> throw new AssertionError("unknown vector kind: " + line);
            }
        }
        assertThat(alignment).isEqualTo(6);
        assertThat(records).isEqualTo(5);
        assertThat(evaluations).isGreaterThanOrEqualTo(1);
    }
}
