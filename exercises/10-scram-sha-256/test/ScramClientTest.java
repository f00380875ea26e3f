import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 10: each assertion names the rule of RFC 5802 or RFC 7677 and shows the messages. */
class ScramClientTest {

    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    @Test
    @DisplayName("RFC 7677 3: the client-first message of the example")
    void clientFirstOfTheExample() {
        assertThat(ScramClient.clientFirst("user", "rOprNGfwEbeRWgbNEkqO"))
                .as("RFC 5802 7: client-first-message = gs2-header client-first-message-bare; user \"user\", nonce rOprNGfwEbeRWgbNEkqO")
                .isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    }

    @Test
    @DisplayName("RFC 7677 3: the client proof of the example (user, pencil)")
    void proofOfTheExample() {
        assertThat(ScramClient.clientFinal("user", "pencil", "rOprNGfwEbeRWgbNEkqO", SERVER_FIRST))
                .as("RFC 5802 3: ClientProof := ClientKey XOR ClientSignature, with SHA-256 (RFC 7677 3); server-first %s", SERVER_FIRST)
                .isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    }

    @Test
    @DisplayName("RFC 5802 3: the proof depends on the password, the salt and the iteration count")
    void proofChangesWithItsInputs() {
        String base = ScramClient.clientFinal("user", "pencil", "rOprNGfwEbeRWgbNEkqO", SERVER_FIRST);
        List<String[]> variants = List.of(
                new String[] {"pencil2", SERVER_FIRST},
                new String[] {"pencil", SERVER_FIRST.replace("s=W22ZaJ0SNY7soEsUEjb6gQ==", "s=QSXCR+Q6sek8bf92")},
                new String[] {"pencil", SERVER_FIRST.replace("i=4096", "i=4097")});
        for (String[] v : variants) {
            assertThat(ScramClient.clientFinal("user", v[0], "rOprNGfwEbeRWgbNEkqO", v[1]))
                    .as("RFC 5802 3: SaltedPassword := Hi(password, salt, i); password %s, server-first %s", v[0], v[1])
                    .isNotEqualTo(base).startsWith("c=biws,r=");
        }
    }

    @Test
    @DisplayName("RFC 5802 5.1: ',' and '=' in user names are sent as =2C and =3D")
    void userNameEscaped() {
        assertThat(ScramClient.clientFirst("a,b=c", "xyz"))
                .as("RFC 5802 5.1: the characters ',' or '=' in usernames are sent as '=2C' and '=3D'; user \"a,b=c\"")
                .isEqualTo("n,,n=a=2Cb=3Dc,r=xyz");
        assertThat(ScramClient.clientFinal("a,b=c", "pencil", "rOprNGfwEbeRWgbNEkqO", SERVER_FIRST))
                .as("RFC 5802 5.1: the escaped name is part of the AuthMessage, so the proof changes; user \"a,b=c\"")
                .isNotEqualTo(ScramClient.clientFinal("a,b", "pencil", "rOprNGfwEbeRWgbNEkqO", SERVER_FIRST));
    }

    @Test
    @DisplayName("RFC 5802 5.1: the client MUST verify that the server's nonce starts with its own")
    void serverNonceChecked() {
        for (String serverFirst : List.of("r=SOMETHINGELSE,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 5802 5.1: the initial part of the nonce MUST be the client's, and the server augments it; server-first %s", serverFirst)
                    .isThrownBy(() -> ScramClient.clientFinal("user", "pencil", "rOprNGfwEbeRWgbNEkqO", serverFirst));
        }
    }
}
