/**
 * Exercise 10: the client side of SCRAM-SHA-256 (RFC 5802 with SHA-256, RFC 7677), without channel binding.
 */
final class ScramClient {

    private ScramClient() {}

    /** The client-first message, e.g. {@code n,,n=user,r=rOprNGfwEbeRWgbNEkqO}. */
    static String clientFirst(String user, String clientNonce) {
        throw new UnsupportedOperationException("exercise 10: write clientFirst()");
    }

    /**
     * The client-final message {@code c=biws,r=NONCE,p=PROOF} answering the server-first message.
     *
     * @throws IllegalArgumentException when the server's nonce does not extend the client's
     */
    static String clientFinal(String user, String password, String clientNonce, String serverFirst) {
        throw new UnsupportedOperationException("exercise 10: write clientFinal()");
    }
}
