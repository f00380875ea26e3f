package io.github.smtplab.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.smtplab.core.ServerConfig;
import io.github.smtplab.core.delivery.InMemoryDelivery;
import io.github.smtplab.core.delivery.Role;
import io.github.smtplab.core.delivery.RoleHooks;
import io.github.smtplab.core.net.SmtpServer;
import io.github.smtplab.mime.Base64Codec;
import io.github.smtplab.testkit.PeerProcess;
import io.github.smtplab.testkit.RequiresTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GNU SASL's {@code gsasl}, an independent implementation of all four mechanisms (and the only one here
 * with SCRAM-SHA-256): as an SMTP client against our server, and as a second computation of SCRAM's
 * stored keys. Without TLS (smtp-tls is being written in parallel): the tested mechanism is offered in
 * clear by explicit test configuration, and gsasl runs with {@code --no-starttls}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RequiresTool(value = "gsasl", probe = {"gsasl", "--version"}, install = "Debian package gsasl")
class GsaslInteropTest {

    static final Duration T = Duration.ofSeconds(20);

    final InMemoryDelivery local = new InMemoryDelivery("submit.exemple.com");
    final InMemoryDelivery relay = new InMemoryDelivery("submit.exemple.com");

    SmtpServer server(Mechanism m) throws IOException {
        AuthPolicy policy = Fixtures.everythingInClear().withMechanisms(EnumSet.of(m), EnumSet.of(m));
        AuthExtension auth = new AuthExtension(Fixtures.USERS, policy, "submit.exemple.com", d -> { }, Instant::now);
        return SmtpServer.builder(ServerConfig.defaults("submit.exemple.com").withServerExtensions(List.of(auth)))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .hooks(new RoleHooks(Role.SUBMISSION, Set.of("exemple.com"), local, Optional.of(relay), AuthExtension::relayAllowed))
                .idleTimeout(T)
                .shutdownGrace(Duration.ofSeconds(2))
                .start();
    }

    PeerProcess.Result gsasl(SmtpServer server, Mechanism m, String password) throws Exception {
        return PeerProcess.run(List.of("sh", "-c", "exec gsasl --smtp --no-starttls --connect 127.0.0.1:" + server.address().getPort()
                + " -m " + m.wireName() + " -a carol -p '" + password + "' --hostname submit.exemple.com < /dev/null"), T);
    }

    /** RFC 4954 §4 with each mechanism: gsasl's client authenticates to our server (235) and is satisfied. */
    @ParameterizedTest
    @EnumSource(Mechanism.class)
    void gsaslClientAuthenticates(Mechanism m) throws Exception {
        try (SmtpServer server = server(m)) {
            PeerProcess.Result r = gsasl(server, m, "s3cret");
            assertThat(r.output()).as(r.output()).contains("235 2.7.0 Authentication successful");
            assertThat(r.exitCode()).as(r.output()).isZero();   // for SCRAM: gsasl accepted our server signature (v=)
        }
    }

    /** RFC 4954 §6: with a wrong password, gsasl gets 535 5.7.8 and exits with a failure. */
    @ParameterizedTest
    @EnumSource(Mechanism.class)
    void gsaslWrongPasswordIs535(Mechanism m) throws Exception {
        try (SmtpServer server = server(m)) {
            PeerProcess.Result r = gsasl(server, m, "wrong");
            assertThat(r.output()).as(r.output()).contains("535 5.7.8").doesNotContain("235 ");
            assertThat(r.exitCode()).isNotZero();
        }
    }

    /**
     * RFC 5802 §3 (with RFC 7677's SHA-256): our StoredKey and ServerKey equal gsasl's for the RFC 7677 §3
     * example and for generated passwords, salts and iteration counts ≥ 4096.
     */
    @Test
    void scramKeysMatchGsasl() {
        check("pencil", "W22ZaJ0SNY7soEsUEjb6gQ==", 4096);
        qt().withExamples(20).forAll(SaslProperties.text(1, 16).map(s -> s.replaceAll("[^\\p{Alnum}]", "x")),
                SaslProperties.bytes(1, 24), integers().between(4096, 6000)).checkAssert((password, salt, iterations) ->
                check(password, Base64Codec.encode(salt), iterations));
    }

    private static void check(String password, String salt, int iterations) {
        try {
            PeerProcess.Result r = PeerProcess.run(List.of("gsasl", "--mkpasswd", "-m", "SCRAM-SHA-256", "--password", password,
                    "--salt", salt, "--iteration-count", String.valueOf(iterations)), T);
            assertThat(r.exitCode()).as(r.output()).isZero();
            ScramCredentials ours = ScramCredentials.derive(password, Scram64.decode(salt), iterations);
            String expected = "{SCRAM-SHA-256}" + iterations + "," + salt + "," + Base64Codec.encode(ours.storedKey()) + ","
                    + Base64Codec.encode(ours.serverKey());
            assertThat(r.output().strip()).isEqualTo(expected);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * RFC 5802 §5 with the roles swapped: our SCRAM-SHA-256 client against gsasl's server side (driven
     * through its standard input and output, one base64 line per message). Our client verifies gsasl's
     * server signature; with a wrong password gsasl refuses. (gsasl 2.2.0's command-line server cannot
     * check PLAIN/LOGIN without a callback, and refused even a correct CRAM-MD5 answer computed by
     * Python's hmac, so only SCRAM is tested this way; aiosmtpd covers PLAIN and LOGIN.)
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ourScramClientAgainstGsaslServer() throws Exception {
        assertThat(againstGsaslServer(Mechanism.SCRAM_SHA_256, "s3cret")).isZero();
        assertThat(againstGsaslServer(Mechanism.SCRAM_SHA_256, "wrong")).isNotZero();
    }

    /** Runs one exchange of our client against {@code gsasl --server}; returns gsasl's exit code. */
    private static int againstGsaslServer(Mechanism m, String password) throws Exception {
        Process p = new ProcessBuilder("gsasl", "--server", "--quiet", "-m", m.wireName(), "-a", "carol", "-p", "s3cret")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
             var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(p.getOutputStream(), java.nio.charset.StandardCharsets.US_ASCII), true)) {
            assertThat(in.readLine()).isEqualTo(m.wireName());
            io.github.smtplab.core.AuthClient client = SaslClients.of(m, "carol", password);
            String challenge = in.readLine();
            String answer = challenge.isEmpty() && client.initialResponse().isPresent() ? client.initialResponse().get() : client.respond(challenge);
            out.println(answer);
            for (int i = 0; i < 4 && !answer.isEmpty(); i++) {
                String line = in.readLine();
                if (line == null) {
                    break;   // gsasl has decided
                }
                answer = client.respond(line);
                if (answer.equals("*")) {
                    break;   // our client refused the server's message
                }
                out.println(answer);
            }
            if (m == Mechanism.SCRAM_SHA_256 && password.equals("s3cret")) {
                assertThat(((io.github.smtplab.auth.sasl.internal.ScramClient) client).serverVerified()).isTrue();
            }
            out.close();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Strict base64 decoding for the test. */
    static final class Scram64 {
        static byte[] decode(String text) {
            return ((io.github.smtplab.mime.DecodeResult.Decoded) Base64Codec.decodeStrict(text)).bytes();
        }
    }
}
