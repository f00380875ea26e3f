package io.github.smtplab.auth.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.auth.sasl.internal.CramMd5Server;
import io.github.smtplab.auth.sasl.internal.LoginServer;
import io.github.smtplab.auth.sasl.internal.PlainServer;
import io.github.smtplab.auth.sasl.internal.ScramServer;
import io.github.smtplab.auth.sasl.internal.ServerMechanism;
import io.github.smtplab.auth.sasl.internal.ServerStep;
import java.util.Optional;

/**
 * Coverage-guided: whatever a client sends in a SASL exchange (PLAIN RFC 4616, LOGIN, CRAM-MD5 RFC 2195,
 * SCRAM-SHA-256 RFC 5802/7677), each server mechanism answers with a challenge, a success or a typed failure,
 * never an exception; and a success only for a user of the store.
 */
class SaslServerFuzzTest {

    private static final UsersFile USERS = UsersFile.empty()
            .with(UserCredentials.create("alice", "s3cret", 4096, true));

    @FuzzTest(maxDuration = "5m")
    void anyClientMessagesGetAStep(FuzzedDataProvider data) {
        ServerMechanism server = switch (data.consumeInt(0, 3)) {
            case 0 -> new PlainServer(USERS);
            case 1 -> new LoginServer(USERS);
            case 2 -> new CramMd5Server(USERS, "mx.exemple.com");
            default -> new ScramServer(USERS, "nonce-fixe", 4096);
        };
        Optional<byte[]> initial = data.consumeBoolean() ? Optional.of(data.consumeBytes(300)) : Optional.empty();
        ServerStep step = server.start(initial);
        for (int i = 0; i < 4 && step instanceof ServerStep.Challenge; i++) {
            step = server.next(data.consumeBytes(300));
        }
        assertThat(step).isNotNull();
        if (step instanceof ServerStep.Success success) {
            assertThat(success.identity()).isEqualTo("alice");
        }
    }
}
