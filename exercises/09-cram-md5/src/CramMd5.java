/**
 * Exercise 09: the client's answer in CRAM-MD5 (RFC 2195 section 2) as SMTP AUTH carries it (RFC 4954).
 */
final class CramMd5 {

    private CramMd5() {}

    /**
     * The base64 answer to a {@code 334} challenge: base64 of the user name, a space and the lower-case hex
     * HMAC-MD5 of the decoded challenge keyed with the password.
     */
    static String answer(String user, String password, String challengeBase64) {
        throw new UnsupportedOperationException("exercise 09: write answer()");
    }
}
