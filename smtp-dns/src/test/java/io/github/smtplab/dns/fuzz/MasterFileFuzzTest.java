package io.github.smtplab.dns.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.dns.DomainName;
import io.github.smtplab.dns.MasterFileParser;

/** Coverage-guided: any master file text (RFC 1035 §5) gives a zone or a failure with its line, never an exception. */
class MasterFileFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyTextGivesAZoneOrALineNumberedFailure(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        assertThat(MasterFileParser.parse(text, DomainName.of("exemple.com"))).isNotNull();
    }
}
