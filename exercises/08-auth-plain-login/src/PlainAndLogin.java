/**
 * Exercise 08: the PLAIN (RFC 4616) and LOGIN SASL mechanisms, as used by SMTP AUTH (RFC 4954).
 */
final class PlainAndLogin {

    /**
     * What a PLAIN message carries.
     *
     * @param authzid  the identity to act as, empty when none
     * @param authcid  the identity whose password is checked
     * @param password the clear-text password
     */
    record Credentials(String authzid, String authcid, String password) {}

    private PlainAndLogin() {}

    /** The client's PLAIN response, base64 of authzid NUL authcid NUL password in UTF-8. */
    static String plainResponse(String authzid, String authcid, String password) {
        throw new UnsupportedOperationException("exercise 08: write plainResponse()");
    }

    /**
     * The server's reading of a PLAIN response.
     *
     * @throws IllegalArgumentException when the message is malformed
     */
    static Credentials decodePlain(String base64) {
        throw new UnsupportedOperationException("exercise 08: write decodePlain()");
    }

    /** The client side of LOGIN: one answer per 334 challenge. */
    static final class LoginClient {

        private final String user;
        private final String password;

        LoginClient(String user, String password) {
            this.user = user;
            this.password = password;
        }

        /**
         * The base64 answer to the base64 challenge of a 334 reply.
         *
         * @throws IllegalArgumentException after two challenges, or when the challenge is not base64
         */
        String answer(String challenge) {
            throw new UnsupportedOperationException("exercise 08: write answer()");
        }
    }
}
