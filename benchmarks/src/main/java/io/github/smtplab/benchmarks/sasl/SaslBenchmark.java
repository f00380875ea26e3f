package io.github.smtplab.benchmarks.sasl;

import io.github.smtplab.auth.sasl.AuthExtension;
import io.github.smtplab.auth.sasl.AuthPolicy;
import io.github.smtplab.auth.sasl.Mechanism;
import io.github.smtplab.auth.sasl.SaslClients;
import io.github.smtplab.auth.sasl.UserCredentials;
import io.github.smtplab.auth.sasl.UsersFile;
import io.github.smtplab.core.AuthClient;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.ServerHooks;
import io.github.smtplab.core.ServerSession;
import io.github.smtplab.core.TranscriptListener;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one whole AUTH exchange, client and server together, through smtp-core's engine (EHLO,
 * AUTH, every 334 and the 235), for each mechanism, with verifiers of 4096 iterations (RFC 7677 §4's
 * minimum). The reference, {@link #jdkPbkdf2()}, is the JDK's own PBKDF2-HMAC-SHA256 at 4096
 * iterations: the one computation a password check cannot avoid. Divide each mechanism's time by the
 * reference's: SCRAM and PLAIN should be close to 1 (their cost is that one PBKDF2), CRAM-MD5 far below.
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
 * benchmarks/run SaslBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SaslBenchmark {

    static final int ITERATIONS = 4096;
    static final byte[] EHLO = "EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII);

    private AuthExtension auth;
    private ServerConfig config;

    @Setup
    public void setUp() {
        UsersFile users = UsersFile.empty().with(UserCredentials.create("alice", "correct horse battery staple", ITERATIONS, true));
        AuthPolicy policy = AuthPolicy.submission()
                .withMechanisms(EnumSet.allOf(Mechanism.class), EnumSet.allOf(Mechanism.class))
                .withRequireTls(false)
                .withFailures(1_000_000, Duration.ZERO, Duration.ZERO);
        auth = new AuthExtension(users, policy, "mx.example", d -> { }, Instant::now);
        config = ServerConfig.defaults("mx.example").withServerExtensions(List.of(auth));
    }

    /** Reference: PBKDF2-HMAC-SHA256, 4096 iterations, 32 octets, by the JDK. */
    @Benchmark
    public byte[] jdkPbkdf2() throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec("correct horse battery staple".toCharArray(), "0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                ITERATIONS, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    @Benchmark
    public String scramSha256() {
        return exchange(SaslClients.scramSha256("alice", "correct horse battery staple"));
    }

    @Benchmark
    public String cramMd5() {
        return exchange(SaslClients.cramMd5("alice", "correct horse battery staple"));
    }

    @Benchmark
    public String plain() {
        return exchange(SaslClients.plain("", "alice", "correct horse battery staple"));
    }

    @Benchmark
    public String login() {
        return exchange(SaslClients.login("alice", "correct horse battery staple"));
    }

    /** EHLO, AUTH, the 334 round trips, until a final reply; returns the identity (fails loudly otherwise). */
    private String exchange(AuthClient client) {
        ServerSession s = new ServerSession(config, new ServerHooks() {}, TranscriptListener.NONE,
                new InetSocketAddress("192.0.2.1", 1000));
        s.start();
        s.receive(ByteBuffer.wrap(EHLO));
        List<Reply> replies = send(s, "AUTH " + client.mechanism() + client.initialResponse().map(r -> " " + r).orElse(""));
        while (replies.getFirst().code() == 334) {
            replies = send(s, client.respond(replies.getFirst().lines().getFirst()));
        }
        if (replies.getFirst().code() != 235) {
            throw new IllegalStateException(client.mechanism() + ": " + replies);
        }
        return s.authenticatedAs().orElseThrow();
    }

    private static List<Reply> send(ServerSession s, String line) {
        return s.receive(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII))).replies();
    }
}
