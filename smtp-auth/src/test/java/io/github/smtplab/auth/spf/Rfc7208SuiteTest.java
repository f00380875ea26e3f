package io.github.smtplab.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.testkit.RequiresSharedData;
import io.github.smtplab.testkit.SharedData;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The openspf RFC 7208 test suite (release 2014.04, {@code spf/rfc7208-tests.yml}, 203 tests), each test one
 * dynamic test: check_host() on the suite's zone data, served by smtp-dns's in-memory resolver, must give
 * the result listed (any of them, when the suite lists several the RFC allows) and the explanation, where the
 * suite gives one. Like the reference driver, the receiver is {@code receiver.com} and the local default
 * explanation is {@code DEFAULT}.
 */
@RequiresSharedData("spf/rfc7208-tests.yml")
class Rfc7208SuiteTest {

    /** The suite's expectation of a receiver name for {@code %{r}}. */
    static final String RECEIVER = "receiver.com";

    /** Tests whose expected explanation differs from ours only in the case of hexadecimal digits (see {@link #run}). */
    static final java.util.Set<String> HEX_CASE_ONLY = java.util.Set.of("v-macro-ip6");

    @TestFactory
    Stream<DynamicTest> rfc7208Suite() throws Exception {
        return suite("spf/rfc7208-tests.yml", 203);
    }

    static Stream<DynamicTest> suite(String file, int expectedCount) throws Exception {
        List<SuiteYaml.Scenario> scenarios = SuiteYaml.parse(Files.readString(SharedData.path(file), java.nio.charset.StandardCharsets.UTF_8));
        List<DynamicTest> tests = new ArrayList<>();
        for (SuiteYaml.Scenario scenario : scenarios) {
            SpfChecker checker = new SpfChecker(new SuiteResolver(scenario.zonedata()), RECEIVER, "DEFAULT",
                    Clock.fixed(Instant.ofEpochSecond(1_400_000_000L), ZoneOffset.UTC));
            for (SuiteYaml.Test test : scenario.tests()) {
                tests.add(DynamicTest.dynamicTest(scenario.description() + ": " + test.name(), () -> run(checker, test)));
            }
        }
        if (expectedCount >= 0) {
            assertThat(tests).as("number of tests read from " + file).hasSize(expectedCount);
        }
        return tests.stream();
    }

    private static void run(SpfChecker checker, SuiteYaml.Test test) throws Exception {
        String mailFrom = (String) test.fields().getOrDefault("mailfrom", "");
        String helo = (String) test.fields().get("helo");
        InetAddress ip = InetAddress.getByName((String) test.fields().get("host"));
        SpfOutcome outcome = checker.checkMailFrom(ip, mailFrom, helo);
        Object expected = test.fields().get("result");
        List<String> allowed = expected instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of((String) expected);
        assertThat(allowed).as("result of %s (%s)", test.name(), outcome.detail()).contains(outcome.result().keyword());
        if (test.fields().containsKey("explanation") && outcome.result() == SpfResult.FAIL) {
            String want = (String) test.fields().get("explanation");
            if (HEX_CASE_ONLY.contains(test.name())) {
                // The reference driver echoes the client address as the suite wrote it (CAFE:BABE::1), so its
                // %{i} nibbles are upper case; we take an InetAddress and write them in lower case as the RFC
                // 7208 §7.4 example does ("1.0.b.c..."). DNS names ignore case (RFC 4343), so only the text differs.
                assertThat(outcome.explanation().orElseThrow()).as("explanation of " + test.name()).isEqualToIgnoringCase(want);
            } else {
                assertThat(outcome.explanation()).as("explanation of " + test.name()).contains(want);
            }
        }
    }
}
