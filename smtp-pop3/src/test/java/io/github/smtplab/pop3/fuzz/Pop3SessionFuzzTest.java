package io.github.smtplab.pop3.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.pop3.Fixtures;
import io.github.smtplab.pop3.Pop3Config;
import io.github.smtplab.pop3.Pop3Response;
import io.github.smtplab.pop3.Pop3Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided: whatever a client sends, in whatever pieces, the POP3 engine answers with well-formed
 * responses and never throws: every first line starts with {@code +OK}, {@code -ERR} or {@code + } (RFC 1939
 * section 3, RFC 5034 section 4), is printable US-ASCII and fits in 512 octets with its CRLF (RFC 2449
 * section 4). Half the runs start logged in as bob, so that the transaction state (STAT, LIST, RETR, TOP,
 * DELE, UIDL, RSET) is explored too.
 */
class Pop3SessionFuzzTest {

    private static final byte[] LOGIN = ("USER bob\r\nPASS " + Fixtures.BOB_PASSWORD + "\r\n").getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "5m")
    void anyClientBytesGetWellFormedResponses(FuzzedDataProvider data) {
        Pop3Config config = data.consumeBoolean() ? Fixtures.inClear() : Pop3Config.defaults("pop.exemple.com");
        Pop3Session session = Fixtures.session(config, Fixtures.store());
        check(session.start());
        if (data.consumeBoolean()) {
            check(session.receive(ByteBuffer.wrap(LOGIN)));
        }
        for (int i = 0; i < 32 && !session.isClosed() && data.remainingBytes() > 0; i++) {
            ByteBuffer chunk = ByteBuffer.wrap(data.consumeBytes(data.consumeInt(1, 400)));
            Pop3Session.Output output = session.receive(chunk);
            check(output);
            if (output.action() == Pop3Session.Action.START_TLS) {
                session.tlsStarted();   // the handshake is the shell's job; the engine goes on after it
            }
        }
        session.end();
    }

    private static void check(Pop3Session.Output output) {
        for (Pop3Response response : output.responses()) {
            String first = response.firstLine();
            assertThat(first).as("RFC 1939 section 3: a status indicator").matches("(\\+OK|-ERR|\\+ ).*|\\+OK");
            assertThat(first.length() + 2).as("RFC 2449 section 4: 512 octets with CRLF").isLessThanOrEqualTo(512);
            assertThat(first.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)).as("printable US-ASCII: %s", first).isTrue();
        }
    }
}
