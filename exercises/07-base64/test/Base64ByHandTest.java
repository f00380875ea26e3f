import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exercise 07: each assertion names the rule of RFC 4648 and shows the input. */
class Base64ByHandTest {

    @Test
    @DisplayName("RFC 4648 10: the test vectors, with their padding")
    void rfcTestVectors() {
        String[][] vectors = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
        for (String[] v : vectors) {
            assertThat(Base64ByHand.encode(v[0].getBytes(US_ASCII)))
                    .as("RFC 4648 4: padding at the end of the data is performed using '=' (test vector of section 10); input \"%s\"", v[0])
                    .isEqualTo(v[1]);
        }
    }

    @Test
    @DisplayName("RFC 4648 4: every byte value, against java.util.Base64")
    void allBytesAgainstTheJdk() {
        Random random = new Random(4648);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Base64ByHand.encode(data))
                    .as("RFC 4648 4: the base64 alphabet (Table 1) and padding; input bytes %s", Arrays.toString(data))
                    .isEqualTo(Base64.getEncoder().encodeToString(data));
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(Base64ByHand.encode(all)).as("RFC 4648 4: bytes 0x00..0xFF (negative in Java) encode like any other").isEqualTo(Base64.getEncoder().encodeToString(all));
    }

    @Test
    @DisplayName("RFC 4648 4: decoding gives back the bytes")
    void decodes() {
        Random random = new Random(4954);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String text = Base64.getEncoder().encodeToString(data);
            assertThat(Base64ByHand.decode(text)).as("RFC 4648 4: decoding \"%s\"", text).isEqualTo(data);
        }
        assertThat(Base64ByHand.decode("AGFsaWNlAHNlY3JldA==")).as("RFC 4648 4: decoding an AUTH PLAIN response \"AGFsaWNlAHNlY3JldA==\"")
                .isEqualTo("\0alice\0secret".getBytes(US_ASCII));
    }

    @Test
    @DisplayName("RFC 4648 3.3: characters outside the alphabet are rejected")
    void rejectsNonAlphabet() {
        for (String text : List.of("Zm9v!A==", "Zm9v\r\nYg==", "Zm-v", "Zm_v", "Zm9 ")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 4648 3.3: implementations MUST reject encoded data with characters outside the base alphabet; input \"%s\"",
                            text.replace("\r", "\\r").replace("\n", "\\n"))
                    .isThrownBy(() -> Base64ByHand.decode(text));
        }
    }

    @Test
    @DisplayName("RFC 4648 4: a wrong length or misplaced padding is rejected")
    void rejectsBadShape() {
        for (String text : List.of("Zg", "Zm9", "Zm9vY", "Z===", "=Zm9", "Zg==Zg==", "Zm=v")) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("RFC 4648 4: output is whole units of 4 characters, '=' only at the end; input \"%s\"", text)
                    .isThrownBy(() -> Base64ByHand.decode(text));
        }
    }
}
