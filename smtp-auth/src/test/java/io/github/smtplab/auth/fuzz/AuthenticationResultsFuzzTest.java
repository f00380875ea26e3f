package io.github.smtplab.auth.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.auth.results.AuthenticationResults;

/** Coverage-guided: any Authentication-Results field body (RFC 8601 §2.2) parses or is {@code Invalid}, never an exception. */
class AuthenticationResultsFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyFieldBodyParsesOrIsInvalid(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        assertThat(AuthenticationResults.parse(value)).isNotNull();
    }
}
