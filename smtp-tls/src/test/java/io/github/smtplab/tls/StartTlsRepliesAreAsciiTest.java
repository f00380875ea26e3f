package io.github.smtplab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5321 §4.2: STARTTLS's replies (RFC 3207 §4) are US-ASCII on the wire. */
class StartTlsRepliesAreAsciiTest {

    @Test
    void everyStartTlsReplyIsUsAscii() {
        for (Reply reply : List.of(StartTlsExtension.READY, StartTlsExtension.TLS_UNAVAILABLE,
                StartTlsExtension.MUST_START_TLS, StartTlsExtension.ALREADY_IN_TLS)) {
            assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(reply.format())).as(reply.format()).isTrue();
        }
    }
}
