import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 08: each assertion names the rule of RFC 4616 or RFC 4954 and shows the input. */
class PlainAndLoginTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    @Test
    @DisplayName("RFC 4616 2: authzid NUL authcid NUL passwd, the first NUL even with no authzid")
    void plainWithoutAuthzid() {
        assertThat(PlainAndLogin.plainResponse("", "test", "1234"))
                .as("RFC 4616 2: message = [authzid] UTF8NUL authcid UTF8NUL passwd; input (\"\", \"test\", \"1234\")")
                .isEqualTo("AHRlc3QAMTIzNA==");
    }

    @Test
    @DisplayName("RFC 4616 2: the example of RFC 4954 4, with an authorization identity")
    void plainWithAuthzid() {
        assertThat(PlainAndLogin.plainResponse("test", "test", "1234"))
                .as("RFC 4616 2: authzid NUL authcid NUL passwd (RFC 4954 4's AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=); input (\"test\", \"test\", \"1234\")")
                .isEqualTo("dGVzdAB0ZXN0ADEyMzQ=");
    }

    @Test
    @DisplayName("RFC 4616 2: the characters are UTF-8")
    void plainInUtf8() {
        assertThat(PlainAndLogin.plainResponse("", "élodie", "mot de passe ñ"))
                .as("RFC 4616 2: a string of UTF-8 encoded Unicode characters; input (\"\", \"élodie\", \"mot de passe ñ\")")
                .isEqualTo(b64("\0élodie\0mot de passe ñ"));
    }

    @Test
    @DisplayName("RFC 4616 2: the server reads authzid, authcid and password")
    void serverDecodes() {
        PlainAndLogin.Credentials c = PlainAndLogin.decodePlain("dGVzdAB0ZXN0ADEyMzQ=");
        assertThat(c).as("RFC 4616 2: decoding dGVzdAB0ZXN0ADEyMzQ=").isEqualTo(new PlainAndLogin.Credentials("test", "test", "1234"));
        PlainAndLogin.Credentials empty = PlainAndLogin.decodePlain(b64("\0bob\0s3cret"));
        assertThat(empty).as("RFC 4616 2: an empty authzid; input \\0bob\\0s3cret").isEqualTo(new PlainAndLogin.Credentials("", "bob", "s3cret"));
        PlainAndLogin.Credentials utf8 = PlainAndLogin.decodePlain(b64("\0élodie\0ñ"));
        assertThat(utf8.authcid()).as("RFC 4616 2: UTF-8 on the server side too; input \\0élodie\\0ñ").isEqualTo("élodie");
    }

    @Test
    @DisplayName("RFC 4616 2: a malformed message is refused")
    void serverRefusesMalformed() {
        for (String message : List.of("bob\0s3cret", "\0bob\0s3cret\0more", "\0\0s3cret", "\0bob\0", "bob")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 4616 2: message = [authzid] UTF8NUL authcid UTF8NUL passwd, authcid and passwd 1*SAFE; input %s", message.replace("\0", "\\0"))
                    .isThrownBy(() -> PlainAndLogin.decodePlain(b64(message)));
        }
    }

    @Test
    @DisplayName("RFC 4954 4: LOGIN answers the user name, then the password, in base64")
    void login() {
        PlainAndLogin.LoginClient client = new PlainAndLogin.LoginClient("tim", "tanstaaftanstaaf");
        assertThat(client.answer("VXNlcm5hbWU6")).as("RFC 4954 4: the answer to 334 VXNlcm5hbWU6 (Username:) is base64 of the user name").isEqualTo("dGlt");
        assertThat(client.answer("UGFzc3dvcmQ6")).as("RFC 4954 4: the answer to 334 UGFzc3dvcmQ6 (Password:) is base64 of the password").isEqualTo("dGFuc3RhYWZ0YW5zdGFhZg==");
        assertThatExceptionOfType(IllegalArgumentException.class).as("RFC 4954 4: LOGIN has two challenges, not three")
                .isThrownBy(() -> client.answer("UGFzc3dvcmQ6"));
    }

    @Test
    @DisplayName("RFC 4954 4: LOGIN ignores the wording of the challenges (\"User Name\" or \"Username:\")")
    void loginIgnoresChallengeText() {
        PlainAndLogin.LoginClient client = new PlainAndLogin.LoginClient("élodie", "pässword");
        assertThat(client.answer(b64("User Name"))).as("RFC 4954 4: first challenge \"User Name\": the user name, UTF-8").isEqualTo(b64("élodie"));
        assertThat(client.answer(b64("Password"))).as("RFC 4954 4: second challenge \"Password\": the password, UTF-8").isEqualTo(b64("pässword"));
        PlainAndLogin.LoginClient other = new PlainAndLogin.LoginClient("tim", "x");
        assertThatExceptionOfType(IllegalArgumentException.class).as("RFC 4954 4: a challenge that is not base64 (\"Username:\" in clear)")
                .isThrownBy(() -> other.answer("Username:"));
    }
}
