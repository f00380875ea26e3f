import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Exercise 09, reference solution: CRAM-MD5 (RFC 2195 section 2).
 */
final class CramMd5 {

    private CramMd5() {}

    static String answer(String user, String password, String challengeBase64) {
        byte[] challenge = Base64.getDecoder().decode(challengeBase64); // RFC 4954 4: the challenge is base64
        try {
            Mac hmac = Mac.getInstance("HmacMD5"); // RFC 2195 2: keyed MD5, the key is the shared secret
            hmac.init(new SecretKeySpec(password.getBytes(UTF_8), "HmacMD5"));
            String digest = HexFormat.of().formatHex(hmac.doFinal(challenge)); // lower-case hexadecimal
            return Base64.getEncoder().encodeToString((user + " " + digest).getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is in every JDK", e);
        }
    }
}
