package io.github.smtplab.mime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.mime.MessageParser;
import io.github.smtplab.mime.ParseLimits;
import io.github.smtplab.mime.ParsedMessage;

/**
 * Coverage-guided: any bytes received as a message (RFC 5322, MIME RFC 2045–2049) parse into a tree within
 * the limits, never an exception; what is malformed becomes a warning.
 */
class MessageFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyBytesParseIntoAMessage(byte[] message) {
        ParsedMessage parsed = MessageParser.parse(message, ParseLimits.DEFAULTS);
        assertThat(parsed.root()).isNotNull();
        parsed.subject();
        parsed.addresses("From");
    }
}
