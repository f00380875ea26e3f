package io.github.smtplab.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class MessageDateTest {

    private static OffsetDateTime ok(String s) {
        ParseResult<OffsetDateTime> r = MessageDate.parse(s);
        assertThat(r).as(s).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok<OffsetDateTime>) r).value();
    }

    /** RFC 5322 §3.3 and Appendix A.1.1, A.5, A.6.2 (obsolete forms, §4.3). */
    @Test
    void examples() {
        assertThat(ok("Fri, 21 Nov 1997 09:55:06 -0600"))
                .isEqualTo(OffsetDateTime.of(1997, 11, 21, 9, 55, 6, 0, ZoneOffset.ofHours(-6)));
        assertThat(ok("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)"))
                .isEqualTo(OffsetDateTime.of(1969, 2, 13, 23, 32, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)));
        assertThat(ok("21 Nov 97 09:55:06 GMT")).isEqualTo(OffsetDateTime.of(1997, 11, 21, 9, 55, 6, 0, ZoneOffset.UTC));
        assertThat(ok("Sat, 1 Jan 05 00:00 EST")).isEqualTo(OffsetDateTime.of(2005, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)));
        assertThat(ok("1 Jan 2000 00:00:00 Z")).isEqualTo(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(MessageDate.format(OffsetDateTime.of(2026, 11, 29, 16, 39, 54, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("Sun, 29 Nov 2026 16:39:54 +0100");
    }

    @Test
    void garbageIsATypedFailure() {
        for (String bad : new String[] {"", "yesterday", "32 Jan 2020 10:00 +0000", "1 Foo 2020 10:00 +0000",
            "1 Jan 2020 25:00 +0000", "1 Jan 2020 10 +0000", "x".repeat(10_000)}) {
            assertThat(MessageDate.parse(bad)).as(bad).isInstanceOf(ParseResult.Failed.class);
        }
    }

    /** RFC 5322 §3.3: parse(format(t)) = t for any instant (to the second) and any whole-minute zone. */
    @Test
    void formatThenParseRoundTrips() {
        qt().withExamples(3000).forAll(Generate.longRange(-2_000_000_000L, 8_000_000_000L),
                Generate.range(-14 * 60, 14 * 60)).checkAssert((seconds, offsetMinutes) -> {
                    OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds),
                            ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
                    assertThat(ok(MessageDate.format(t))).isEqualTo(t);
                });
    }
}
