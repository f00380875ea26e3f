import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Exercise 10, reference solution: SCRAM-SHA-256 client (RFC 5802 section 3, RFC 7677).
 */
final class ScramClient {

    /** RFC 5802 7: the GS2 header without channel binding nor authzid. */
    private static final String GS2_HEADER = "n,,";

    private ScramClient() {}

    static String clientFirst(String user, String clientNonce) {
        return GS2_HEADER + bare(user, clientNonce);
    }

    private static String bare(String user, String clientNonce) {
        // RFC 5802 5.1: ',' and '=' in user names are sent as '=2C' and '=3D'
        return "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    static String clientFinal(String user, String password, String clientNonce, String serverFirst) {
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String attribute : serverFirst.split(",")) {
            if (attribute.startsWith("r=")) {
                nonce = attribute.substring(2);
            } else if (attribute.startsWith("s=")) {
                salt = Base64.getDecoder().decode(attribute.substring(2));
            } else if (attribute.startsWith("i=")) {
                iterations = Integer.parseInt(attribute.substring(2));
            }
        }
        // RFC 5802 5.1: the server's nonce starts with the client's
        if (nonce == null || salt == null || iterations < 1 || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new IllegalArgumentException("RFC 5802 5.1: bad server-first message: " + serverFirst);
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(UTF_8)) + ",r=" + nonce;
        String authMessage = bare(user, clientNonce) + "," + serverFirst + "," + withoutProof;
        try {
            byte[] salted = hi(password.getBytes(UTF_8), salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key".getBytes(UTF_8));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] proof = xor(clientKey, hmac(storedKey, authMessage.getBytes(UTF_8)));
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    /** RFC 5802 2.2: Hi(str, salt, i) = U1 XOR ... XOR Ui. */
    private static byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        byte[] first = new byte[salt.length + 4];
        System.arraycopy(salt, 0, first, 0, salt.length);
        first[salt.length + 3] = 1; // INT(1), most significant octet first
        byte[] u = hmac(password, first);
        byte[] result = u.clone();
        for (int n = 2; n <= iterations; n++) {
            u = hmac(password, u);
            result = xor(result, u);
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
