package io.github.smtplab.dns.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.dns.DnsDecodeResult;
import io.github.smtplab.dns.MessageCodec;

/**
 * Coverage-guided: any datagram decodes into a message or a typed {@code Malformed} (a FORMERR, RFC 1035
 * §4.1.1) — compression loops and pointers out of range included (§4.1.4) — and a decoded message encodes
 * to octets that decode to the same message.
 */
class DnsMessageFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyDatagramDecodesOrIsMalformed(byte[] octets) {
        DnsDecodeResult result = MessageCodec.decode(octets);
        if (result instanceof DnsDecodeResult.Decoded decoded) {
            byte[] again;
            try {
                again = MessageCodec.encode(decoded.message());
            } catch (IllegalArgumentException tooLong) {
                return;   // a decoded message can exceed a limit of the encoder (e.g. RDATA over 65535 once expanded)
            }
            assertThat(MessageCodec.decode(again)).isEqualTo(result);
        }
    }
}
