import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;

/**
 * Exercise 08, reference solution: PLAIN (RFC 4616) and LOGIN for SMTP AUTH (RFC 4954).
 */
final class PlainAndLogin {

    record Credentials(String authzid, String authcid, String password) {}

    private PlainAndLogin() {}

    static String plainResponse(String authzid, String authcid, String password) {
        // RFC 4616 2: message = [authzid] UTF8NUL authcid UTF8NUL passwd, in UTF-8
        return Base64.getEncoder().encodeToString((authzid + "\0" + authcid + "\0" + password).getBytes(UTF_8));
    }

    static Credentials decodePlain(String base64) {
        String[] parts = new String(Base64.getDecoder().decode(base64), UTF_8).split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("RFC 4616 2: authzid NUL authcid NUL passwd, with authcid and passwd not empty");
        }
        return new Credentials(parts[0], parts[1], parts[2]);
    }

    static final class LoginClient {

        private final String user;
        private final String password;
        private int asked;

        LoginClient(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String answer(String challenge) {
            Base64.getDecoder().decode(challenge); // RFC 4954 4: the challenge is base64; its text is ignored
            return switch (asked++) {
                case 0 -> Base64.getEncoder().encodeToString(user.getBytes(UTF_8));
                case 1 -> Base64.getEncoder().encodeToString(password.getBytes(UTF_8));
                default -> throw new IllegalArgumentException("LOGIN asks for a user name and a password, nothing more");
            };
        }
    }
}
