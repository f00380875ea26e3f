package io.github.smtplab.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.core.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5321 §4.2: the AUTH extension's replies (RFC 4954 §4, §6) are US-ASCII on the wire. */
class AuthRepliesAreAsciiTest {

    @Test
    void everyAuthReplyIsUsAscii() {
        List<Reply> replies = List.of(AuthExtension.SUCCESS, AuthExtension.INVALID, AuthExtension.CANCELLED,
                AuthExtension.NOT_BASE64, AuthExtension.MALFORMED, AuthExtension.NO_INITIAL_RESPONSE,
                AuthExtension.UNKNOWN_MECHANISM, AuthExtension.ENCRYPTION_REQUIRED, AuthExtension.TEMPORARY,
                AuthExtension.AUTH_REQUIRED, AuthExtension.SENDER_REFUSED, AuthExtension.BAD_AUTH_PARAMETER);
        for (Reply reply : replies) {
            assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(reply.format())).as(reply.format()).isTrue();
        }
    }
}
