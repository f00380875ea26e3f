package io.github.smtplab.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ReplyParser;
import io.github.smtplab.core.SmtpProtocolException;
import java.util.Optional;

/**
 * Coverage-guided: whatever lines a server sends, the client's reply parser gives a reply with a code in
 * 200..599 range rules of RFC 5321 §4.2 respected, or a typed {@link SmtpProtocolException} — nothing else.
 */
class ReplyFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyServerLinesGiveAReplyOrAProtocolError(FuzzedDataProvider data) {
        ReplyParser parser = new ReplyParser(data.consumeBoolean());
        int lines = data.consumeInt(1, 40);
        for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
            String line = data.consumeString(600);
            try {
                Optional<Reply> reply = parser.accept(line);
                reply.ifPresent(r -> {
                    // §4.2: the code is three digits and the same on every line of the reply
                    assertThat(r.code()).isBetween(0, 999);
                    assertThat(line).startsWith(String.format("%03d", r.code()));
                });
            } catch (SmtpProtocolException expected) {
                return;   // a typed error ends this dialogue, as the client does
            }
        }
    }
}
