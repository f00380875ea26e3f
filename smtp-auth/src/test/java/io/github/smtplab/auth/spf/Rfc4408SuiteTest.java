package io.github.smtplab.auth.spf;

import io.github.smtplab.testkit.RequiresSharedData;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The older openspf suite for RFC 4408 (191 tests), for information: where RFC 7208 changed an answer the
 * suite lists both results, so an RFC 7208 implementation is expected to pass all of it too.
 */
@RequiresSharedData("spf/rfc4408-tests.yml")
class Rfc4408SuiteTest {

    @TestFactory
    Stream<DynamicTest> rfc4408Suite() throws Exception {
        return Rfc7208SuiteTest.suite("spf/rfc4408-tests.yml", 191);
    }
}
