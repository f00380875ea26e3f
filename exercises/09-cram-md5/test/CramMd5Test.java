import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 09: each assertion names the rule of RFC 2195 and shows the input and the decoded answer. */
class CramMd5Test {

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), UTF_8);
    }

    private static String expected(String user, String password, String challenge) throws Exception {
        Mac hmac = Mac.getInstance("HmacMD5");
        hmac.init(new SecretKeySpec(password.getBytes(UTF_8), "HmacMD5"));
        return user + " " + HexFormat.of().formatHex(hmac.doFinal(challenge.getBytes(UTF_8)));
    }

    @Test
    @DisplayName("RFC 2195 2: the example of the RFC (tim, tanstaaftanstaaf)")
    void rfcExample() {
        String answer = CramMd5.answer("tim", "tanstaaftanstaaf", "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
        assertThat(decoded(answer)).as("RFC 2195 2: user name, a space, and the keyed MD5 digest of <1896.697170952@postoffice.reston.mci.net> in lower-case hex")
                .isEqualTo("tim b913a602c7eda7a495b4e6e7334d3890");
        assertThat(answer).as("RFC 4954 4: the answer is base64, as in RFC 2195's example").isEqualTo("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
    }

    @Test
    @DisplayName("RFC 2195 2: the digest is HMAC-MD5 of the decoded challenge, keyed with the password")
    void otherChallenges() throws Exception {
        String[][] cases = {
            {"alice@monentreprise.fr", "s3cret", "<12345.1733472000@submit.monentreprise.fr>"},
            {"bob", "a much longer shared secret than sixty-four bytes, so HMAC hashes the key first!!", "<1.2@mx.exemple.com>"},
        };
        for (String[] c : cases) {
            String challenge = Base64.getEncoder().encodeToString(c[2].getBytes(UTF_8));
            assertThat(decoded(CramMd5.answer(c[0], c[1], challenge)))
                    .as("RFC 2195 2: keyed MD5 (HMAC, RFC 2104) of the timestamp including angle-brackets; user %s, password %s, challenge %s", c[0], c[1], c[2])
                    .isEqualTo(expected(c[0], c[1], c[2]));
        }
    }

    @Test
    @DisplayName("RFC 2195 2: the digest is in lower-case hexadecimal")
    void lowerCaseHex() {
        String answer = decoded(CramMd5.answer("tim", "tanstaaftanstaaf", "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"));
        assertThat(answer.substring(answer.indexOf(' ') + 1))
                .as("RFC 2195 2: the 16-octet digest is sent in hexadecimal format, using lower-case ASCII characters; answer %s", answer)
                .matches("[0-9a-f]{32}");
    }

    @Test
    @DisplayName("RFC 2195 2: UTF-8 user names and secrets")
    void utf8() throws Exception {
        String challenge = "<99.1@submit.monentreprise.fr>";
        assertThat(decoded(CramMd5.answer("élodie", "mot de passe ñ", Base64.getEncoder().encodeToString(challenge.getBytes(UTF_8)))))
                .as("RFC 2195 2: user name, a space, digest; user élodie, password \"mot de passe ñ\" in UTF-8, challenge %s", challenge)
                .isEqualTo(expected("élodie", "mot de passe ñ", challenge));
    }
}
