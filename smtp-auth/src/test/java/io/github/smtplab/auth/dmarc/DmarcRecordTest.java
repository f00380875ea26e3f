package io.github.smtplab.auth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** DMARC Policy Record parsing (RFC 9989 §4.7, §4.8). */
class DmarcRecordTest {

    /** §4.7 tag v: the version must be the first tag, exactly "DMARC1" (case-sensitive), else the record is ignored. */
    @Test
    void versionFirstAndExact() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=reject")).isPresent();
        assertThat(DmarcRecord.parse("p=reject; v=DMARC1")).isEmpty();
        assertThat(DmarcRecord.parse("v=dmarc1; p=reject")).isEmpty();
        assertThat(DmarcRecord.parse("v=spf1 -all")).isEmpty();
        assertThat(DmarcRecord.parse("")).isEmpty();
    }

    /** §4.7: unknown tags and the removed pct, rf, ri are ignored; defaults are r/r, psd=u, t=n. */
    @Test
    void removedAndUnknownTagsIgnored() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=quarantine; pct=25; rf=afrf; ri=86400; future=yes").orElseThrow();
        assertThat(r).isEqualTo(new DmarcRecord(Optional.of(DmarcPolicy.QUARANTINE), Optional.empty(), Optional.empty(),
                true, false, false, 'u', false, List.of()));
    }

    /** §4.10.1: p missing or invalid, or sp/np invalid, marks the policy tags unusable; a missing p reads as none only with rua. */
    @Test
    void invalidPolicyTagsAreFlagged() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=maybe").orElseThrow().policyTagsValid()).isFalse();
        assertThat(DmarcRecord.parse("v=DMARC1").orElseThrow().policyTagsValid()).isFalse();
        assertThat(DmarcRecord.parse("v=DMARC1; p=none; sp=bad").orElseThrow().policyTagsValid()).isFalse();
        assertThat(DmarcRecord.parse("v=DMARC1; p=REJECT; np=none; psd=y; t=y; adkim=s").orElseThrow())
                .isEqualTo(new DmarcRecord(Optional.of(DmarcPolicy.REJECT), Optional.empty(), Optional.of(DmarcPolicy.NONE),
                        true, true, false, 'y', true, List.of()));
    }

    private static final Gen<String> TAG_SPECS = SourceDSL.arbitrary().pick(
            "p=none", "p=quarantine", "p=reject", "sp=reject", "np=quarantine", "adkim=s", "aspf=r", "psd=y", "psd=n",
            "t=y", "rua=mailto:a@example.com", "pct=10", "ri=3600", "x=y", "p=bogus", "=", "junk", "");

    /**
     * §4.7 with RFC 6376 §3.2 tag-lists: for any list of tag specs after v=DMARC1, parsing never throws, and
     * the record is accepted exactly when no tag repeats and every spec has the form tag=value (a final empty spec aside).
     */
    @Test
    void anyTagListParsesOrIsIgnored() {
        qt().withExamples(2000).forAll(SourceDSL.lists().of(TAG_SPECS).ofSizeBetween(0, 8)).check(specs -> {
            String text = "v=DMARC1" + specs.stream().map(s -> "; " + s).reduce("", String::concat);
            Optional<DmarcRecord> r = DmarcRecord.parse(text);
            List<String> tags = specs.stream().map(s -> s.contains("=") ? s.substring(0, s.indexOf('=')) : "").toList();
            boolean malformed = false;
            for (int i = 0; i < specs.size(); i++) {
                String s = specs.get(i);
                boolean lastEmpty = s.isEmpty() && i == specs.size() - 1;
                if (!lastEmpty && (s.indexOf('=') <= 0)) {
                    malformed = true;
                }
            }
            boolean duplicate = tags.stream().filter(t -> !t.isEmpty()).distinct().count()
                    != tags.stream().filter(t -> !t.isEmpty()).count();
            return r.isPresent() == !(malformed || duplicate);
        });
    }

    /** Hostile input: arbitrary text never throws. */
    @Test
    void arbitraryTextNeverThrows() {
        qt().withExamples(2000).forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 100))
                .check(s -> DmarcRecord.parse("v=DMARC1;" + s) != null && DmarcRecord.parse(s) != null);
    }
}
