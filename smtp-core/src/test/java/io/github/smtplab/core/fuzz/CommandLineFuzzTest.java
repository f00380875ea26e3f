package io.github.smtplab.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.core.Command;
import io.github.smtplab.core.CommandParser;
import io.github.smtplab.core.ParsePolicy;

/** Coverage-guided: whatever line a client sends, the parser answers with a command, never an exception. */
class CommandLineFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyLineParsesToACommand(byte[] line) {
        Command strict = new CommandParser(ParsePolicy.STRICT).parse(line);
        Command lenient = new CommandParser(ParsePolicy.LENIENT).parse(line);
        assertThat(strict).isNotNull();
        assertThat(lenient).isNotNull();
    }
}
