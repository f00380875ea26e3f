package io.github.smtplab.auth.sasl;

import static io.github.smtplab.auth.sasl.Fixtures.b64;
import static io.github.smtplab.auth.sasl.Fixtures.unb64;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.smtplab.auth.sasl.internal.CramMd5Client;
import io.github.smtplab.auth.sasl.internal.CramMd5Server;
import io.github.smtplab.auth.sasl.internal.Crypto;
import io.github.smtplab.auth.sasl.internal.LoginClient;
import io.github.smtplab.auth.sasl.internal.PlainMessage;
import io.github.smtplab.auth.sasl.internal.ScramClient;
import io.github.smtplab.auth.sasl.internal.ScramServer;
import io.github.smtplab.auth.sasl.internal.ServerStep;
import io.github.smtplab.mime.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published vectors of shared/conformance/sasl/vectors.txt, written here as data with their RFC
 * section: RFC 4648 §10, RFC 4616 §4, RFC 4954 §6, RFC 2195 §2, draft-murchison-sasl-login-00 §2,
 * RFC 7677 §3.
 */
class SaslVectorsTest {

    /** RFC 4648 §10: the base64 test vectors, through the one codec SASL uses (smtp-mime's). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''     | ''
            f      | Zg==
            fo     | Zm8=
            foo    | Zm9v
            foob   | Zm9vYg==
            fooba  | Zm9vYmE=
            foobar | Zm9vYmFy
            """)
    void rfc4648Section10Base64(String input, String expected) {
        assertThat(Base64Codec.encode(input.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
        assertThat(unb64(expected)).isEqualTo(input);
    }

    /** RFC 4616 §4: the two example messages, raw and in base64 (the base64 form is computed, per vectors.txt). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''    | tim  | tanstaaftanstaaf | AHRpbQB0YW5zdGFhZnRhbnN0YWFm | 21
            Ursel | Kurt | xipj3plmq        | VXJzZWwAS3VydAB4aXBqM3BsbXE= | 20
            """)
    void rfc4616Section4PlainMessages(String authzid, String authcid, String passwd, String base64, int octets) {
        PlainMessage message = new PlainMessage(authzid, authcid, passwd);
        assertThat(message.encode()).hasSize(octets);
        assertThat(Base64Codec.encode(message.encode())).isEqualTo(base64);
        assertThat(PlainMessage.decode(message.encode())).contains(message);
    }

    /** RFC 4954 §6: "AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=" is authzid=test, authcid=test, passwd=1234. */
    @Test
    void rfc4954Section6PlainExample() {
        byte[] raw = ((io.github.smtplab.mime.DecodeResult.Decoded) Base64Codec.decodeStrict("dGVzdAB0ZXN0ADEyMzQ=")).bytes();
        assertThat(PlainMessage.decode(raw)).contains(new PlainMessage("test", "test", "1234"));
    }

    /** RFC 4954 §6: the CRAM-MD5 challenge and response of the example decode as stated. */
    @Test
    void rfc4954Section6CramExampleDecodes() {
        assertThat(unb64("PDQxOTI5NDIzNDEuMTI4Mjg0NzJAc291cmNlZm91ci5hbmRyZXcuY211LmVkdT4="))
                .isEqualTo("<4192942341.12828472@sourcefour.andrew.cmu.edu>");
        assertThat(unb64("cmpzMyBlYzNhNTlmZWQzOTVhYmExZWM2MzY3YzRmNGI0MWFjMA=="))
                .isEqualTo("rjs3 ec3a59fed395aba1ec6367c4f4b41ac0");
    }

    /** RFC 2195 §2: tim / tanstaaftanstaaf answering {@code <1896.697170952@postoffice.reston.mci.net>}. */
    @Test
    void rfc2195Section2CramMd5() {
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        String challenge64 = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+";
        String response64 = "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw";
        assertThat(b64(challenge)).isEqualTo(challenge64);
        assertThat(Crypto.hex(Crypto.hmacMd5("tanstaaftanstaaf".getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII)))).isEqualTo("b913a602c7eda7a495b4e6e7334d3890");

        assertThat(new CramMd5Client("tim", "tanstaaftanstaaf").respond(challenge64)).isEqualTo(response64);

        CramMd5Server server = new CramMd5Server(Fixtures.USERS, challenge.getBytes(StandardCharsets.US_ASCII));
        assertThat(server.start(Optional.empty())).isInstanceOfSatisfying(ServerStep.Challenge.class,
                c -> assertThat(new String(c.data(), StandardCharsets.US_ASCII)).isEqualTo(challenge));
        assertThat(server.next(unb64(response64).getBytes(StandardCharsets.US_ASCII))).isEqualTo(new ServerStep.Success("tim"));
    }

    /** draft-murchison-sasl-login-00 §2: the client answers tim, then tanstaaftanstaaf, whatever the prompts say. */
    @Test
    void loginDraftSection2() {
        LoginClient client = new LoginClient("tim", "tanstaaftanstaaf");
        assertThat(client.initialResponse()).isEmpty();
        assertThat(client.respond("VXNlciBOYW1lAA==")).isEqualTo("dGlt");                  // "User Name\0"
        assertThat(client.respond("UGFzc3dvcmQA")).isEqualTo("dGFuc3RhYWZ0YW5zdGFhZg==");  // "Password\0"
        assertThat(client.respond("")).isEqualTo("*");
        // the de-facto prompts our server sends
        assertThat(unb64("VXNlcm5hbWU6")).isEqualTo("Username:");
        assertThat(unb64("UGFzc3dvcmQ6")).isEqualTo("Password:");
    }

    // RFC 7677 §3: SCRAM-SHA-256, user "user", password "pencil".
    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    /** RFC 7677 §3 (derived value in vectors.txt): SaltedPassword = Hi("pencil", salt, 4096). */
    @Test
    void rfc7677Section3SaltedPassword() {
        byte[] salt = ((io.github.smtplab.mime.DecodeResult.Decoded) Base64Codec.decodeStrict(SALT)).bytes();
        assertThat(HexFormat.of().formatHex(Crypto.hi("pencil".getBytes(StandardCharsets.US_ASCII), salt, 4096)))
                .isEqualTo("c4a49510323ab4f952cac1fa99441939e78ea74d6be81ddf7096e87513dc615d");
    }

    /** RFC 7677 §3: our client, given the example's nonce, sends exactly the example's messages and accepts v=. */
    @Test
    void rfc7677Section3Client() {
        ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE);
        assertThat(client.initialResponse().map(Fixtures::unb64)).contains(CLIENT_FIRST);
        assertThat(unb64(client.respond(b64(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        assertThat(client.serverVerified()).isFalse();
        assertThat(client.respond(b64(SERVER_FINAL))).isEmpty();
        assertThat(client.serverVerified()).isTrue();
    }

    /** RFC 7677 §3: our server, given the example's nonce and salt, sends exactly the example's messages. */
    @Test
    void rfc7677Section3Server() {
        byte[] salt = ((io.github.smtplab.mime.DecodeResult.Decoded) Base64Codec.decodeStrict(SALT)).bytes();
        UserCredentials user = new UserCredentials("user", PasswordHash.create("pencil", 4096),
                ScramCredentials.derive("pencil", salt, 4096), Optional.empty());
        ScramServer server = new ScramServer(UsersFile.empty().with(user), SERVER_NONCE, 4096);
        ServerStep first = server.start(Optional.of(CLIENT_FIRST.getBytes(StandardCharsets.US_ASCII)));
        assertThat(first).isInstanceOfSatisfying(ServerStep.Challenge.class,
                c -> assertThat(new String(c.data(), StandardCharsets.US_ASCII)).isEqualTo(SERVER_FIRST));
        ServerStep fin = server.next(CLIENT_FINAL.getBytes(StandardCharsets.US_ASCII));
        assertThat(fin).isInstanceOfSatisfying(ServerStep.Challenge.class,
                c -> assertThat(new String(c.data(), StandardCharsets.US_ASCII)).isEqualTo(SERVER_FINAL));
        assertThat(server.next(new byte[0])).isEqualTo(new ServerStep.Success("user"));
    }

    /** RFC 5802 §5.1 / vectors.txt: "biws" is base64("n,,"), the GS2 header without channel binding. */
    @Test
    void rfc5802Gs2HeaderBiws() {
        assertThat(b64("n,,")).isEqualTo("biws");
    }
}
