/**
 * Exercise 07: base64 (RFC 4648 section 4), by hand.
 */
final class Base64ByHand {

    private Base64ByHand() {}

    /** The base64 text of the bytes, padded with '=' to a multiple of four characters. */
    static String encode(byte[] data) {
        throw new UnsupportedOperationException("exercise 07: write encode()");
    }

    /**
     * The bytes of a base64 text.
     *
     * @throws IllegalArgumentException for a character outside the alphabet, a wrong length or misplaced '='
     */
    static byte[] decode(String text) {
        throw new UnsupportedOperationException("exercise 07: write decode()");
    }
}
