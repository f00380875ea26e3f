package io.github.smtplab.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * RFC 5322 §3.3: the {@code date-time} of a {@code Received:} field (RFC 5321 §4.4), written by hand for
 * speed, is the one the pattern {@link TraceFields#DATE_TIME} prints: for any instant from 1970 to the
 * end of 9999 and any zone offset (whole minutes, -18:00 to +18:00), including the edges.
 */
class TraceFieldsDateProperties {

    /** 30 December 9999, so that no offset takes the local date to the year 10000 (a five-digit year). */
    private static final long YEAR_9999 = 253_402_128_000L;

    @Test
    void handWrittenDateTimeIsThePatternOne() {
        qt().withExamples(5_000)
                .forAll(SourceDSL.longs().between(0, YEAR_9999), SourceDSL.integers().between(-18 * 60, 18 * 60))
                .checkAssert((seconds, offsetMinutes) -> {
                    ZonedDateTime when = Instant.ofEpochSecond(seconds).atZone(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
                    StringBuilder ours = new StringBuilder();
                    TraceFields.appendDateTime(ours, when);
                    assertThat(ours.toString()).isEqualTo(TraceFields.DATE_TIME.format(when));
                });
    }

    @Test
    void edges() {
        for (long seconds : new long[] {0, 59, 86_399, 951_782_400 /* 29 Feb 2000 */, YEAR_9999}) {
            for (int offset : new int[] {0, -1, 1, -18 * 60, 18 * 60, 5 * 60 + 30, -(9 * 60 + 30)}) {
                ZonedDateTime when = Instant.ofEpochSecond(seconds).atZone(ZoneOffset.ofTotalSeconds(offset * 60));
                StringBuilder ours = new StringBuilder();
                TraceFields.appendDateTime(ours, when);
                assertThat(ours.toString()).isEqualTo(TraceFields.DATE_TIME.format(when));
            }
        }
    }
}
