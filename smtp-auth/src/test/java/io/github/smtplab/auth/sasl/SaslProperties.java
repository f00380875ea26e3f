package io.github.smtplab.auth.sasl;

import static io.github.smtplab.auth.sasl.Fixtures.b64;
import static io.github.smtplab.auth.sasl.Fixtures.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.smtplab.auth.sasl.internal.CramMd5Client;
import io.github.smtplab.auth.sasl.internal.CramMd5Server;
import io.github.smtplab.auth.sasl.internal.LoginClient;
import io.github.smtplab.auth.sasl.internal.LoginServer;
import io.github.smtplab.auth.sasl.internal.PlainClient;
import io.github.smtplab.auth.sasl.internal.PlainMessage;
import io.github.smtplab.auth.sasl.internal.PlainServer;
import io.github.smtplab.auth.sasl.internal.Scram;
import io.github.smtplab.auth.sasl.internal.ScramClient;
import io.github.smtplab.auth.sasl.internal.ScramServer;
import io.github.smtplab.auth.sasl.internal.ServerMechanism;
import io.github.smtplab.auth.sasl.internal.ServerStep;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the four mechanisms, with inputs generated from their grammars and hostile ones. */
class SaslProperties {

    /** Unicode scalar values (no surrogates, no NUL), biased towards ASCII and the SCRAM escapes "=" and ",". */
    static Gen<Integer> codePoint() {
        Gen<Integer> any = integers().between(1, 0x10FFFF - 0x800).map(cp -> cp >= 0xD800 ? cp + 0x800 : cp);
        Gen<Integer> ascii = integers().between(0x20, 0x7e);
        Gen<Integer> special = Generate.pick(List.of((int) '=', (int) ',', (int) ' ', 0xE9, 0x301, 0x1F600));
        return Generate.frequency(List.of(org.quicktheories.api.Pair.of(3, any), org.quicktheories.api.Pair.of(5, ascii),
                org.quicktheories.api.Pair.of(2, special)));
    }

    /** A string of {@code min..max} code points, none of them NUL (RFC 4616 §2 {@code SAFE}). */
    static Gen<String> text(int min, int max) {
        return lists().of(codePoint()).ofSizeBetween(min, max).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    /** A user name the users file can hold (UserCredentials#checkUsername): no space, control character or colon. */
    static Gen<String> username() {
        return text(1, 20).map(s -> s.codePoints()
                .map(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp) || cp == ':' || Character.isSpaceChar(cp) ? '_' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    /** RFC 5802 §7 {@code printable}: 0x21..0x7E except ",". */
    static Gen<String> nonce() {
        return lists().of(integers().between(0x21, 0x7e).map(c -> c == ',' ? '.' : c)).ofSizeBetween(1, 40).map(cs -> {
            StringBuilder s = new StringBuilder();
            cs.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    static Gen<byte[]> bytes(int min, int max) {
        return Generate.byteArrays(integers().between(min, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /**
     * RFC 4616 §2: {@code message = [authzid] UTF8NUL authcid UTF8NUL passwd}, any UTF-8 except NUL in
     * each field: decoding what was encoded gives back the three fields, and the base64 of the message
     * (RFC 4954 §4) is strict base64 that decodes to the same octets.
     */
    @Test
    void plainRoundTrip() {
        qt().withExamples(2000).forAll(text(0, 40), text(1, 40), text(1, 40)).check((authzid, authcid, passwd) -> {
            PlainMessage m = new PlainMessage(authzid, authcid, passwd);
            String wire = new PlainClient(authzid, authcid, passwd).initialResponse().orElseThrow();
            return PlainMessage.decode(m.encode()).equals(Optional.of(m))
                    && unb64(wire).equals(authzid + "\0" + authcid + "\0" + passwd);
        });
    }

    /** RFC 4616 §2: any octets that are not exactly two NULs around a non-empty authcid and passwd are refused, never thrown on. */
    @Test
    void plainDecodeOfHostileOctetsNeverThrows() {
        qt().withExamples(5000).forAll(bytes(0, 80)).check(raw -> {
            Optional<PlainMessage> m = PlainMessage.decode(raw);
            return m.isEmpty() || java.util.Arrays.equals(m.get().encode(), raw);
        });
    }

    /**
     * RFC 5802 §5 with RFC 7677: a client and a server that share a password agree — for arbitrary user
     * names (with "=" and "," escaped as =3D and =2C, §5.1), passwords, salts and nonces — and the client
     * accepts the server's signature (v=); the server's identity is the user's name.
     */
    @Test
    void scramClientAndServerAgree() {
        qt().withExamples(150).forAll(username(), text(0, 20), bytes(1, 40), nonce().zip(nonce(), Nonces::new)).checkAssert((user, password, salt, nonces) -> {
            String cnonce = nonces.client();
            String snonce = nonces.server();
            UserCredentials creds = new UserCredentials(user, fastHash(), ScramCredentials.derive(password, salt, Fixtures.FAST), Optional.empty());
            ScramServer server = new ScramServer(UsersFile.empty().with(creds), snonce, Fixtures.FAST);
            ScramClient client = new ScramClient(user, password, cnonce);
            Optional<ServerStep> outcome = run(client, server);
            assertThat(outcome).contains(new ServerStep.Success(user));
            assertThat(client.serverVerified()).isTrue();
        });
    }

    /**
     * RFC 5802 §5.1 / §9: a client-final-message whose proof differs in any one bit, or with a wrong
     * password, is refused (535), and a server-final whose signature differs in any bit makes the
     * client cancel ("*").
     */
    @Test
    void scramTamperedProofsFail() {
        qt().withExamples(150).forAll(username(), text(1, 12), bytes(1, 24), integers().between(0, 255)).checkAssert((user, password, salt, bit) -> {
            UserCredentials creds = new UserCredentials(user, fastHash(), ScramCredentials.derive(password, salt, Fixtures.FAST), Optional.empty());
            // the client's proof, one bit flipped
            ScramServer server = new ScramServer(UsersFile.empty().with(creds), Fixtures.FAST);
            ScramClient client = new ScramClient(user, password);
            String serverFirst = challenge(server.start(Optional.of(unb64(client.initialResponse().orElseThrow()).getBytes(StandardCharsets.UTF_8))));
            String clientFinal = unb64(client.respond(serverFirst));
            int p = clientFinal.indexOf(",p=") + 3;
            byte[] proof = Scram.base64(clientFinal.substring(p)).orElseThrow();
            proof[bit / 8 % proof.length] ^= (byte) (1 << (bit % 8));
            String tampered = clientFinal.substring(0, p) + Base64Codec.encode(proof);
            assertThat(server.next(tampered.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ServerStep.Failure.class, f -> assertThat(f.kind()).isEqualTo(ServerStep.FailureKind.INVALID_CREDENTIALS));

            // a wrong password
            ScramServer server2 = new ScramServer(UsersFile.empty().with(creds), Fixtures.FAST);
            assertThat(run(new ScramClient(user, password + "x"), server2)).isNotEqualTo(Optional.of(new ServerStep.Success(user)));

            // the server's signature, one bit flipped
            ScramServer server3 = new ScramServer(UsersFile.empty().with(creds), Fixtures.FAST);
            ScramClient client3 = new ScramClient(user, password);
            String first3 = challenge(server3.start(Optional.of(unb64(client3.initialResponse().orElseThrow()).getBytes(StandardCharsets.UTF_8))));
            String serverFinal = unb64(challenge(server3.next(unb64(client3.respond(first3)).getBytes(StandardCharsets.UTF_8))));
            byte[] signature = Scram.base64(serverFinal.substring(2)).orElseThrow();
            signature[bit / 8 % signature.length] ^= (byte) (1 << (bit % 8));
            assertThat(client3.respond(b64("v=" + Base64Codec.encode(signature)))).isEqualTo("*");
            assertThat(client3.serverVerified()).isFalse();
        });
    }

    /**
     * RFC 5802 §5.1: the client refuses a server nonce that does not extend its own, and RFC 7677 §4 an
     * iteration count below 4096: it cancels with "*" instead of sending a proof.
     */
    @Test
    void scramClientChecksTheServer() {
        qt().withExamples(500).forAll(nonce(), nonce(), integers().between(1, 4095)).checkAssert((cnonce, other, iterations) -> {
            ScramClient foreign = new ScramClient("u", "p", cnonce);
            String notOurs = other.startsWith(cnonce) ? "X" + other : other;
            assertThat(foreign.respond(b64("r=" + notOurs + ",s=c2FsdA==,i=4096"))).isEqualTo("*");
            ScramClient weak = new ScramClient("u", "p", cnonce);
            assertThat(weak.respond(b64("r=" + cnonce + "x,s=c2FsdA==,i=" + iterations))).isEqualTo("*");
        });
    }

    /** RFC 2195 §2: for any user and password, the client's answer to a fresh challenge convinces the server. */
    @Test
    void cramMd5ClientAndServerAgree() {
        qt().withExamples(300).forAll(username(), text(1, 20)).checkAssert((user, password) -> {
            UserCredentials creds = new UserCredentials(user, fastHash(), fastScram(), Optional.of(password));
            CramMd5Server server = new CramMd5Server(UsersFile.empty().with(creds), "mx.exemple.com");
            CramMd5Client client = new CramMd5Client(user, password);
            String challenge = challenge(server.start(Optional.empty()));
            assertThat(server.next(unb64(client.respond(challenge)).getBytes(StandardCharsets.UTF_8))).isEqualTo(new ServerStep.Success(user));
        });
    }

    /** draft-murchison-sasl-login-00 §2: user name then password, for any user and password, is accepted. */
    @Test
    void loginClientAndServerAgree() {
        qt().withExamples(100).forAll(username(), text(1, 20)).checkAssert((user, password) -> {
            UserCredentials creds = new UserCredentials(user, PasswordHash.create(password, Fixtures.FAST), fastScram(), Optional.empty());
            LoginServer server = new LoginServer(UsersFile.empty().with(creds));
            LoginClient client = new LoginClient(user, password);
            ServerStep step = server.start(Optional.empty());
            while (step instanceof ServerStep.Challenge c) {
                step = server.next(Scram.base64(client.respond(Base64Codec.encode(c.data()))).orElseThrow());
            }
            assertThat(step).isEqualTo(new ServerStep.Success(user));
        });
    }

    /**
     * Hostile input: any octets, at any step of any mechanism, give a step (a challenge or a typed
     * failure) — never an exception — and never a success for a user without the right proof.
     */
    @Test
    void serverMechanismsSurviveArbitraryOctets() {
        qt().withExamples(3000).forAll(integers().between(0, 3), bytes(0, 120), bytes(0, 120)).checkAssert((which, first, second) -> {
            ServerMechanism m = switch (which) {
                case 0 -> new PlainServer(Fixtures.USERS);
                case 1 -> new LoginServer(Fixtures.USERS);
                case 2 -> new CramMd5Server(Fixtures.USERS, "mx.exemple.com");
                default -> new ScramServer(Fixtures.USERS, Fixtures.FAST);
            };
            ServerStep a = m.start(Optional.of(first));
            ServerStep b = a instanceof ServerStep.Challenge ? m.next(second) : a;
            assertThat(a).isNotInstanceOf(ServerStep.Success.class);
            assertThat(b).isNotInstanceOf(ServerStep.Success.class);
        });
    }

    /** RFC 5802 §5.1: escaping a user name and reading it back gives the same name; the escaped form has no ",". */
    @Test
    void scramUsernameEscapingRoundTrips() {
        qt().withExamples(3000).forAll(text(0, 30)).check(name -> {
            String escaped = Scram.escapeUsername(name);
            return escaped.indexOf(',') < 0 && Scram.unescapeUsername(escaped).equals(Optional.of(name));
        });
    }

    /**
     * RFC 4954 §4 on hostile input through the engine: any AUTH line and any following lines (base64-ish
     * text, "*", "=", garbage) get only the replies of RFC 4954 §4 and §6 — never an exception, never a
     * 235 — and the session ends up back in command mode or closed.
     */
    @Test
    void authExchangeSurvivesHostileLines() {
        Gen<String> mechanism = Generate.pick(List.of("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-256", "X-UNKNOWN", "plain"));
        Gen<String> piece = Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(4, bytes(0, 60).map(Base64Codec::encode)),
                org.quicktheories.api.Pair.of(1, Generate.pick(List.of("*", "=", "", "=AAA", "AAA=BBB", "biws", "n,,n=u,r=x"))),
                org.quicktheories.api.Pair.of(2, text(0, 30).map(t -> t.replace('\r', ' ').replace('\n', ' ')))));
        qt().withExamples(1500).forAll(mechanism, piece, lists().of(piece).ofSizeBetween(0, 4)).checkAssert((mech, initial, lines) -> {
            io.github.smtplab.core.ServerSession s = new io.github.smtplab.core.ServerSession(
                    io.github.smtplab.core.ServerConfig.defaults("mx.exemple.com").withServerExtensions(List.of(
                            new AuthExtension(Fixtures.USERS, Fixtures.everythingInClear(), "mx.exemple.com", d -> { }, java.time.Instant::now))));
            s.start();
            Dialogue.send(s, "EHLO client.example");
            List<io.github.smtplab.core.Reply> replies = new java.util.ArrayList<>(Dialogue.send(s, "AUTH " + mech + (initial.isEmpty() ? "" : " " + initial)));
            for (String line : lines) {
                if (s.isClosed()) {
                    break;
                }
                replies.addAll(Dialogue.send(s, line));
            }
            assertThat(replies).allSatisfy(r -> assertThat(r.code()).isIn(334, 500, 501, 502, 503, 504, 535, 538, 421, 250, 530, 555));
            assertThat(s.authenticatedAs()).isEmpty();
        });
    }

    // ---- helpers ----

    /** A client nonce and a server nonce part. */
    record Nonces(String client, String server) {}

    /** Runs a whole exchange: client messages in base64 as on the wire, as the AUTH extension would. */
    static Optional<ServerStep> run(ScramClient client, ScramServer server) {
        ServerStep step = server.start(Optional.of(Scram.base64(client.initialResponse().orElseThrow()).orElseThrow()));
        for (int i = 0; i < 5 && step instanceof ServerStep.Challenge c; i++) {
            String answer = client.respond(Base64Codec.encode(c.data()));
            if (answer.equals("*")) {
                return Optional.empty();
            }
            step = server.next(Scram.base64(answer).orElseThrow());
        }
        return Optional.of(step);
    }

    static String challenge(ServerStep step) {
        assertThat(step).isInstanceOf(ServerStep.Challenge.class);
        return Base64Codec.encode(((ServerStep.Challenge) step).data());
    }

    private static final PasswordHash HASH = PasswordHash.create("unused", Fixtures.FAST);
    private static final ScramCredentials SCRAM = ScramCredentials.create("unused", Fixtures.FAST);

    static PasswordHash fastHash() {
        return HASH;
    }

    static ScramCredentials fastScram() {
        return SCRAM;
    }
}
